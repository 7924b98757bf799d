import ArgumentParser
import WalletGraphServer

/// `serve` (the default): migrates, ensures the admin, seeds an empty development database, and serves GraphQL
/// over HTTP until SIGTERM or SIGINT, then finishes the requests in flight and closes the database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the GraphQL API over HTTP (the default command).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = Logs.bootstrap(configuration.logLevel, format: configuration.logFormat)
        let app: WalletGraphApp
        do {
            app = try await WalletGraphApp.start(configuration, logger: logger)
        } catch {
            throw CommandFailure(error)
        }
        do {
            try await app.run()
        } catch {
            await app.close()
            throw CommandFailure(error)
        }
        await app.close()
        logger.info("stopped")
    }
}
