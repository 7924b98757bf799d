import Foundation
import Logging
import SQLDriver
import WalletGraph

/// Everything the server is told from outside: flags override environment variables, which override `.env`.
///
/// Each setting has one name, used as the environment variable, the `.env` key and the key in `flags`:
/// the CLI maps `--port 9090` to `flags["PORT"] = "9090"`. Defaults depend on ``Environment``.
public struct ServerConfiguration: Sendable {
    /// Development favours a working demo out of the box; production refuses to guess a secret.
    public enum Environment: String, Sendable, CaseIterable {
        case development, production
    }

    /// `WALLETGRAPH_ENV`; default development.
    public var environment: Environment
    /// Whether `WALLETGRAPH_ENV` was given rather than defaulted. A configuration built in code counts as given.
    public var environmentIsExplicit = true
    /// `DATABASE_URL`; nil is the SQLite default `sqlite:./data/wallet.sqlite`.
    public var databaseURL: String?
    /// `HOST`; default 127.0.0.1.
    public var host: String
    /// `PORT`; default 8080; 0 picks any free port.
    public var port: Int
    /// `JWT_SECRET`, at least 32 bytes; required in production. In development, nil means a generated secret
    /// kept in ``developmentSecretPath``.
    public var jwtSecret: String?
    /// `LOG_LEVEL`; default info.
    public var logLevel: Logger.Level
    /// `SEED_DEMO`: seed the demo data into a database without users. Default: true in development only.
    public var seedDemo: Bool
    /// `ALLOW_SELF_TOPUP`: users may top up their own wallets. Default: true in development only.
    public var allowSelfTopUp: Bool
    /// `ADMIN_USERNAME` and `ADMIN_PASSWORD`: both or neither.
    public var adminUsername: String?
    public var adminPassword: String?
    /// `MAX_BODY_BYTES`: the largest request body accepted (413 above); default 1 MiB.
    public var maxBodyBytes: Int
    /// `BCRYPT_COST`: at least 10; default 10.
    public var bcryptCost: Int
    /// `BCRYPT_MAX_PENDING`: bcrypt hashes and checks that may run or wait at once; one more is `RATE_LIMITED` at
    /// once. Default 32.
    public var bcryptMaxPending: Int
    /// `WALLETGRAPH_MIGRATIONS_DIR`: a folder holding postgres/ and sqlite/; nil uses the migrations built in.
    public var migrationsDirectory: String?
    /// `SQLITE_SYNCHRONOUS`: FULL (default) or NORMAL.
    public var sqliteSynchronous: SQLiteConfiguration.Synchronous
    /// `DATABASE_MAX_CONNECTIONS`: PostgreSQL connections (and database threads); default 10.
    public var databaseMaxConnections: Int
    /// `TRUSTED_PROXIES`: comma-separated IP addresses of the reverse proxies in front of the server. When the
    /// peer is one of them, the client is the right-most `X-Forwarded-For` entry they did not write; default
    /// none (the header is ignored).
    public var trustedProxies: [IPAddress]
    /// `DAILY_WITHDRAWAL_LIMIT`: what one user may withdraw per Asia/Jakarta calendar day, in rupiah, fees
    /// excluded; default 100,000,000.
    public var dailyWithdrawalLimit: Int64
    /// `MAX_WALLETS_PER_USER`: the most active wallets one user may hold, all assets together; default 20.
    public var maxWalletsPerUser: Int
    /// `DISBURSEMENT_HOLD_TIMEOUT`: how long a withdrawal may stay PENDING before the sweeper fails and refunds
    /// it, as seconds or a duration such as `24h`, `90m`, `1h30m`; default 24h.
    public var disbursementHoldTimeout: Duration
    /// `DISBURSEMENT_SWEEP_INTERVAL`: how often `serve` looks for expired holds (same format); by default a tenth
    /// of the hold timeout, from 1 s to 1 min (1 min for the default 24 h).
    public var disbursementSweepInterval: Duration
    /// `CORS_ALLOWED_ORIGINS`: `*`, or comma-separated origins (`https://app.example.com`; a port of `*` matches
    /// any port). Default: none in production; `http://localhost:*`, `http://127.0.0.1:*` and `http://[::1]:*` in
    /// development.
    public var cors: CORSPolicy
    /// `RATE_LIMIT_PER_ADDRESS` and `RATE_LIMIT_PER_USER`: cost units per minute, optionally `:BURST`; `0` turns one
    /// off. Defaults in ``RequestRateLimiter/Limits/standard``.
    public var rateLimits: RequestRateLimiter.Limits
    /// `METRICS_ENABLED`: record and serve metrics; default true. Off, nothing is counted and `/metrics` is absent.
    public var metricsEnabled: Bool
    /// `METRICS_TOKEN`: when set, `/metrics` needs `Authorization: Bearer <token>` (at least 16 bytes).
    public var metricsToken: String?
    /// `METRICS_ADDRESS`: `host:port` of a separate listener for `/metrics` (e.g. `127.0.0.1:9090`); the public
    /// listener then does not serve it. Without it and without a token, production does not serve `/metrics`.
    public var metricsAddress: (host: String, port: Int)?
    /// `LOG_FORMAT`: `json` (one object per line; the production default) or `text` (the development default).
    public var logFormat: LogFormat
    /// `GRAPHIQL_ASSETS_DIR`: the folder holding GraphiQL's files (graphiql.min.js, react…); default
    /// `.venv-graphiql/graphiql`, where `scripts/run` installs them.
    public var graphiqlAssetsDirectory: String
    /// `PERSISTED_QUERIES`: automatic persisted queries (the Apollo protocol); default on.
    public var persistedQueries: Bool
    /// `PERSISTED_QUERIES_MAX`: how many query texts the persisted-query store keeps (least recently used go);
    /// default 5,000.
    public var persistedQueriesMax: Int
    /// Timeouts and load shedding (`REQUEST_TIMEOUT`, `DATABASE_ACQUIRE_TIMEOUT`, `HTTP_MAX_CONNECTIONS`, …).
    public var limits = ServerLimits()
    /// Whether ``WalletGraphApp`` prints its banner (URL, demo logins) when the server is up. Not an environment
    /// variable: tests turn it off.
    public var printsBanner: Bool = true

