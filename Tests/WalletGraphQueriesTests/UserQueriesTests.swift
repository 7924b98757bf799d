import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

/// Every function generated from queries/users.sql that reads or writes single users, on each engine.
@Suite("Generated user queries")
struct UserQueriesTests {
    @Test("createUser, getUser, getUserByUsername (lower($1)) and deleteUser round-trip a user", arguments: Engine.all)
    func createReadDelete(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Queries(connection)
                let alice = newUser("alice", nik: "3201234567890123", at: 5)
                let created = try await queries.createUser(alice)
                #expect(created == CreateUserRow(id: alice.id, username: "alice", createdAt: moment(5)))
                let fetched = try await queries.getUser(id: alice.id)
                #expect(
                    fetched
                        == GetUserRow(
                            id: alice.id, username: "alice", name: "Alice", email: "alice@example.com",
                            phone: alice.phone, nik: "3201234567890123", role: "user", tokenVersion: 0,
                            createdAt: moment(5), updatedAt: moment(5)))
                let byName = try await queries.getUserByUsername(username: "ALICE")
                #expect(byName?.id == alice.id)
                #expect(byName?.passwordHash == "hash-alice")
                try await queries.deleteUser(id: alice.id)
                let gone = try await queries.getUser(id: alice.id)
                #expect(gone == nil)
            }
        }
    }

    @Test("bumpTokenVersion increments and returns the version (UPDATE … RETURNING)", arguments: Engine.all)
    func bumpTokenVersion(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Queries(connection)
                let bob = newUser("bob")
                _ = try await queries.createUser(bob)
                let first = try await queries.bumpTokenVersion(passwordHash: "new", now: moment(10), id: bob.id)
                let second = try await queries.bumpTokenVersion(passwordHash: "newer", now: moment(11), id: bob.id)
                #expect(first == 1)
                #expect(second == 2)
                let missing = try await queries.bumpTokenVersion(passwordHash: "x", now: moment(12), id: UUID())
                #expect(missing == nil)
                let user = try await queries.getUser(id: bob.id)
                #expect(user?.updatedAt == moment(11))
            }
        }
    }

    @Test("userNik, setNik (IS DISTINCT FROM) and updateUserContact (sqlc.narg keeps a column when nil)", arguments: Engine.all)
    func nullableColumnsAndParameters(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Queries(connection)
                let carol = newUser("carol")
                _ = try await queries.createUser(carol)
                let before = try await queries.userNik(id: carol.id)
                #expect(before == UserNikRow(nik: nil))
                let nobody = try await queries.userNik(id: UUID())
                #expect(nobody == nil)
                let set = try await queries.setNik(id: carol.id, nik: "3201234567890123", updatedAt: moment(20))
                let unchanged = try await queries.setNik(id: carol.id, nik: "3201234567890123", updatedAt: moment(21))
                #expect(set == 1)
                #expect(unchanged == 0)
                let after = try await queries.userNik(id: carol.id)
                #expect(after == UserNikRow(nik: "3201234567890123"))
                let cleared = try await queries.setNik(id: carol.id, nik: nil, updatedAt: moment(22))
                #expect(cleared == 1)
                let afterClear = try await queries.userNik(id: carol.id)
                #expect(afterClear == UserNikRow(nik: nil))

                let changed = try await queries.updateUserContact(
                    UpdateUserContactParams(email: nil, phone: "+6289999", now: moment(30), id: carol.id))
                #expect(changed == 1)
                let user = try await queries.getUser(id: carol.id)
                #expect(user?.email == "carol@example.com")
                #expect(user?.phone == "+6289999")
                #expect(user?.updatedAt == moment(30))
            }
        }
    }

    @Test("userSummary: length, GREATEST (max on SQLite), CASE and a comparison as columns", arguments: Engine.all)
    func userSummary(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Queries(connection)
                let admin = newUser("dina", role: "admin", at: 100)
                _ = try await queries.createUser(admin)
                let recent = try await queries.userSummary(id: admin.id, since: moment(50))
                #expect(
                    recent
                        == UserSummaryRow(username: "dina", nameLength: 4, versionFloor: 1, isAdmin: true, recentlyUpdated: true))
                _ = try await queries.bumpTokenVersion(passwordHash: "h", now: moment(100), id: admin.id)
                _ = try await queries.bumpTokenVersion(passwordHash: "h", now: moment(100), id: admin.id)
                let later = try await queries.userSummary(id: admin.id, since: moment(500))
                #expect(later?.versionFloor == 2)
                #expect(later?.recentlyUpdated == false)
            }
        }
    }
}
