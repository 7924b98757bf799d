import CoreMetrics
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import SQLDriver
import Synchronization
import WalletGraph

/// The server, assembled: database, migrations, admin, demo seed, services and the GraphQL API, and the
/// Hummingbird application that serves them.
///
/// ```swift
/// let app = try await WalletGraphApp.start(configuration, logger: logger)
/// try await app.application().runService()   // until SIGTERM or SIGINT
/// await app.close()
/// ```
public final class WalletGraphApp: Sendable {
    public let api: WalletAPI
    public let pool: SQLPool
    public let configuration: ServerConfiguration
    let logger: Logger
    let migrations: [Migration]
    let schemaText: String
    let admin: AdminAccount.Outcome?
    let seeded: DemoSeed.Summary?
    /// The Prometheus registry behind `/metrics`.
    public let metrics: ServerMetrics
    let graphiql: GraphiQLPage
    let persisted: PersistedQueries
    private let ownsPool: Bool
    private let closed = Mutex(false)
    /// Open connections on the public listener, against `HTTP_MAX_CONNECTIONS`.
    let connections: ConnectionCount
    /// Running subscriptions per user, against `WS_MAX_SUBSCRIPTIONS_PER_USER`.
    let subscriptionCounts = SubscriptionCounts()

    private init(
        api: WalletAPI, pool: SQLPool, configuration: ServerConfiguration, logger: Logger, migrations: [Migration],
        schemaText: String, admin: AdminAccount.Outcome?, seeded: DemoSeed.Summary?, metrics: ServerMetrics,
        graphiql: GraphiQLPage, ownsPool: Bool
    ) {
        self.metrics = metrics
        self.graphiql = graphiql
        self.persisted = PersistedQueries(enabled: configuration.persistedQueries, capacity: configuration.persistedQueriesMax)
        self.api = api
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
        self.migrations = migrations
        self.schemaText = schemaText
        self.admin = admin
        self.seeded = seeded
        self.ownsPool = ownsPool
        self.connections = ConnectionCount(limit: configuration.limits.httpMaxConnections)
    }

    /// Opens the database (or uses `pool` when given, for tests; the caller then closes it), migrates, ensures the
    /// admin, seeds the demo data when ``ServerConfiguration/seedDemo`` is on and the database has no users, and
    /// builds the API. Fails, having closed what it opened, on any of these steps: an unbound resolver, a
    /// database that cannot be reached or migrated, a missing production secret.
    public static func start(_ configuration: ServerConfiguration, pool: SQLPool? = nil, logger: Logger) async throws
        -> WalletGraphApp
    {
        try configuration.checkListenAddress()
        var logger = logger
        logger.logLevel = configuration.logLevel
        let ownsPool = pool == nil
        let database: SQLPool
        if let pool {
            database = pool
        } else {
            database = try await configuration.openPool(logger: logger)
        }
        do {
            let metrics = ServerMetrics()
            let services = try await makeServices(
                configuration, pool: database, logger: logger, metrics: configuration.metricsEnabled ? metrics : nil)
            let api = try WalletAPI(
                services: services, rateLimits: configuration.rateLimits, requestTimeout: configuration.limits.requestTimeout,
                heavyRequests: configuration.limits.heavyRequestGate(poolCapacity: database.statistics.capacity))
            let migrations = try configuration.migrations(database.dialect)
            let applied = try await MigrationRunner(pool: database, migrations: migrations).migrate()
            if !applied.isEmpty {
                logger.info("migrated", metadata: ["applied": .string(applied.map(String.init).joined(separator: ","))])
            }
            let hadUsers = try await services.accounts.countUsers() > 0
            let admin = try await AdminAccount.ensure(configuration, services: services)
            var seeded: DemoSeed.Summary?
            if configuration.seedDemo && !hadUsers {
                seeded = try await DemoSeed.run(services: services)
                logger.info("seeded the demo data", metadata: ["summary": .string(seeded!.description)])
            }
            return WalletGraphApp(
                api: api, pool: database, configuration: configuration, logger: logger, migrations: migrations,
                schemaText: try WalletAPI.printedSchema().withTrailingNewline, admin: admin, seeded: seeded,
                metrics: metrics, graphiql: GraphiQLPage.load(from: configuration.graphiqlAssetsDirectory),
                ownsPool: ownsPool)
        } catch {
            if ownsPool { await database.close() }
            throw error
        }
    }

