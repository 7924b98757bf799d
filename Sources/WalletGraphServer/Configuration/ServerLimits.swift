import SQLDriver
import WalletGraph

/// How long things may take and how many may wait: the request deadline, the database pool's queue, PostgreSQL's
/// session timeouts, and the HTTP listener's timeouts and connection cap. `nil` turns a bound off (`0` in the
/// environment). docs/operations.md lists them with what a client does when one is reached.
public struct ServerLimits: Sendable, Hashable {
    /// `REQUEST_TIMEOUT`: a GraphQL request still running this long is cancelled and answered `TIMEOUT`; default 10 s.
    public var requestTimeout: Duration? = .seconds(10)
    /// `DATABASE_ACQUIRE_TIMEOUT`: the longest a request waits for a database connection before
    /// `SERVICE_UNAVAILABLE`; default 5 s.
    public var databaseAcquireTimeout: Duration? = .seconds(5)
    /// `DATABASE_MAX_WAITERS`: with this many requests already waiting for a connection (per pool: on SQLite the
    /// writer and the readers each), the next gets HTTP 503 `SERVICE_UNAVAILABLE` at once; default 256.
    public var databaseMaxWaiters: Int? = 256
    /// `DATABASE_STATEMENT_TIMEOUT`: PostgreSQL's `statement_timeout`, a backstop behind the request deadline;
    /// default 30 s.
    public var databaseStatementTimeout: Duration? = .seconds(30)
    /// `DATABASE_LOCK_TIMEOUT`: PostgreSQL's `lock_timeout`; a wait past it fails as busy (retried, then
    /// `LEDGER_BUSY`); default 5 s.
    public var databaseLockTimeout: Duration? = .seconds(5)
    /// `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT`: PostgreSQL's `idle_in_transaction_session_timeout`; default 60 s.
    public var databaseIdleInTransactionTimeout: Duration? = .seconds(60)
    /// `HEAVY_REQUEST_COST`: an operation weighing this much (its complexity cost, docs/api.md) is heavy;
    /// default 5,000.
    public var heavyRequestCost = 5_000
    /// `HEAVY_REQUESTS_MAX`: heavy operations that may run at once; one more is HTTP 503 `SERVICE_UNAVAILABLE` at
    /// once. Default (nil): half the database connections, at least 1. `0` in the environment means the default.
    public var heavyRequestsMax: Int?
    /// `HTTP_IDLE_TIMEOUT`: a connection with nothing read or written this long is closed; default 60 s.
    public var httpIdleTimeout: Duration? = .seconds(60)
    /// `HTTP_READ_HEADER_TIMEOUT`: a request's head must arrive whole within this long of its first byte, else the
    /// connection is closed; default 10 s.
    public var httpReadHeaderTimeout: Duration? = .seconds(10)
    /// `HTTP_MAX_CONNECTIONS`: open client connections on the public listener; more are closed at once; default 1024.
    public var httpMaxConnections: Int? = 1_024
    /// `WS_CONNECTION_INIT_TIMEOUT`: a WebSocket must send `connection_init` within this long of the upgrade, else it
    /// is closed with 4408; default 10 s.
    public var wsConnectionInitTimeout: Duration = .seconds(10)
    /// `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION`: active subscriptions on one WebSocket; default 50.
    public var wsMaxSubscriptionsPerConnection = 50
    /// `WS_MAX_SUBSCRIPTIONS_PER_USER`: active subscriptions of one user across all their WebSockets on this
    /// process; default 200.
    public var wsMaxSubscriptionsPerUser = 200
    /// `WS_MAX_PENDING_MESSAGES`: messages queued for a WebSocket the client is not reading; one more closes it with
    /// 1008 (a slow consumer); default 1,000.
    public var wsMaxPendingMessages = 1_000
    /// `WS_KEEPALIVE`: the WebSocket ping period; a peer that does not answer one is closed; default 30 s.
    public var wsKeepalive: Duration = .seconds(30)
    /// `WEBHOOK_ALLOW_PRIVATE`: webhook endpoints may be on loopback, private or link-local addresses. Default: true
    /// in development (tests and local receivers), false in production (SSRF).
    public var webhookAllowPrivate = false
    /// `WEBHOOK_RETRY_BASE`, `WEBHOOK_RETRY_WINDOW`, `WEBHOOK_TIMEOUT`: backoff, how long an event is retried before
    /// its endpoint is marked failing (24 h), and how long a receiver has to answer.
    public var webhookRetry = WebhookRetryPolicy()

    public init() {}

    public static let settingNames = [
        "REQUEST_TIMEOUT", "DATABASE_ACQUIRE_TIMEOUT", "DATABASE_MAX_WAITERS", "DATABASE_STATEMENT_TIMEOUT",
        "DATABASE_LOCK_TIMEOUT", "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "HTTP_IDLE_TIMEOUT", "HTTP_READ_HEADER_TIMEOUT",
        "HTTP_MAX_CONNECTIONS", "HEAVY_REQUEST_COST", "HEAVY_REQUESTS_MAX", "WS_CONNECTION_INIT_TIMEOUT",
        "WS_MAX_SUBSCRIPTIONS_PER_CONNECTION", "WS_MAX_SUBSCRIPTIONS_PER_USER", "WS_MAX_PENDING_MESSAGES", "WS_KEEPALIVE",
        "WEBHOOK_ALLOW_PRIVATE", "WEBHOOK_RETRY_BASE", "WEBHOOK_RETRY_WINDOW", "WEBHOOK_TIMEOUT",
    ]

