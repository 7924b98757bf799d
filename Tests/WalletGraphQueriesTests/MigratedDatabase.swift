import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenFixtureQueries
import WalletGraphQueries

/// The product's generated functions (`queries/`).
typealias Product = WalletGraphQueries.Queries
/// The generator's fixture shapes over the same schema (`Tests/SQLGenFixtureQueries/`).
typealias Shapes = SQLGenFixtureQueries.Queries

/// The repository's own migrations, which the generated queries were checked against.
let migrationsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("migrations")

/// Runs `body` on a fresh database with every migration applied.
func withMigratedDatabase(_ engine: Engine, _ body: (SQLPool) async throws -> Void) async throws {
    try await withDatabase(engine) { pool, _ in
        let migrations = try Migration.load(from: migrationsFolder, dialect: engine.dialect)
        try await MigrationRunner(pool: pool, migrations: migrations).migrate()
        try await body(pool)
    }
}

/// Whole seconds, which both engines store exactly.
func moment(_ seconds: Int) -> Date {
    Date(timeIntervalSince1970: TimeInterval(1_700_000_000 + seconds))
}

/// A user for `createUser`, with valid defaults for the columns a test does not care about.
func newUser(
    _ username: String, role: String = "user", nik: String? = nil, at seconds: Int = 0, id: UUID = UUID()
) -> CreateUserParams {
    CreateUserParams(
        id: id, username: username, name: username.capitalized, email: "\(username)@example.com",
        phone: "+6281234567\(username.count)", nik: nik, passwordHash: "hash-\(username)", role: role,
        now: moment(seconds))
}
