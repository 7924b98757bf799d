/// What a new password must be: at least ``PasswordHasher/minimumPasswordCharacters`` characters and at most
/// ``PasswordHasher/maximumPasswordBytes`` UTF-8 bytes (bcrypt ignores anything beyond 72 bytes, so a longer
/// password is refused rather than silently truncated). Pure rules, no I/O.
public enum PasswordPolicy {
    /// Throws ``ErrorCode/invalidInput`` naming `field` when `password` breaks a rule.
    public static func check(_ password: String, field: String = "password") throws(DomainError) {
        guard password.count >= PasswordHasher.minimumPasswordCharacters else {
            throw DomainError(
                .invalidInput, field: [field],
                detail: "at least \(PasswordHasher.minimumPasswordCharacters) characters")
        }
        guard fitsBcrypt(password) else {
            throw DomainError(
                .invalidInput, field: [field], detail: "at most \(PasswordHasher.maximumPasswordBytes) UTF-8 bytes")
        }
    }

    /// Whether bcrypt reads all of `password`.
    public static func fitsBcrypt(_ password: String) -> Bool {
        password.utf8.count <= PasswordHasher.maximumPasswordBytes
    }
}
