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
