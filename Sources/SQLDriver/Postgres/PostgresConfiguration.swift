/// Settings for the PostgreSQL engine.
public struct PostgresConfiguration: Sendable, Hashable {
    /// A libpq connection URI (`postgres://…` or `postgresql://…`) or keyword/value string.
    public var url: String
    /// The most connections the pool opens; also the number of database threads.
    public var maxConnections: Int
    /// When set, every connection uses this schema (`search_path`); tests isolate themselves this way.
    public var searchPath: String?
    /// Reported to the server as `application_name`.
    public var applicationName: String
    /// At most this many prepared statements are kept per connection.
    public var statementCacheCapacity: Int
    /// How many callers may wait for a connection, and for how long.
    public var admission: SQLPoolAdmission = .unbounded
    /// Session settings every connection sets when it opens, such as `statement_timeout`.
    public var sessionTimeouts = PostgresSessionTimeouts()

    public init(
        url: String, maxConnections: Int = 10, searchPath: String? = nil, applicationName: String = "walletgraph",
        statementCacheCapacity: Int = 256
    ) {
        self.url = url
        self.maxConnections = max(1, maxConnections)
        self.searchPath = searchPath
        self.applicationName = applicationName
        self.statementCacheCapacity = max(8, statementCacheCapacity)
    }
}

/// PostgreSQL's own timeouts for each session; nil leaves the server's setting (0, off, by default).
public struct PostgresSessionTimeouts: Sendable, Hashable {
    /// `statement_timeout`: the server cancels a statement running longer (SQLSTATE 57014).
    public var statement: Duration?
    /// `lock_timeout`: a statement waiting this long for a lock fails (55P03, retryable as busy).
    public var lock: Duration?
    /// `idle_in_transaction_session_timeout`: the server ends a session left idle inside a transaction.
    public var idleInTransaction: Duration?

    public init(statement: Duration? = nil, lock: Duration? = nil, idleInTransaction: Duration? = nil) {
        self.statement = statement
        self.lock = lock
        self.idleInTransaction = idleInTransaction
    }

    /// The `SET` statements, one simple-query string; nil when nothing is set.
    var script: String? {
        let settings = [("statement_timeout", statement), ("lock_timeout", lock),
                        ("idle_in_transaction_session_timeout", idleInTransaction)]
        let statements = settings.compactMap { name, value in
            value.map { "SET \(name) = \(Self.milliseconds($0))" }
        }
        return statements.isEmpty ? nil : statements.joined(separator: "; ")
    }

    /// Whole milliseconds, at least 1 (0 would turn the timeout off).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1_000)
        guard !total.overflow else { return Int64(Int32.max) }
        return min(Int64(Int32.max), max(1, total.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
