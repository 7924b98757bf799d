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
        let (location, summary, report) = try await options.withDatabase { pool, configuration, logger in
            let location = try configuration.database()
            try await MigrationRunner(pool: pool, migrations: try configuration.migrations(location.dialect)).migrate()
            // The seed issues no tokens: a throwaway secret spares production a JWT_SECRET here.
            let services = try await WalletGraphApp.makeServices(
                configuration, pool: pool, logger: logger, secret: AdminSecret.throwaway())
            let summary = try await DemoSeed.run(services: services)
            return (location, summary, try await services.ledger.reconcile())
        }
        print("database: \(location.redacted)")
        print(summary.description)
        print("logins: " + DemoSeed.users.map { "\($0.username) / \($0.password)" }.joined(separator: ", "))
        print("reconcile: \(report.isClean ? "clean" : "BREACHED")")
    }
}

/// `reconcile`: checks the ledger's invariants over one snapshot and prints the summary; exits 2 on a breach.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Check the ledger invariants; exit 2 when any is breached.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let (location, report) = try await options.withDatabase { pool, configuration, logger in
            (try configuration.database(), try await Ledger(pool: pool, logger: logger).reconcile())
        }
        print("database: \(location.redacted)")
        print(report.summary)
        if !report.isClean { throw ExitCode(2) }
    }
}

/// `sweep-disbursements`: fails and refunds every withdrawal left PENDING past DISBURSEMENT_HOLD_TIMEOUT, once
/// (what `serve` does every DISBURSEMENT_SWEEP_INTERVAL), for a cron job or an operator. PROCESSING ones are
/// never touched.
struct SweepDisbursementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-disbursements",
        abstract: "Fail and refund withdrawals left PENDING past the hold timeout (once).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let (location, swept) = try await options.withDatabase { pool, configuration, logger in
            let ledger = Ledger(
                pool: pool, configuration: LedgerConfiguration(withdrawals: configuration.withdrawalPolicy),
                logger: logger)
            return (try configuration.database(), try await ledger.sweepExpiredDisbursements())
        }
        print("database: \(location.redacted)")
        for disbursement in swept {
            print("refunded \(disbursement.referenceID): \(disbursement.amount) + fee \(disbursement.fee)")
        }
        print("expired holds refunded: \(swept.count)")
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
