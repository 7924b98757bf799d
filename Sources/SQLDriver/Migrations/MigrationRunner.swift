import Foundation

/// Applies numbered migrations, each in its own transaction, and records them with their checksums.
///
/// It refuses to run when an applied migration's file has changed, or when the database has a
/// migration this build does not know. On PostgreSQL, concurrent runners serialise on an advisory
/// lock; on SQLite, on the write lock (`BEGIN IMMEDIATE`), re-checking inside each transaction.
public struct MigrationRunner: Sendable {
    /// A migration recorded in the database.
    public struct Applied: Sendable, Hashable {
        public let version: Int64
        public let name: String
        public let checksum: String
        public let appliedAt: Date
    }

    private let pool: SQLPool
    private let migrations: [Migration]

    /// `migrations` for `pool`'s engine, e.g. from ``Migration/load(from:dialect:)``.
    public init(pool: SQLPool, migrations: [Migration]) {
        self.pool = pool
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies the pending migrations and returns the versions it applied (empty when up to date).
    @discardableResult
    public func migrate() async throws -> [Int64] {
        try await pool.withBackend { connection in
            try await withLock(connection) {
                try await ensureTable(connection)
                let applied = try await verify(connection)
                var done: [Int64] = []
                for migration in migrations where !applied.contains(migration.version) {
                    if try await apply(migration, connection) { done.append(migration.version) }
                }
                return done
            }
        }
    }

    /// The migrations recorded in the database, oldest first.
    public func applied() async throws -> [Applied] {
        try await pool.withBackend { connection in
            try await ensureTable(connection)
            return try await connection.fetchAll(Self.selectApplied) { row in
                Applied(
                    version: try row.decode(at: 0), name: try row.decode(at: 1), checksum: try row.decode(at: 2),
                    appliedAt: try row.decode(at: 3))
            }
        }
    }

    /// Whether every known migration is applied and none has changed; throws on a changed or unknown one.
    public func isCurrent() async throws -> Bool {
        let applied = try await pool.withBackend { connection in
            try await ensureTable(connection)
            return try await verify(connection)
        }
        return migrations.allSatisfy { applied.contains($0.version) }
    }

    /// The highest known version, which a current database is at.
    public var latestVersion: Int64? { migrations.last?.version }

    // MARK: Steps

    /// Checks the recorded migrations against the files; returns the applied versions.
    private func verify(_ connection: any DatabaseBackend) async throws -> Set<Int64> {
        let recorded = try await connection.fetchAll(Self.selectApplied) { row in
            (version: try row.decode(Int64.self, at: 0), checksum: try row.decode(String.self, at: 2))
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in recorded {
            guard let migration = known[record.version] else {
                throw SQLError(
                    .migrationUnknown,
                    detail: "database has migration \(record.version), which this build does not have")
            }
            if migration.checksum != record.checksum {
                throw SQLError(
                    .migrationChecksumMismatch, detail: "\(migration.source) changed after it was applied")
            }
        }
        return Set(recorded.map(\.version))
    }

    /// Applies one migration in its own transaction; false when another runner applied it first.
    private func apply(_ migration: Migration, _ connection: any DatabaseBackend) async throws -> Bool {
        let statements = SQLScript.split(migration.sql, dialect: pool.dialect)
        return try await connection.withTransaction(.readWrite) { _ in
            let already = try await connection.fetchOne(Self.selectVersion, [.int64(migration.version)]) {
                try $0.decode(Int64.self, at: 0)
            }
            if already != nil { return false }
            for statement in statements {
                do {
                    try await connection.script(statement.sql)
                } catch let error as SQLError {
                    throw SQLError(
                        .migrationFailed, constraint: error.constraint, sqlState: error.sqlState,
                        detail: "\(migration.source):\(statement.line): \(error.code.rawValue)",
                        engineMessage: error.engineMessage)
                }
            }
            try await connection.execute(
                Self.insertApplied,
                [.int64(migration.version), .text(migration.name), .text(migration.checksum), .timestamp(Date())])
            return true
        }
    }

    private func ensureTable(_ connection: any DatabaseBackend) async throws {
        let sql =
            switch pool.dialect {
            case .postgres:
                "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL)"
            case .sqlite:
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)"
            }
        try await connection.script(sql)
    }

    /// Holds PostgreSQL's session advisory lock, scoped to the schema, around `body`, with the session's
    /// `lock_timeout` and `statement_timeout` off meanwhile (``PostgresSessionTimeouts``): another instance may
    /// hold the lock for as long as its migration takes, and a migration may outlast a request's statement bound.
    /// They are restored afterwards, since the connection goes back to the pool.
    private func withLock<T>(_ connection: any DatabaseBackend, _ body: () async throws -> T) async throws -> T {
        guard pool.dialect == .postgres else { return try await body() }
        let saved = try await connection.fetchOne(Self.selectTimeouts) { row in
            (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
        }
        try await connection.script("SELECT set_config('lock_timeout', '0', false), set_config('statement_timeout', '0', false)")
        let key = "hashtext('walletgraph.migrations.' || current_schema())"
        func restore() async throws {
            guard let (lock, statement) = saved else { return }
            try await connection.execute(Self.restoreTimeouts, [.text(lock), .text(statement)])
        }
        try await connection.script("SELECT pg_advisory_lock(\(key))")
        do {
            let result = try await body()
            try await connection.script("SELECT pg_advisory_unlock(\(key))")
            try await restore()
            return result
        } catch {
            // A failed statement leaves the session usable outside a transaction; a broken connection
            // releases the lock by itself.
            try? await connection.script("SELECT pg_advisory_unlock(\(key))")
            try? await restore()
            throw error
        }
    }

    private static let selectTimeouts = SQLStatement(
        unsafeSQL: "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")
    private static let restoreTimeouts = SQLStatement(
        unsafePostgres: "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)",
        sqlite: "SELECT 1")

    private static let selectApplied = SQLStatement(
        unsafeSQL: "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
    private static let selectVersion = SQLStatement(
        unsafePostgres: "SELECT version FROM schema_migrations WHERE version = $1",
        sqlite: "SELECT version FROM schema_migrations WHERE version = ?1")
    private static let insertApplied = SQLStatement(
        unsafePostgres: "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
        sqlite: "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)")
}