    /// The default length of ``maxBodyBytes``.
    public static let defaultMaxBodyBytes = 1 << 20

    /// The defaults of `environment`.
    public init(environment: Environment = .development) {
        self.environment = environment
        databaseURL = nil
        host = "127.0.0.1"
        port = 8080
        jwtSecret = nil
        logLevel = .info
        seedDemo = environment == .development
        allowSelfTopUp = environment == .development
        adminUsername = nil
        adminPassword = nil
        maxBodyBytes = Self.defaultMaxBodyBytes
        bcryptCost = 10
        bcryptMaxPending = PasswordHasher.defaultMaxPending
        migrationsDirectory = nil
        sqliteSynchronous = .full
        databaseMaxConnections = 10
        trustedProxies = []
        dailyWithdrawalLimit = WithdrawalPolicy().dailyLimit
        maxWalletsPerUser = LedgerConfiguration.defaultMaxWalletsPerUser
        disbursementHoldTimeout = WithdrawalPolicy().holdTimeout
        disbursementSweepInterval = .seconds(60)
        cors = environment == .development ? .localDevelopment : .none
        rateLimits = .standard
        metricsEnabled = true
        metricsToken = nil
        metricsAddress = nil
        logFormat = environment == .development ? .text : .json
        graphiqlAssetsDirectory = Self.defaultGraphiQLAssetsDirectory
        persistedQueries = true
        persistedQueriesMax = 5_000
    }

    /// Where `scripts/run` installs GraphiQL's files.
    public static let defaultGraphiQLAssetsDirectory = ".venv-graphiql/graphiql"

    /// Whether `/metrics` is served on the public listener: not when it has its own listener, and in production
    /// only behind a token.
    public var servesMetricsOnPublicListener: Bool {
        metricsEnabled && metricsAddress == nil && (metricsToken != nil || environment == .development)
    }

    /// A tenth of `holdTimeout`, at least 1 s and at most 1 min: a hold is refunded at most that long after it
    /// expired.
    public static func defaultSweepInterval(for holdTimeout: Duration) -> Duration {
        min(max(holdTimeout / 10, .seconds(1)), .seconds(60))
    }

    /// The withdrawal policy these settings give.
    public var withdrawalPolicy: WithdrawalPolicy {
        WithdrawalPolicy(dailyLimit: dailyWithdrawalLimit, holdTimeout: disbursementHoldTimeout)
    }

    /// The database location ``databaseURL`` names.
    public func database() throws(ConfigurationError) -> DatabaseURL {
        try DatabaseURL(databaseURL)
    }

    /// Where a development secret is kept: beside the SQLite file, or in `./data/` for PostgreSQL.
    public func developmentSecretPath() throws(ConfigurationError) -> String {
        switch try database() {
        case .sqlite(let path):
            return (path as NSString).deletingLastPathComponent.isEmpty
                ? "jwt-secret" : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("jwt-secret")
        case .postgres:
            return "./data/jwt-secret"
        }
    }

