import ArgumentParser

/// The `wallet-graph-server` command. `serve` arrives with the server issue; until then the program
/// migrates the database and reports its schema version.
@main
struct WalletGraphServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet-graph-server",
        abstract: "WalletGraph: a wallet and double-entry ledger server, spoken to in GraphQL.",
        subcommands: [MigrateCommand.self, StatusCommand.self],
        defaultSubcommand: MigrateCommand.self
    )
}
