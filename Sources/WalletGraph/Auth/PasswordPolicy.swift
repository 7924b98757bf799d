/// What a new password must be: at least ``PasswordHasher/minimumPasswordCharacters`` characters, at most
/// ``PasswordHasher/maximumPasswordBytes`` UTF-8 bytes (bcrypt ignores anything beyond 72 bytes, so a longer
/// password is refused rather than silently truncated), and no C0 control character or DEL (bcrypt stops at the
/// first NUL byte: "ab\u{0}cdefghij" would be stored as "ab"). Pure rules, no I/O.
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
        guard !containsControlCharacters(password) else {
            throw DomainError(.invalidInput, field: [field], detail: "no control characters")
        }
    }

    /// Whether bcrypt reads all of `password`.
    public static func fitsBcrypt(_ password: String) -> Bool {
        password.utf8.count <= PasswordHasher.maximumPasswordBytes
    }

    /// Whether `password` holds U+0000...U+001F or U+007F.
    public static func containsControlCharacters(_ password: String) -> Bool {
        password.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Whether `password` could be a stored one: bcrypt reads all of it and it has no control character. Any other
    /// password never matches (and is verified against the decoy hash so that it takes as long).
    public static func canMatch(_ password: String) -> Bool {
        fitsBcrypt(password) && !containsControlCharacters(password)
    }
}
