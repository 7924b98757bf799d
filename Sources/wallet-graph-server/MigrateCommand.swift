import ArgumentParser
import Logging
import SQLDriver

/// `migrate`: applies pending migrations and prints the schema version.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations and print the schema version.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger(label: "walletgraph")
        let location = try database.location()
        let migrations = try database.migrations(location.dialect)
        let pool = try await database.openPool(logger: logger)
        do {
            let runner = MigrationRunner(pool: pool, migrations: migrations)
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

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let location = try database.location()
        let migrations = try database.migrations(location.dialect)
        let pool = try await database.openPool(logger: Logger(label: "walletgraph"))
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

/// A driver error shown to an operator: its code and operator-facing detail, plus the engine's message.
struct CommandFailure: Error, CustomStringConvertible {
    let underlying: any Error
    init(_ underlying: any Error) { self.underlying = underlying }

    var description: String {
        guard let error = underlying as? SQLError else { return "\(underlying)" }
        var text = error.description
        if let message = error.engineMessage, error.detail?.contains(message) != true { text += ": \(message)" }
        return text
    }
}
