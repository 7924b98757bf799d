import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

extension ServerConfiguration {
    /// The migrations for `dialect`: from ``migrationsDirectory`` when set, else those built into the binary from
    /// `migrations/` (the files the generated queries were checked against).
    public func migrations(_ dialect: SQLDialect) throws -> [Migration] {
        guard let folder = migrationsDirectory else { return Migration.embedded(dialect) }
        return try Migration.load(from: URL(fileURLWithPath: folder), dialect: dialect)
    }

    /// Opens a pool on the configured database, creating the SQLite file's folder when needed.
    public func openPool(logger: Logger) async throws -> SQLPool {
        switch try database() {
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try await SQLPool.sqlite(SQLiteConfiguration(path: path, synchronous: sqliteSynchronous), logger: logger)
        case .postgres(let url):
            return try await SQLPool.postgres(
                PostgresConfiguration(url: url, maxConnections: databaseMaxConnections), logger: logger)
        }
    }
}