    /// The gate for heavy operations over a pool of `capacity` connections.
    public func heavyRequestGate(poolCapacity capacity: Int) -> HeavyRequestGate {
        HeavyRequestGate(threshold: heavyRequestCost, limit: heavyRequestsMax ?? max(1, capacity / 2))
    }

    /// The database pool's bounds.
    public var poolAdmission: SQLPoolAdmission {
        SQLPoolAdmission(maxWaiters: databaseMaxWaiters, acquireTimeout: databaseAcquireTimeout)
    }

    /// PostgreSQL's session timeouts.
    public var postgresSessionTimeouts: PostgresSessionTimeouts {
        PostgresSessionTimeouts(
            statement: databaseStatementTimeout, lock: databaseLockTimeout, idleInTransaction: databaseIdleInTransactionTimeout)
    }
}

extension ServerConfiguration {
    static func resolveLimits(_ configuration: inout ServerConfiguration, _ value: (String) -> String?) throws(ConfigurationError) {
        func bound(_ name: String, in range: ClosedRange<Duration>, _ current: inout Duration?) throws(ConfigurationError) {
            guard let text = value(name) else { return }
            if text == "0" {
                current = nil
                return
            }
            current = try duration(name + " (0 turns it off)", text, in: range)
        }
        func count(_ name: String, in range: ClosedRange<Int>, _ current: inout Int?) throws(ConfigurationError) {
            guard let text = value(name) else { return }
            guard let number = Int(text), number == 0 || range.contains(number) else {
                throw ConfigurationError(
                    "\(name) must be 0 (no bound) or an integer from \(range.lowerBound) to \(range.upperBound) (got \(text))")
            }
            current = number == 0 ? nil : number
        }
        var limits = configuration.limits
        try bound("REQUEST_TIMEOUT", in: .milliseconds(1) ... .seconds(3_600), &limits.requestTimeout)
        try bound("DATABASE_ACQUIRE_TIMEOUT", in: .milliseconds(1) ... .seconds(600), &limits.databaseAcquireTimeout)
        if let text = value("DATABASE_MAX_WAITERS") {
            // 0 is a bound here: nobody waits, a request that finds every connection busy is refused at once.
            guard let number = Int(text), (0...1_000_000).contains(number) else {
                throw ConfigurationError("DATABASE_MAX_WAITERS must be an integer from 0 to 1000000 (got \(text))")
            }
            limits.databaseMaxWaiters = number
        }
        try bound("DATABASE_STATEMENT_TIMEOUT", in: .milliseconds(1) ... .seconds(86_400), &limits.databaseStatementTimeout)
        try bound("DATABASE_LOCK_TIMEOUT", in: .milliseconds(1) ... .seconds(86_400), &limits.databaseLockTimeout)
        try bound(
            "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", in: .milliseconds(1) ... .seconds(86_400),
            &limits.databaseIdleInTransactionTimeout)
        try bound("HTTP_IDLE_TIMEOUT", in: .milliseconds(10) ... .seconds(86_400), &limits.httpIdleTimeout)
        try bound("HTTP_READ_HEADER_TIMEOUT", in: .milliseconds(10) ... .seconds(3_600), &limits.httpReadHeaderTimeout)
        try count("HTTP_MAX_CONNECTIONS", in: 1...1_000_000, &limits.httpMaxConnections)
        try count("HEAVY_REQUESTS_MAX", in: 1...100_000, &limits.heavyRequestsMax)
        if let text = value("HEAVY_REQUEST_COST") {
            guard let number = Int(text), (1...100_000_000).contains(number) else {
                throw ConfigurationError("HEAVY_REQUEST_COST must be an integer from 1 to 100000000 (got \(text))")
            }
            limits.heavyRequestCost = number
        }
        func required(_ name: String, in range: ClosedRange<Int>, _ current: inout Int) throws(ConfigurationError) {
            guard let text = value(name) else { return }
            guard let number = Int(text), range.contains(number) else {
                throw ConfigurationError("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound) (got \(text))")
            }
            current = number
        }
        if let text = value("WS_CONNECTION_INIT_TIMEOUT") {
            limits.wsConnectionInitTimeout = try duration("WS_CONNECTION_INIT_TIMEOUT", text, in: .milliseconds(10) ... .seconds(600))
        }
        if let text = value("WS_KEEPALIVE") {
            limits.wsKeepalive = try duration("WS_KEEPALIVE", text, in: .milliseconds(100) ... .seconds(3_600))
        }
        try required("WS_MAX_SUBSCRIPTIONS_PER_CONNECTION", in: 1...10_000, &limits.wsMaxSubscriptionsPerConnection)
        try required("WS_MAX_SUBSCRIPTIONS_PER_USER", in: 1...1_000_000, &limits.wsMaxSubscriptionsPerUser)
        try required("WS_MAX_PENDING_MESSAGES", in: 1...1_000_000, &limits.wsMaxPendingMessages)
        limits.webhookAllowPrivate =
            try boolean("WEBHOOK_ALLOW_PRIVATE", value("WEBHOOK_ALLOW_PRIVATE")) ?? (configuration.environment == .development)
        if let text = value("WEBHOOK_RETRY_BASE") {
            limits.webhookRetry.base = try duration("WEBHOOK_RETRY_BASE", text, in: .milliseconds(10) ... .seconds(3_600))
        }
        if let text = value("WEBHOOK_RETRY_WINDOW") {
            limits.webhookRetry.window = try duration("WEBHOOK_RETRY_WINDOW", text, in: .seconds(1) ... .seconds(604_800))
        }
        if let text = value("WEBHOOK_TIMEOUT") {
            limits.webhookRetry.timeout = try duration("WEBHOOK_TIMEOUT", text, in: .milliseconds(100) ... .seconds(120))
        }
        configuration.limits = limits
    }
}
