import Synchronization

/// Who may use a connection right now: nobody (it is in the pool), its lessee, or its lessee with a
/// call in flight. It turns two misuses that would corrupt a C handle into ``SQLError/Code/connectionMisuse``:
/// two calls at once (e.g. child tasks sharing one connection) and a call after the lease ended.
final class ConnectionUsage: Sendable {
    private static let pooled: UInt8 = 0
    private static let leased: UInt8 = 1
    private static let busy: UInt8 = 2
    private static let retired: UInt8 = 3

    private let state = Atomic<UInt8>(0)

    /// A call is in flight (for tests).
    var isBusy: Bool { state.load(ordering: .acquiring) == Self.busy }

    /// The pool hands the connection out.
    func lease() { state.store(Self.leased, ordering: .releasing) }

    /// The pool takes the connection back. Returns false when a call is still in flight (the connection
    /// escaped its closure into another task): it is then retired for good and must not be reused.
    func end() -> Bool {
        let (ended, _) = state.compareExchange(expected: Self.leased, desired: Self.pooled, ordering: .acquiringAndReleasing)
        if ended { return true }
        state.store(Self.retired, ordering: .releasing)
        return false
    }

    /// A call starts; throws when the connection is in use or no longer leased.
    func enter() throws {
        let (exchanged, found) = state.compareExchange(
            expected: Self.leased, desired: Self.busy, ordering: .acquiringAndReleasing)
        if exchanged { return }
        throw SQLError(
            .connectionMisuse,
            detail: found == Self.busy
                ? "two calls at once on one connection" : "connection used after its closure returned")
    }

    /// The call ended. A connection retired meanwhile stays retired.
    func leave() {
        _ = state.compareExchange(expected: Self.busy, desired: Self.leased, ordering: .acquiringAndReleasing)
    }
}