    /// Refuses to serve the development defaults (self top-up, demo users with published passwords) on an address
    /// other machines can reach, unless `WALLETGRAPH_ENV` says so: a server started without it on `HOST=0.0.0.0`
    /// would let anyone who reaches it create money.
    public func checkListenAddress() throws(ConfigurationError) {
        guard environment == .development, !environmentIsExplicit else { return }
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host.lowercased() == "localhost" || IPAddress(host)?.isLoopback == true { return }
        throw ConfigurationError(
            "HOST=\(host) is not a loopback address and WALLETGRAPH_ENV is not set, so the development defaults "
                + "apply: users may top up their own wallets and demo accounts have published passwords, which would "
                + "let anyone who can reach this address create money. Set WALLETGRAPH_ENV=production, or "
                + "WALLETGRAPH_ENV=development to serve development on this address on purpose, or use HOST=127.0.0.1.")
    }

    /// Every name ``resolve(flags:environment:dotEnv:)`` reads.
    public static let settingNames = [
        "WALLETGRAPH_ENV", "DATABASE_URL", "HOST", "PORT", "JWT_SECRET", "LOG_LEVEL", "SEED_DEMO", "ALLOW_SELF_TOPUP",
        "ADMIN_USERNAME", "ADMIN_PASSWORD", "MAX_BODY_BYTES", "BCRYPT_COST", "BCRYPT_MAX_PENDING", "WALLETGRAPH_MIGRATIONS_DIR",
        "SQLITE_SYNCHRONOUS", "DATABASE_MAX_CONNECTIONS", "TRUSTED_PROXIES", "DAILY_WITHDRAWAL_LIMIT", "MAX_WALLETS_PER_USER",
        "DISBURSEMENT_HOLD_TIMEOUT", "DISBURSEMENT_SWEEP_INTERVAL", "CORS_ALLOWED_ORIGINS", "RATE_LIMIT_PER_ADDRESS",
        "RATE_LIMIT_PER_USER", "METRICS_ENABLED", "METRICS_TOKEN", "METRICS_ADDRESS", "LOG_FORMAT", "GRAPHIQL_ASSETS_DIR",
        "PERSISTED_QUERIES", "PERSISTED_QUERIES_MAX",
    ] + ServerLimits.settingNames

    /// The configuration from three sources, by precedence: `flags`, then `environment`, then `dotEnv`. Keys are
    /// the setting names (``settingNames``); an empty value counts as unset. Throws a ``ConfigurationError`` naming
    /// the setting for any invalid value, a JWT secret under 32 bytes, or production without `JWT_SECRET`.
    public static func resolve(
        flags: [String: String], environment: [String: String], dotEnv: [String: String]
    ) throws(ConfigurationError) -> ServerConfiguration {
        try resolve(flags: flags, environment: environment, dotEnv: dotEnv, requiresSecret: true)
    }

