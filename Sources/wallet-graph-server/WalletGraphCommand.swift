import ArgumentParser

/// The `wallet-graph-server` command: `serve` (the default), `migrate`, `status`, `seed`, `print-schema`,
/// `reconcile`, `sweep-disbursements`.
struct WalletGraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet-graph-server",
        abstract: "WalletGraph: a wallet and double-entry ledger server, spoken to in GraphQL.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, StatusCommand.self, SeedCommand.self, PrintSchemaCommand.self,
            ReconcileCommand.self, SweepDisbursementsCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}

/// The entry point. `main()` is called from an async function on purpose: a top-level `await
/// WalletGraphCommand.main()` picks ArgumentParser's synchronous overload, which cannot run async commands.
@main
enum Program {
    static func main() async {
        await WalletGraphCommand.main()
    }
}
