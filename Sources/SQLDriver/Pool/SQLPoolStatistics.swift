/// What a pool is doing, for metrics: connections, checkouts that waited, and transactions retried.
public struct SQLPoolStatistics: Sendable, Hashable {
    /// The most connections the pool opens.
    public var capacity: Int
    /// Connections open now.
    public var open: Int
    /// Connections leased now.
    public var inUse: Int
    /// Callers waiting for a connection now.
    public var waiters: Int
    /// Checkouts that had to wait, since the pool opened, and their total wait.
    public var waits: Int
    public var waited: Duration
    /// Transactions run again after a deadlock, serialization failure or busy database.
    public var retries: Int
    /// Checkouts refused because the queue of waiting callers was full, and waits that ran out
    /// (``SQLPoolAdmission``).
    public var exhausted: Int = 0
    public var timedOut: Int = 0
    /// PostgreSQL: round trips a caller waited for (flights, ADR 0007), since the pool opened. SQLite: 0.
    public var roundTrips: Int = 0

    func adding(_ other: SQLPoolStatistics) -> SQLPoolStatistics {
        SQLPoolStatistics(
            capacity: capacity + other.capacity, open: open + other.open, inUse: inUse + other.inUse,
            waiters: waiters + other.waiters, waits: waits + other.waits, waited: waited + other.waited,
            retries: retries + other.retries, exhausted: exhausted + other.exhausted, timedOut: timedOut + other.timedOut,
            roundTrips: roundTrips + other.roundTrips)
    }
}