    /// As ``resolve(flags:environment:dotEnv:)``; with `requiresSecret` false, production without `JWT_SECRET` is
    /// accepted, for commands that issue no tokens (migrate, status, seed, reconcile). A short secret still fails.
    public static func resolve(
        flags: [String: String], environment: [String: String], dotEnv: [String: String], requiresSecret: Bool
    ) throws(ConfigurationError) -> ServerConfiguration {
        func value(_ name: String) -> String? {
            for source in [flags, environment, dotEnv] {
                if let text = source[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty { return text }
            }
            return nil
        }
        var mode = Environment.development
        let explicit = value("WALLETGRAPH_ENV") != nil
        if let text = value("WALLETGRAPH_ENV") {
            guard let parsed = Environment(rawValue: text.lowercased()) else {
                throw ConfigurationError("WALLETGRAPH_ENV must be development or production (got \(text))")
            }
            mode = parsed
        }
        var configuration = ServerConfiguration(environment: mode)
        configuration.environmentIsExplicit = explicit
        configuration.databaseURL = value("DATABASE_URL")
        _ = try configuration.database()
        if let host = value("HOST") { configuration.host = host }
        if let port = try integer("PORT", value("PORT"), in: 0...65_535) { configuration.port = port }
        if let secret = value("JWT_SECRET") {
            guard secret.utf8.count >= 32 else {
                throw ConfigurationError("JWT_SECRET must be at least 32 bytes (got \(secret.utf8.count))")
            }
            configuration.jwtSecret = secret
        } else if mode == .production && requiresSecret {
            throw ConfigurationError(
                "JWT_SECRET is required in production: set it to at least 32 random bytes, e.g. `openssl rand -base64 48`")
        }
        if let text = value("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ConfigurationError(
                    "LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")) (got \(text))")
            }
            configuration.logLevel = level
        }
        if let seed = try boolean("SEED_DEMO", value("SEED_DEMO")) { configuration.seedDemo = seed }
        if let allow = try boolean("ALLOW_SELF_TOPUP", value("ALLOW_SELF_TOPUP")) { configuration.allowSelfTopUp = allow }
        configuration.adminUsername = value("ADMIN_USERNAME")
        configuration.adminPassword = value("ADMIN_PASSWORD")
        guard (configuration.adminUsername == nil) == (configuration.adminPassword == nil) else {
            throw ConfigurationError("ADMIN_USERNAME and ADMIN_PASSWORD must be set together")
        }
        if let password = configuration.adminPassword, password.count < 8 || password.utf8.count > 72 {
            throw ConfigurationError("ADMIN_PASSWORD must be 8 characters to 72 bytes long")
        }
        if let bytes = try integer("MAX_BODY_BYTES", value("MAX_BODY_BYTES"), in: 1_024...(1 << 30)) {
            configuration.maxBodyBytes = bytes
        }
        if let cost = try integer("BCRYPT_COST", value("BCRYPT_COST"), in: 10...31) { configuration.bcryptCost = cost }
        if let pending = try integer("BCRYPT_MAX_PENDING", value("BCRYPT_MAX_PENDING"), in: 1...10_000) {
            configuration.bcryptMaxPending = pending
        }
        configuration.migrationsDirectory = value("WALLETGRAPH_MIGRATIONS_DIR")
        if let text = value("SQLITE_SYNCHRONOUS") {
            guard let mode = SQLiteConfiguration.Synchronous(rawValue: text.uppercased()) else {
                throw ConfigurationError("SQLITE_SYNCHRONOUS must be FULL or NORMAL (got \(text))")
            }
            configuration.sqliteSynchronous = mode
        }
        if let connections = try integer("DATABASE_MAX_CONNECTIONS", value("DATABASE_MAX_CONNECTIONS"), in: 1...500) {
            configuration.databaseMaxConnections = connections
        }
        if let text = value("TRUSTED_PROXIES") {
            configuration.trustedProxies = try text.split(separator: ",").map { entry throws(ConfigurationError) in
                guard let address = IPAddress(entry) else {
                    throw ConfigurationError("TRUSTED_PROXIES must be comma-separated IP addresses (got \(entry))")
                }
                return address
            }
        }
        if let text = value("DAILY_WITHDRAWAL_LIMIT") {
            guard let limit = Int64(text.replacingOccurrences(of: "_", with: "")), limit >= 0 else {
                throw ConfigurationError(
                    "DAILY_WITHDRAWAL_LIMIT must be a whole number of rupiah, 0 or more (got \(text))")
            }
            configuration.dailyWithdrawalLimit = limit
        }
        if let count = try integer("MAX_WALLETS_PER_USER", value("MAX_WALLETS_PER_USER"), in: 1...100_000) {
            configuration.maxWalletsPerUser = count
        }
        if let text = value("DISBURSEMENT_HOLD_TIMEOUT") {
            configuration.disbursementHoldTimeout = try duration(
                "DISBURSEMENT_HOLD_TIMEOUT", text, in: .milliseconds(100) ... .seconds(30 * 86_400))
        }
        if let text = value("DISBURSEMENT_SWEEP_INTERVAL") {
            configuration.disbursementSweepInterval = try duration(
                "DISBURSEMENT_SWEEP_INTERVAL", text, in: .milliseconds(100) ... .seconds(86_400))
        } else {
            configuration.disbursementSweepInterval = defaultSweepInterval(for: configuration.disbursementHoldTimeout)
        }
        try resolveOperations(&configuration, value)
        try resolveLimits(&configuration, value)
        return configuration
    }

    /// A duration (``DurationText``: seconds, or Go's notation such as `24h`, `90m`, `1h30m`, `500ms`) within
    /// `range`.
    static func duration(
        _ name: String, _ text: String, in range: ClosedRange<Duration>
    ) throws(ConfigurationError) -> Duration {
        guard let duration = DurationText.parse(text), range.contains(duration) else {
            throw ConfigurationError(
                "\(name) must be seconds or a duration such as 24h, 90m, 1h30m or 500ms, from \(range.lowerBound) to "
                    + "\(range.upperBound) (got \(text))")
        }
        return duration
    }

    private static func integer(_ name: String, _ text: String?, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound) (got \(text))")
        }
        return number
    }

    static func boolean(_ name: String, _ text: String?) throws(ConfigurationError) -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError("\(name) must be true or false (got \(text))")
        }
    }
}
