import Synchronization

/// A wake-up for this process's event readers: rung after a commit that wrote outbox events (by the ledger, and,
/// on PostgreSQL, by the listener when another process committed). It carries nothing: a woken reader reads the
/// outbox from its own cursor, so a ring that is missed or merged with another only delays, never drops, an
/// event. Each ring bumps a generation; ``wait(after:)`` returns as soon as the generation passes the one given.
public final class EventSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<UInt64, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The current generation: pass it to ``wait(after:)`` after reading, to sleep until the next ring.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes every waiter.
    public func notify() {
        let woken = state.withLock { state -> ([CheckedContinuation<UInt64, Never>], UInt64) in
            state.generation &+= 1
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll(keepingCapacity: true)
            return (waiters, state.generation)
        }
        for waiter in woken.0 { waiter.resume(returning: woken.1) }
    }

    /// Returns the generation once it differs from `seen`, or when the task is cancelled.
    @discardableResult
    public func wait(after seen: UInt64) async -> UInt64 {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<UInt64, Never>) in
                let ready = state.withLock { state -> UInt64? in
                    if state.generation != seen || Task.isCancelled { return state.generation }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: generation)
        }
    }
}