    /// The services over `pool`: ledger, accounts, tokens (the configured secret, or in development the one kept
    /// beside the database) and passwords.
    /// `secret` overrides the configured one, for commands that issue no tokens.
    public static func makeServices(
        _ configuration: ServerConfiguration, pool: SQLPool, logger: Logger, secret override: String? = nil,
        metrics: ServerMetrics? = nil
    ) async throws -> APIServices {
        let secret: String
        if let override {
            secret = override
        } else if let configured = configuration.jwtSecret {
            secret = configured
        } else if configuration.environment == .development {
            secret = try DevelopmentSecret.loadOrCreate(at: try configuration.developmentSecretPath())
        } else {
            throw ConfigurationError("JWT_SECRET is required in production")
        }
        var ledgerLogger = logger
        ledgerLogger[metadataKey: "component"] = "ledger"
        return APIServices(
            pool: pool,
            ledger: Ledger(
                pool: pool,
                configuration: LedgerConfiguration(
                    allowSelfTopUp: configuration.allowSelfTopUp, withdrawals: configuration.withdrawalPolicy,
                    maxWalletsPerUser: configuration.maxWalletsPerUser),
                logger: ledgerLogger, metrics: LedgerMetrics(factory: metrics?.factory ?? NOOPMetricsHandler.instance)),
            accounts: Accounts(pool: pool), tokens: try await TokenService(secret: Array(secret.utf8)),
            passwords: PasswordHasher(cost: configuration.bcryptCost, maxPending: configuration.bcryptMaxPending),
            logger: logger, webhooks: Webhooks(pool: pool, allowPrivate: configuration.limits.webhookAllowPrivate))
    }

