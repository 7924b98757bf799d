import ArgumentParser
import SQLDriver
import WalletGraphServer

/// `migrate`: applies pending migrations and prints the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations and print the schema version.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let (location, applied, version) = try await options.withDatabase { pool, configuration, _ in
            let location = try configuration.database()
            let runner = MigrationRunner(pool: pool, migrations: try configuration.migrations(location.dialect))
            let applied = try await runner.migrate()
            return (location, applied, try await runner.applied().last?.version)
        }
        print("database: \(location.redacted)")
        print("applied now: \(applied.isEmpty ? "none" : applied.map(String.init).joined(separator: ", "))")
        print("schema version: \(version.map(String.init) ?? "none")")
    }
}

/// `status`: reports applied and pending migrations without changing anything; exits 1 when not current.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the schema version and pending migrations; exit 1 unless current.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let (location, migrations, applied, current) = try await options.withDatabase { pool, configuration, _ in
            let location = try configuration.database()
            let migrations = try configuration.migrations(location.dialect)
            let runner = MigrationRunner(pool: pool, migrations: migrations)
            let current = try await runner.isCurrent()
            return (location, migrations, try await runner.applied().map(\.version), current)
        }
        let pending = migrations.map(\.version).filter { !applied.contains($0) }
        print("database: \(location.redacted)")
        print("schema version: \(applied.last.map(String.init) ?? "none")")
        print("pending: \(pending.isEmpty ? "none" : pending.map(String.init).joined(separator: ", "))")
        if !current { throw ExitCode(1) }
    }
}
