import Foundation
import SQLDriver

/// A fresh, isolated database for one test: a temporary SQLite file, or a new PostgreSQL schema
/// (the ledger is append-only, so tests never reset by deleting rows).
public struct TestDatabase: Sendable {
    public let engine: Engine
    /// The SQLite file, or the PostgreSQL schema.
    public let location: String

    public static func make(_ engine: Engine) async throws -> TestDatabase {
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("walletgraph-test-\(UUID().uuidString.prefix(8)).sqlite").path
            return TestDatabase(engine: engine, location: path)
        case .postgres:
            guard let url = Engine.postgresURL else { throw MissingPostgres() }
            let schema = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
            await PostgresTestSlots.shared.acquire(schema)
            do {
                let admin = try await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 1))
                do {
                    try await admin.withConnection {
                        try await $0.execute(SQLStatement(unsafeSQL: "CREATE SCHEMA \(schema)"), [])
                    }
                } catch {
                    await admin.close()
                    throw error
                }
                await admin.close()
            } catch {
                await PostgresTestSlots.shared.release(schema)
                throw error
            }
            return TestDatabase(engine: engine, location: schema)
        }
    }

    /// A pool on this database. SQLite: `readers` readers; PostgreSQL: `readers + 1` connections.
    public func pool(
        readers: Int = 3, synchronous: SQLiteConfiguration.Synchronous = .full, busyTimeoutMilliseconds: Int32 = 5_000,
        admission: SQLPoolAdmission = .unbounded, sessionTimeouts: PostgresSessionTimeouts = PostgresSessionTimeouts()
    ) async throws -> SQLPool {
        switch engine {
        case .sqlite:
            var configuration = SQLiteConfiguration(
                path: location, readers: readers, synchronous: synchronous, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            configuration.admission = admission
            return try await SQLPool.sqlite(configuration)
        case .postgres:
            guard let url = Engine.postgresURL else { throw MissingPostgres() }
            var configuration = PostgresConfiguration(url: url, maxConnections: readers + 1, searchPath: location)
            configuration.admission = admission
            configuration.sessionTimeouts = sessionTimeouts
            return try await SQLPool.postgres(configuration)
        }
    }

    /// Removes the database and, for PostgreSQL, frees its slot (``PostgresTestSlots``). The caller must have
    /// closed its pools first.
    public func drop() async {
        switch engine {
        case .sqlite:
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        case .postgres:
            if let url = Engine.postgresURL,
                let admin = try? await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 1))
            {
                _ = try? await admin.withConnection {
                    try await $0.execute(SQLStatement(unsafeSQL: "DROP SCHEMA \(location) CASCADE"), [])
                }
                await admin.close()
            }
            await PostgresTestSlots.shared.release(location)
        }
    }
}

/// Runs `body` with a pool on a fresh database, then closes and drops it.
public func withDatabase(
    _ engine: Engine, readers: Int = 3, synchronous: SQLiteConfiguration.Synchronous = .full,
    admission: SQLPoolAdmission = .unbounded, sessionTimeouts: PostgresSessionTimeouts = PostgresSessionTimeouts(),
    _ body: (SQLPool, TestDatabase) async throws -> Void
) async throws {
    let database = try await TestDatabase.make(engine)
    let pool = try await database.pool(
        readers: readers, synchronous: synchronous, admission: admission, sessionTimeouts: sessionTimeouts)
    do {
        try await body(pool, database)
    } catch {
        await pool.close()
        await database.drop()
        throw error
    }
    await pool.close()
    await database.drop()
}