    /// The Hummingbird application on ``ServerConfiguration/host``:``ServerConfiguration/port``. Run it with
    /// `runService()` (graceful shutdown on SIGTERM and SIGINT), or in tests with HummingbirdTesting's `.live`.
    public func application() -> some ApplicationProtocol {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: CORSMiddleware(policy: configuration.cors))
        router.add(
            middleware: RequestIDMiddleware(
                metrics: configuration.metricsEnabled ? metrics : nil, trustedProxies: Set(configuration.trustedProxies)))
        GraphQLRoutes(
            api: api, pool: pool, migrations: migrations, maxBodyBytes: configuration.maxBodyBytes, schemaText: schemaText,
            persisted: persisted, graphiql: graphiql
        ).register(on: router)
        graphiql.register(on: router)
        if configuration.servesMetricsOnPublicListener {
            MetricsRoute(metrics: metrics, api: api, token: configuration.metricsToken).register(on: router)
        }
        var banner: (@Sendable (Int) -> String)?
        if configuration.printsBanner { banner = { @Sendable [self] port in self.banner(port: port) } }
        let limits = configuration.limits
        let connections = connections
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestBoundaries()], idleTimeout: limits.httpIdleTimeout.map { TimeAmount($0) })
        let webSocket = GraphQLWebSocket(
            api: api, limits: limits, subscriptions: subscriptionCounts, logger: logger)
        let channel = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: http, ws: WebSocketServerConfiguration(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: limits.wsKeepalive),
            closeTimeout: .seconds(5)))
        let server = HTTPServerBuilder { responder in
            GuardedChildChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: channel) { request, channel, _ in
                    webSocket.shouldUpgrade(request, channel: channel)
                },
                count: connections, readHeaderTimeout: limits.httpReadHeaderTimeout)
        }
        var application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "WalletGraph"),
            onServerRunning: { [banner] channel in
                // Hummingbird calls this before its accept loop starts; the port is bound already.
                if let banner {
                    FileHandle.standardOutput.write(Data(banner(channel.localAddress?.port ?? 0).utf8))
                }
            },
            logger: logger)
        if configuration.metricsEnabled, let address = configuration.metricsAddress { application.addServices(metricsApplication(at: address)) }
        return application
    }

    /// The separate `/metrics` listener of ``ServerConfiguration/metricsAddress``, run as a service of the main
    /// application (it starts and stops with it).
    func metricsApplication(at address: (host: String, port: Int)) -> some ApplicationProtocol {
        let router = Router(context: ServerRequestContext.self)
        MetricsRoute(metrics: metrics, api: api, token: configuration.metricsToken).register(on: router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), serverName: "WalletGraph-metrics"),
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets requests in flight finish and returns (the pool stays open:
    /// call ``close()``).
    /// The withdrawal sweeper runs beside the server and stops with it.
    public func run() async throws {
        let sweeper = DisbursementSweeper(
            ledger: api.services.ledger, interval: configuration.disbursementSweepInterval, logger: logger,
            metrics: metrics)
        // On PostgreSQL, commits of other server processes wake this one's subscribers (docs/events.md).
        let listener = eventListener()
        listener?.start()
        let sender = HTTPWebhookSender()
        var webhookLogger = logger
        webhookLogger[metadataKey: "component"] = "webhooks"
        let dispatcher = WebhookDispatcher(
            pool: pool, ledger: api.services.ledger, sender: sender, retry: configuration.limits.webhookRetry,
            allowPrivate: configuration.limits.webhookAllowPrivate, logger: webhookLogger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await sweeper.run() }
                group.addTask { await dispatcher.run() }
                defer { group.cancelAll() }
                try await application().runService()
            }
        } catch {
            await listener?.stop()
            await sender.shutdown()
            throw error
        }
        await listener?.stop()
        await sender.shutdown()
    }

    /// `LISTEN walletgraph_events` for a PostgreSQL database: each notification rings the ledger's signal.
    func eventListener() -> PostgresListener? {
        guard case .postgres(let url)? = try? configuration.database() else { return nil }
        let signal = api.services.ledger.signal
        var listenerLogger = logger
        listenerLogger[metadataKey: "component"] = "event-listener"
        return PostgresListener(url: url, channel: "walletgraph_events", logger: listenerLogger) { signal.notify() }
    }

    /// What the server prints once it listens: the URL, and in development the demo logins and a generated
    /// admin password (which is never shown again).
    func banner(port: Int) -> String {
        let base = "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(port)"
        var lines = [
            "WalletGraph (\(configuration.environment.rawValue)) on \((try? configuration.database().redacted) ?? "?")",
            "  GraphQL: \(base)/graphql",
            "  schema:  \(base)/schema.graphql",
            "  GraphiQL: \(base)/graphiql" + (graphiql.isInstalled ? "" : "   (files not installed: run scripts/install-graphiql)"),
        ]
        if let address = configuration.metricsAddress {
            lines.append("  metrics: http://\(address.host.contains(":") ? "[\(address.host)]" : address.host):\(address.port)/metrics")
        } else if configuration.servesMetricsOnPublicListener {
            lines.append("  metrics: \(base)/metrics" + (configuration.metricsToken == nil ? "" : "   (METRICS_TOKEN required)"))
        }
        if configuration.environment == .development && configuration.seedDemo {
            lines.append(
                "  demo logins: " + DemoSeed.users.map { "\($0.username) / \($0.password)" }.joined(separator: ", "))
        }
        if let admin, let password = admin.generatedPassword {
            lines.append("  admin login: \(admin.username) / \(password)   (generated now; shown only once)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Closes the pool if ``start(_:pool:logger:)`` opened it. Call after the server has stopped.
    public func close() async {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        if first && ownsPool { await pool.close() }
    }
}

extension String {
    /// The text ending in exactly one newline, as a served or printed file should.
    public var withTrailingNewline: String { hasSuffix("\n") ? self : self + "\n" }
}
