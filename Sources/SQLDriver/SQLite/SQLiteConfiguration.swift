/// Settings for the embedded SQLite engine.
public struct SQLiteConfiguration: Sendable, Hashable {
    /// SQLite's `synchronous` setting in WAL mode.
    public enum Synchronous: String, Sendable, Hashable {
        /// Every commit is fsynced before it returns: a committed transfer survives power loss. The default.
        case full = "FULL"
        /// Commits are fsynced at checkpoints only: faster, and a power loss may drop the last commits
        /// (never corrupt the file).
        case normal = "NORMAL"
    }

    /// The database file. A pool's connections cannot share `:memory:`, so tests use a temporary file.
    public var path: String
    /// The number of reader connections beside the single writer.
    public var readers: Int
    /// `synchronous`; FULL by default, because this is money.
    public var synchronous: Synchronous
    /// How long a statement waits for another process's lock before failing with ``SQLError/Code/busy``.
    public var busyTimeoutMilliseconds: Int32
    /// At most this many prepared statements are cached per connection.
    public var statementCacheCapacity: Int
    /// How many callers may wait for the writer, or for a reader, and for how long.
    public var admission: SQLPoolAdmission = .unbounded

    public init(
        path: String, readers: Int = 4, synchronous: Synchronous = .full, busyTimeoutMilliseconds: Int32 = 5_000,
        statementCacheCapacity: Int = 256
    ) {
        self.path = path
        self.readers = max(1, readers)
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.statementCacheCapacity = max(8, statementCacheCapacity)
    }
}
