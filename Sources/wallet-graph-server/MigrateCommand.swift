import ArgumentParser
import SQLDriver
import WalletGraphServer

/// `migrate`: applies pending migrations and prints the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations and print the schema version.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration(requiresSecret: false)
        let logger = Logs.bootstrap(configuration.logLevel)
        let location = try configuration.database()
        let pool = try await configuration.openPool(logger: logger)
        do {
            let runner = MigrationRunner(pool: pool, migrations: try configuration.migrations(location.dialect))
            let applied = try await runner.migrate()
            let version = try await runner.applied().last?.version
            print("database: \(location.redacted)")
            print("applied now: \(applied.isEmpty ? "none" : applied.map(String.init).joined(separator: ", "))")
            print("schema version: \(version.map(String.init) ?? "none")")
        } catch {
            await pool.close()
            throw CommandFailure(error)
        }
        await pool.close()
    }
}

/// `status`: reports applied and pending migrations without changing anything; exits 1 when not current.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the schema version and pending migrations; exit 1 unless current.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration(requiresSecret: false)
        let logger = Logs.bootstrap(configuration.logLevel)
        let location = try configuration.database()
        let migrations = try configuration.migrations(location.dialect)
        let pool = try await configuration.openPool(logger: logger)
        let outcome: Result<(applied: [Int64], current: Bool), any Error>
        do {
            let runner = MigrationRunner(pool: pool, migrations: migrations)
            let current = try await runner.isCurrent()
            outcome = .success((try await runner.applied().map(\.version), current))
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        let (applied, current) = try outcome.mapError(CommandFailure.init).get()
        let pending = migrations.map(\.version).filter { !applied.contains($0) }
        print("database: \(location.redacted)")
        print("schema version: \(applied.last.map(String.init) ?? "none")")
        print("pending: \(pending.isEmpty ? "none" : pending.map(String.init).joined(separator: ", "))")
        if !current { throw ExitCode(1) }
    }
}
