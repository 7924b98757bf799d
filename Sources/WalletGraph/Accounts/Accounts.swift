import Foundation
import SQLDriver
import WalletGraphQueries

/// A user as stored, without the password hash.
public struct UserRecord: Sendable, Hashable {
    public let id: UUID
    public let username: String
    public let name: String
    public let email: String
    public let phone: String
    public let nik: String?
    public let role: Role
    public let tokenVersion: Int64
    public let createdAt: Date
}

/// Users: creation with validated, normalised profiles and unique usernames, emails and NIKs. Password hashing
/// and tokens belong to the server; this stores the hash it is given.
public struct Accounts: Sendable {
    public let pool: SQLPool
    let clock: LedgerClock

    public init(pool: SQLPool, clock: LedgerClock = .system) {
        self.pool = pool
        self.clock = clock
    }

    /// A new user. A taken username, email or NIK is ``ErrorCode/usernameTaken``, ``ErrorCode/emailTaken`` or
    /// ``ErrorCode/nikTaken``. `id` defaults to a new UUIDv7; the demo seed gives its accounts ids of its own.
    public func createUser(
        _ profile: UserProfile, passwordHash: String, role: Role = .user, id chosenID: UUID? = nil
    ) async throws -> UserRecord {
        let now = clock.now()
        let id = chosenID ?? UUIDv7.make(at: now)
        do {
            return try await pool.withTransaction(.readWrite, retry: .standard) { connection in
                let queries = Queries(connection)
                _ = try await queries.createUser(
                    CreateUserParams(
                        id: id, username: profile.username, name: profile.name, email: profile.email,
                        phone: profile.phone, nik: profile.nik, passwordHash: passwordHash, role: role.rawValue, now: now))
                return UserRecord(
                    id: id, username: profile.username, name: profile.name, email: profile.email, phone: profile.phone,
                    nik: profile.nik, role: role, tokenVersion: 0, createdAt: now)
            }
        } catch let error as SQLError where error.code == .uniqueViolation {
            switch error.constraint {
            case "users_username_key": throw DomainError(.usernameTaken, field: ["username"])
            case "users_email_key": throw DomainError(.emailTaken, field: ["email"])
            case "users_nik_key": throw DomainError(.nikTaken, field: ["nik"])
            default: throw error
            }
        }
    }

    /// The user `id`, or nil.
    public func user(_ id: UUID) async throws -> UserRecord? {
        try await pool.withConnection(readOnly: true) { connection in
            guard let row = try await Queries(connection).getUser(id: id) else { return nil }
            guard let role = Role(rawValue: row.role) else {
                throw CorruptRow(description: "user \(row.id) has role \(row.role)")
            }
            return UserRecord(
                id: row.id, username: row.username, name: row.name, email: row.email, phone: row.phone, nik: row.nik,
                role: role, tokenVersion: row.tokenVersion, createdAt: row.createdAt)
        }
    }
}
