import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenFixtureQueries
import Testing
import WalletGraphQueries

/// The single-user shapes of Tests/SQLGenFixtureQueries/users.sql, on each engine.
@Suite("Generated user shapes")
struct UserShapeTests {
    @Test("deleteUser removes the row (:exec)", arguments: Engine.all)
    func deleteUser(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let alice = newUser("alice")
                _ = try await Product(connection).createUser(alice)
                let queries = Shapes(connection)
                try await queries.deleteUser(id: alice.id)
                let gone = try await Product(connection).getUser(id: alice.id)
                #expect(gone == nil)
            }
        }
    }

    @Test("userNik, setNik (IS DISTINCT FROM) and updateUserContact (sqlc.narg keeps a column when nil)", arguments: Engine.all)
    func nullableColumnsAndParameters(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let product = Product(connection)
                let carol = newUser("carol")
                _ = try await product.createUser(carol)
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
                let user = try await product.getUser(id: carol.id)
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
                let queries = Shapes(connection)
                let product = Product(connection)
                let admin = newUser("dina", role: "admin", at: 100)
                _ = try await product.createUser(admin)
                let recent = try await queries.userSummary(id: admin.id, since: moment(50))
                #expect(
                    recent
                        == UserSummaryRow(username: "dina", nameLength: 4, versionFloor: 1, isAdmin: true, recentlyUpdated: true))
                _ = try await product.bumpTokenVersion(passwordHash: "h", now: moment(100), id: admin.id)
                _ = try await product.bumpTokenVersion(passwordHash: "h", now: moment(100), id: admin.id)
                let later = try await queries.userSummary(id: admin.id, since: moment(500))
                #expect(later?.versionFloor == 2)
                #expect(later?.recentlyUpdated == false)
            }
        }
    }
}
