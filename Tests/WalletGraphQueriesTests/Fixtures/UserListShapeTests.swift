import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenFixtureQueries
import Testing
import WalletGraphQueries

/// The list-shaped user query shapes (fixtures, not product queries): keyset pages, optional filters, list parameters, per-parent limits,
/// aggregates and outer joins, on each engine.
@Suite("Generated user list shapes")
struct UserListShapeTests {
    /// Six users: ana, budi, cici (user), dedi, eka (admin), fajar (operator), one second apart.
    private func seed(_ product: Product) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        let people: [(String, String, String?)] = [
            ("ana", "user", "3201234567890001"), ("budi", "user", nil), ("cici", "user", nil),
            ("dedi", "admin", "3201234567890002"), ("eka", "admin", nil), ("fajar", "operator", nil),
        ]
        for (index, (name, role, nik)) in people.enumerated() {
            let params = newUser(name, role: role, nik: nik, at: index)
            _ = try await product.createUser(params)
            ids[name] = params.id
        }
        return ids
    }

    @Test("listUsersPage walks every user newest first with a (created_at, id) keyset", arguments: Engine.all)
    func keysetPages(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                _ = try await seed(Product(connection))
                var seen: [String] = []
                var after: ListUsersPageRow?
                var pages = 0
                repeat {
                    let page = try await queries.listUsersPage(afterCreatedAt: after?.createdAt, afterId: after?.id, pageSize: 4)
                    seen += page.map(\.username)
                    after = page.count == 4 ? page.last : nil
                    pages += 1
                } while after != nil
                #expect(seen == ["fajar", "eka", "dedi", "cici", "budi", "ana"])
                #expect(pages == 2)
            }
        }
    }

    @Test("searchUsers: each nil filter is left out; a nil list means every role; an empty list matches none", arguments: Engine.all)
    func optionalFilters(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                _ = try await seed(Product(connection))
                let all = try await queries.searchUsers(usernamePattern: nil, roles: nil, hasNik: nil)
                #expect(all.map(\.username) == ["ana", "budi", "cici", "dedi", "eka", "fajar"])
                let admins = try await queries.searchUsers(usernamePattern: nil, roles: ["admin"], hasNik: nil)
                #expect(admins.map(\.username) == ["dedi", "eka"])
                let none = try await queries.searchUsers(usernamePattern: nil, roles: [], hasNik: nil)
                #expect(none.isEmpty)
                let withNik = try await queries.searchUsers(usernamePattern: nil, roles: nil, hasNik: true)
                #expect(withNik.map(\.username) == ["ana", "dedi"])
                let combined = try await queries.searchUsers(usernamePattern: "%i", roles: ["user", "operator"], hasNik: false)
                #expect(combined.map(\.username) == ["budi", "cici"])
            }
        }
    }

    @Test("listUsersByIDs (= ANY) and listUsersExcept (<> ALL) take UUID arrays", arguments: Engine.all)
    func uuidLists(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let ids = try await seed(Product(connection))
                let some = try await queries.listUsersByIDs(ids: [ids["eka"]!, ids["ana"]!, UUID()])
                #expect(some == [ListUsersByIDsRow(id: ids["ana"]!, username: "ana"), ListUsersByIDsRow(id: ids["eka"]!, username: "eka")])
                let rest = try await queries.listUsersExcept(ids: [ids["ana"]!, ids["budi"]!])
                #expect(rest == ["cici", "dedi", "eka", "fajar"])
            }
        }
    }

    @Test("newestUsersPerRole keeps at most N per role with row_number() OVER (PARTITION BY …)", arguments: Engine.all)
    func perParentLimit(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                _ = try await seed(Product(connection))
                let rows = try await queries.newestUsersPerRole(roles: ["user", "admin"], perRole: 2)
                #expect(rows.map(\.username) == ["eka", "dedi", "cici", "budi"])
                #expect(rows.map(\.rank) == [1, 2, 1, 2])
                #expect(rows.map(\.role) == ["admin", "admin", "user", "user"])
            }
        }
    }

    @Test("countUsersByRole: COUNT, SUM(bigint)::bigint and MAX over groups, HAVING a parameter", arguments: Engine.all)
    func groupedAggregates(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let ids = try await seed(Product(connection))
                _ = try await Product(connection).bumpTokenVersion(passwordHash: "h", now: moment(3), id: ids["dedi"]!)
                let rows = try await queries.countUsersByRole(minUsers: 2)
                #expect(
                    rows == [
                        CountUsersByRoleRow(role: "admin", users: 2, tokenVersions: 1, newest: moment(4)),
                        CountUsersByRoleRow(role: "user", users: 3, tokenVersions: 0, newest: moment(2)),
                    ])
            }
        }
    }

    @Test("usersWithSameNamePrefix: a LEFT JOIN column is nil where no row joins; COALESCE fills it", arguments: Engine.all)
    func outerJoin(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                _ = try await seed(Product(connection))
                let rows = try await queries.usersWithSameNamePrefix()
                #expect(rows.map(\.username) == ["ana", "budi", "cici", "dedi", "eka", "fajar"])
                #expect(rows.map(\.adminUsername) == [nil, nil, nil, "dedi", "eka", nil])
                #expect(rows.map(\.adminOrDash) == ["-", "-", "-", "dedi", "eka", "-"])
                #expect(rows.map(\.sameRole) == [3, 3, 3, 2, 2, 1])
            }
        }
    }
}
