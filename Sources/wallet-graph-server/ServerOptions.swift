import ArgumentParser
import Foundation
import Logging
import SQLDriver
import WalletGraphServer

/// The settings every command accepts. Each flag stands for the environment variable in its help; flags override
/// environment variables, which override the `.env` file of the working directory.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("env"), help: "development or production (WALLETGRAPH_ENV; default development)")
    var environment: String?
    @Option(help: "postgres://… or sqlite:PATH (DATABASE_URL; default sqlite:./data/wallet.sqlite)")
    var databaseURL: String?
    @Option(help: "Address to listen on (HOST; default 127.0.0.1)")
    var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (PORT; default 8080)")
    var port: Int?
    @Option(help: "At least 32 bytes; prefer the environment, flags show in `ps` (JWT_SECRET)")
    var jwtSecret: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical (LOG_LEVEL; default info)")
    var logLevel: String?
    @Option(help: "Seed the demo data into a database without users: true or false (SEED_DEMO)")
    var seedDemo: String?
    @Option(help: "Users may top up their own wallets: true or false (ALLOW_SELF_TOPUP)")
    var allowSelfTopup: String?
    @Option(help: "Admin created or updated at startup, with --admin-password (ADMIN_USERNAME)")
    var adminUsername: String?
    @Option(help: "(ADMIN_PASSWORD)")
    var adminPassword: String?
    @Option(help: "Largest request body in bytes (MAX_BODY_BYTES; default 1048576)")
    var maxBodyBytes: Int?
    @Option(help: "bcrypt cost, 10 to 31 (BCRYPT_COST; default 10)")
    var bcryptCost: Int?
    @Option(help: "A migrations folder holding postgres/ and sqlite/ (WALLETGRAPH_MIGRATIONS_DIR; default: built in)")
    var migrations: String?
    @Option(help: "FULL or NORMAL (SQLITE_SYNCHRONOUS; default FULL)")
    var sqliteSynchronous: String?
    @Option(help: "PostgreSQL connections (DATABASE_MAX_CONNECTIONS; default 10)")
    var databaseMaxConnections: Int?
    @Option(help: "Rupiah one user may withdraw per Jakarta day, fees excluded (DAILY_WITHDRAWAL_LIMIT; default 100000000)")
    var dailyWithdrawalLimit: String?
    @Option(help: "How long a withdrawal may stay PENDING, e.g. 24h or 90m (DISBURSEMENT_HOLD_TIMEOUT; default 24h)")
    var disbursementHoldTimeout: String?
    @Option(help: "How often serve looks for expired holds (DISBURSEMENT_SWEEP_INTERVAL; default a tenth of the timeout, 1s to 1m)")
    var disbursementSweepInterval: String?
    @Option(help: "The .env file to read (default ./.env when it exists)")
    var envFile: String?

    /// The flags that were given, by setting name.
    var flags: [String: String] {
        let pairs: [(String, String?)] = [
            ("WALLETGRAPH_ENV", environment), ("DATABASE_URL", databaseURL), ("HOST", host), ("PORT", port.map(String.init)),
            ("JWT_SECRET", jwtSecret), ("LOG_LEVEL", logLevel), ("SEED_DEMO", seedDemo), ("ALLOW_SELF_TOPUP", allowSelfTopup),
            ("ADMIN_USERNAME", adminUsername), ("ADMIN_PASSWORD", adminPassword),
            ("MAX_BODY_BYTES", maxBodyBytes.map(String.init)), ("BCRYPT_COST", bcryptCost.map(String.init)),
            ("WALLETGRAPH_MIGRATIONS_DIR", migrations), ("SQLITE_SYNCHRONOUS", sqliteSynchronous),
            ("DATABASE_MAX_CONNECTIONS", databaseMaxConnections.map(String.init)),
            ("DAILY_WITHDRAWAL_LIMIT", dailyWithdrawalLimit), ("DISBURSEMENT_HOLD_TIMEOUT", disbursementHoldTimeout),
            ("DISBURSEMENT_SWEEP_INTERVAL", disbursementSweepInterval),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { name, value in value.map { (name, $0) } })
    }

    /// The resolved configuration; `requiresSecret` is false for commands that issue no tokens.
    func configuration(requiresSecret: Bool = true) throws -> ServerConfiguration {
        var dotEnv: [String: String] = [:]
        let path = envFile ?? ".env"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            dotEnv = DotEnv.parse(text)
        } else if envFile != nil {
            throw ValidationError("cannot read \(path)")
        }
        return try ServerConfiguration.resolve(
            flags: flags, environment: ProcessInfo.processInfo.environment, dotEnv: dotEnv, requiresSecret: requiresSecret)
    }
}

/// Logs go to standard error at the configured level; standard output carries the banner and command output.
enum Logs {
    static func bootstrap(_ level: Logger.Level, format: LogFormat = .text) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "walletgraph")
        logger.logLevel = level
        return logger
    }
}

/// An error shown to an operator: for a driver error, its code and operator-facing detail plus the engine's message.
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

extension ServerOptions {
    /// For the commands that only need the database (no secret): opens the pool, runs `body`, always closes the
    /// pool, and turns a failure into a ``CommandFailure`` for the operator.
    func withDatabase<T>(
        _ body: (_ pool: SQLPool, _ configuration: ServerConfiguration, _ logger: Logger) async throws -> T
    ) async throws -> T {
        let configuration = try self.configuration(requiresSecret: false)
        let logger = Logs.bootstrap(configuration.logLevel, format: configuration.logFormat)
        let pool = try await configuration.openPool(logger: logger)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(pool, configuration, logger))
        } catch {
            outcome = .failure(error)
        }
        await pool.close()
        return try outcome.mapError(CommandFailure.init).get()
    }
}
