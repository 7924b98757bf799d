import Foundation
import SQLDriver
import WalletGraphQueries

/// Passwords: creating a user from a plain password, and replacing a password (which ends every older token).
extension Accounts {
    /// A new user whose password is `password`, checked by ``PasswordPolicy`` and hashed with `hasher` (bcrypt, on
    /// the thread pool). For the server's bootstrap (an admin from `ADMIN_USERNAME`/`ADMIN_PASSWORD`) and the
    /// seeds; `signUp` uses the same steps. A password that breaks the policy is ``ErrorCode/invalidInput`` with
    /// field `["password"]`; a taken username, email or NIK is as in ``createUser(_:passwordHash:role:)``.
    public func createUser(
        _ profile: UserProfile, password: String, role: Role = .user, hasher: PasswordHasher
    ) async throws -> UserRecord {
        try PasswordPolicy.check(password)
        return try await createUser(profile, passwordHash: try await hasher.hash(password), role: role)
    }

    /// Sets `passwordHash` as the password of `userID` and bumps its token version, in one statement, when the
    /// version is still `expectedTokenVersion`. Returns the new token version, or nil when the user is gone or
    /// its version moved on (another password change won): every token issued before stops working either way.
    public func replacePassword(
        userID: UUID, passwordHash: String, expectedTokenVersion: Int64
    ) async throws -> Int64? {
        let now = clock.now()
        return try await pool.withTransaction(.readWrite, retry: .standard) { connection in
            try await Queries(connection).replacePassword(
                ReplacePasswordParams(
                    passwordHash: passwordHash, now: now, id: userID, expectedTokenVersion: expectedTokenVersion))
        }
    }

    /// Sets the password of `userID` to `password` (policy-checked, hashed with `hasher`) whatever it was, and
    /// bumps the token version. For an operator's reset (the server's admin bootstrap); nil when there is no
    /// such user.
    @discardableResult
    public func setPassword(userID: UUID, password: String, hasher: PasswordHasher) async throws -> Int64? {
        try PasswordPolicy.check(password)
        let hash = try await hasher.hash(password)
        // A concurrent change can move the version between the read and the write; one more round settles it.
        for _ in 0..<3 {
            guard let current = try await user(userID) else { return nil }
            if let version = try await replacePassword(
                userID: userID, passwordHash: hash, expectedTokenVersion: current.tokenVersion)
            {
                return version
            }
        }
        throw DomainError(.ledgerBusy, detail: "the user's token version kept changing")
    }
}

extension UserRecord {
    /// The user of a credentials row, without its hash.
    init(credentials row: GetCredentialsByUsernameRow) throws {
        try self.init(
            id: row.id, username: row.username, name: row.name, email: row.email, phone: row.phone, nik: row.nik,
            roleText: row.role, tokenVersion: row.tokenVersion, createdAt: row.createdAt)
    }

    /// The user of a credentials row, without its hash.
    init(credentials row: GetCredentialsByIDRow) throws {
        try self.init(
            id: row.id, username: row.username, name: row.name, email: row.email, phone: row.phone, nik: row.nik,
            roleText: row.role, tokenVersion: row.tokenVersion, createdAt: row.createdAt)
    }

    private init(
        id: UUID, username: String, name: String, email: String, phone: String, nik: String?, roleText: String,
        tokenVersion: Int64, createdAt: Date
    ) throws {
        guard let role = Role(rawValue: roleText) else {
            throw CorruptRow(description: "user \(id) has role \(roleText)")
        }
        self.init(
            id: id, username: username, name: name, email: email, phone: phone, nik: nik, role: role,
            tokenVersion: tokenVersion, createdAt: createdAt)
    }

    /// The same user at a new token version (after a password change).
    func withTokenVersion(_ version: Int64) -> UserRecord {
        UserRecord(
            id: id, username: username, name: name, email: email, phone: phone, nik: nik, role: role,
            tokenVersion: version, createdAt: createdAt)
    }
}
