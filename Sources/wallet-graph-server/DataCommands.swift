import ArgumentParser
import Foundation
import SQLDriver
import WalletGraph
import WalletGraphServer

/// `seed`: migrates, then adds whatever of the demo data is missing (users, assets, wallets, starting top-ups)
/// on any database, and checks that the ledger reconciles.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Add the demo users, assets, wallets and balances (safe to repeat).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration(requiresSecret: false)
        let logger = Logs.bootstrap(configuration.logLevel)
        let location = try configuration.database()
        let pool = try await configuration.openPool(logger: logger)
        do {
            try await MigrationRunner(pool: pool, migrations: try configuration.migrations(location.dialect)).migrate()
            // The seed issues no tokens: a throwaway secret spares production a JWT_SECRET here.
            let services = try await WalletGraphApp.makeServices(
                configuration, pool: pool, logger: logger, secret: AdminSecret.throwaway())
            let summary = try await DemoSeed.run(services: services)
            let report = try await services.ledger.reconcile()
            print("database: \(location.redacted)")
            print(summary.description)
            print("logins: " + DemoSeed.users.map { "\($0.username) / \($0.password)" }.joined(separator: ", "))
            print("reconcile: \(report.isClean ? "clean" : "BREACHED")")
        } catch {
            await pool.close()
            throw CommandFailure(error)
        }
        await pool.close()
    }
}

/// `reconcile`: checks the ledger's invariants over one snapshot and prints the summary; exits 2 on a breach.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Check the ledger invariants; exit 2 when any is breached.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration(requiresSecret: false)
        let logger = Logs.bootstrap(configuration.logLevel)
        let location = try configuration.database()
        let pool = try await configuration.openPool(logger: logger)
        let outcome: Result<ReconcileReport, any Error>
        do {
            outcome = .success(try await Ledger(pool: pool, logger: logger).reconcile())
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        let report = try outcome.mapError(CommandFailure.init).get()
        print("database: \(location.redacted)")
        print(report.summary)
        if !report.isClean { throw ExitCode(2) }
    }
}

/// `print-schema`: the GraphQL schema in SDL, as `GET /schema.graphql` serves it.
struct PrintSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "print-schema", abstract: "Print the GraphQL schema (SDL).")

    func run() async throws {
        print(try WalletAPI.printedSchema().withTrailingNewline, terminator: "")
    }
}

enum AdminSecret {
    static func throwaway() -> String {
        (0..<4).map { _ in UUID().uuidString }.joined()
    }
}
