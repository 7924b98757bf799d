import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

/// The functions generated from queries/users.sql that read or write single users, on each engine.
@Suite("Generated user queries")
struct UserQueriesTests {
    @Test("createUser, getUser and getUserByUsername (lower($1)) read a user back", arguments: Engine.all)
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
                        == UserProfileRow(
                            id: alice.id, username: "alice", name: "Alice", email: "alice@example.com",
                            phone: alice.phone, nik: "3201234567890123", role: "user", tokenVersion: 0,
                            createdAt: moment(5), updatedAt: moment(5)))
                let byName = try await queries.getUserByUsername(username: "ALICE")
                #expect(byName?.id == alice.id)
                #expect(byName?.passwordHash == "hash-alice")
                let nobody = try await queries.getUser(id: UUID())
                #expect(nobody == nil)
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
}
