/// How long and how many callers may wait for a connection. Without bounds, a pool whose connections are all held
/// by slow work makes every other caller wait behind it for as long as that work takes.
public struct SQLPoolAdmission: Sendable, Hashable {
    /// With this many callers already waiting, the next one fails at once with ``SQLError/Code/poolExhausted``
    /// rather than joining the queue. nil: no bound.
    public var maxWaiters: Int?
    /// A caller that waited this long fails with ``SQLError/Code/poolTimeout``. nil: no bound.
    public var acquireTimeout: Duration?

    public init(maxWaiters: Int? = nil, acquireTimeout: Duration? = nil) {
        self.maxWaiters = maxWaiters.map { max(0, $0) }
        self.acquireTimeout = acquireTimeout
    }

    /// No bounds: callers queue until a connection comes back.
    public static let unbounded = SQLPoolAdmission()
}
