import ArgumentParser
import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

/// Options shared by the commands that open the database. Flags override environment variables.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "postgres://… or sqlite:PATH (env DATABASE_URL; default sqlite:./data/wallet.sqlite)")
    var databaseURL: String?

    @Option(help: "A migrations folder holding postgres/ and sqlite/ (env WALLETGRAPH_MIGRATIONS_DIR; default: the migrations built into this binary)")
    var migrations: String?

    @Option(help: "SQLite synchronous mode: FULL or NORMAL (env SQLITE_SYNCHRONOUS; default FULL)")
    var sqliteSynchronous: String?

    func location() throws -> DatabaseURL {
        try DatabaseURL(databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"])
    }

    /// The migrations of `dialect`: from a folder when one is given, else those embedded at build time from
    /// `migrations/` (the same files the generated queries were checked against).
    func migrations(_ dialect: SQLDialect) throws -> [Migration] {
        guard let folder = migrations ?? ProcessInfo.processInfo.environment["WALLETGRAPH_MIGRATIONS_DIR"] else {
            return Migration.embedded(dialect)
        }
        return try Migration.load(from: URL(fileURLWithPath: folder), dialect: dialect)
    }

    /// Opens the pool, creating the SQLite file's folder when needed.
    func openPool(logger: Logger) async throws -> SQLPool {
        do {
            return try await open(try location(), logger: logger)
        } catch let error as SQLError {
            throw CommandFailure(error)
        }
    }

    private func open(_ location: DatabaseURL, logger: Logger) async throws -> SQLPool {
        switch location {
        case .sqlite(let path):
            let mode = (sqliteSynchronous ?? ProcessInfo.processInfo.environment["SQLITE_SYNCHRONOUS"] ?? "FULL").uppercased()
            guard let synchronous = SQLiteConfiguration.Synchronous(rawValue: mode) else {
                throw ValidationError("SQLite synchronous mode must be FULL or NORMAL")
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try await SQLPool.sqlite(SQLiteConfiguration(path: path, synchronous: synchronous), logger: logger)
        case .postgres(let url):
            return try await SQLPool.postgres(PostgresConfiguration(url: url), logger: logger)
        }
    }
}
