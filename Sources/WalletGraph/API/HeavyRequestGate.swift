import Synchronization

/// Keeps expensive operations from taking every database connection: at most ``limit`` operations weighing
/// ``threshold`` or more (``WalletAPI/weight(_:)``, their complexity cost) run at once, and one more is refused
/// at once with `SERVICE_UNAVAILABLE` rather than queued. Cheap requests never wait for this, so a flood of heavy
/// reports (many aliased counts over long histories) leaves connections for everyone else.
public final class HeavyRequestGate: Sendable {
    public let threshold: Int
    public let limit: Int
    private let running = Atomic<Int>(0)
    private let refusedCount = Atomic<Int>(0)

    /// `limit` nil: no gate.
    public init(threshold: Int, limit: Int?) {
        self.threshold = max(1, threshold)
        self.limit = limit.map { max(1, $0) } ?? Int.max
    }

    /// No gate.
    public static let off = HeavyRequestGate(threshold: Int.max, limit: nil)

    /// Heavy operations refused so far.
    public var refused: Int { refusedCount.load(ordering: .relaxed) }

    /// Runs `body` unless the operation is heavy and ``limit`` heavy ones already run; nil when refused.
    func run<T>(weight: Int, _ body: () async -> T) async -> T? {
        guard weight >= threshold else { return await body() }
        guard running.add(1, ordering: .acquiringAndReleasing).newValue <= limit else {
            running.subtract(1, ordering: .relaxed)
            refusedCount.add(1, ordering: .relaxed)
            return nil
        }
        defer { running.subtract(1, ordering: .releasing) }
        return await body()
    }
}
