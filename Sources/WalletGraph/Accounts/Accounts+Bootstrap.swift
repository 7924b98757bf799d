import Foundation
import SQLDriver
import WalletGraphQueries

/// What the server's startup asks of accounts (the admin bootstrap, the demo seed), so that it never reaches
/// into SQL itself.
extension Accounts {
    /// A user's id, role and password hash, for the bootstrap's checks; never leaves the server.
    public struct StoredLogin: Sendable {
        public let id: UUID
        /// The stored role text (an unknown one is reported as it is).
        public let role: String
        public let passwordHash: String
    }

    /// How many users there are.
    public func countUsers() async throws -> Int {
        try await pool.withConnection(readOnly: true) { connection in
            Int(try await Queries(connection).countUsers() ?? 0)
        }
    }

    /// How many administrators there are.
    public func countAdmins() async throws -> Int {
        try await pool.withConnection(readOnly: true) { connection in
            Int(try await Queries(connection).countAdmins() ?? 0)
        }
    }

    /// The login of `username` (normalised by the query), or nil.
    public func storedLogin(username: String) async throws -> StoredLogin? {
        try await pool.withConnection(readOnly: true) { connection in
            try await Queries(connection).getUserByUsername(username: username).map {
                StoredLogin(id: $0.id, role: $0.role, passwordHash: $0.passwordHash)
            }
        }
    }

    /// Sets `passwordHash` as `userID`'s password whatever it was, and bumps the token version (older tokens stop
    /// working). For an operator's reset; returns the new token version, or nil when there is no such user.
    @discardableResult
    public func resetPassword(userID: UUID, passwordHash: String) async throws -> Int64? {
        let now = clock.now()
        return try await pool.withTransaction(.readWrite, retry: .standard) { connection in
            try await Queries(connection).bumpTokenVersion(passwordHash: passwordHash, now: now, id: userID)
        }
    }
}
