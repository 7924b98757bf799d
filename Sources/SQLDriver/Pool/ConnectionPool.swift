import DequeModule
import Logging
import NIOConcurrencyHelpers

/// A bounded set of connections of one kind. When all are in use, callers queue in FIFO order and wait, as
/// ``SQLPoolAdmission`` allows: past its queue bound a caller fails at once, and past its timeout a waiting caller
/// fails. An unhealthy connection is closed on release and its slot reopened for the next caller.
final class ConnectionPool: Sendable {
    private enum Lease: Sendable {
        case connection(any DatabaseBackend)
        /// The slot is reserved for the caller, who opens a new connection.
        case open
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Lease, any Error>
        /// Fails the waiter at its acquire timeout; cancelled when it is served first.
        var timer: Task<Void, Never>?
    }

    private struct State {
        var idle: [any DatabaseBackend] = []
        var opened = 0
        var waiters: Deque<Waiter> = []
        var cancelled: Set<Int> = []
        var nextWaiterID = 0
        var closed = false
        /// Checkouts that had to wait, and their total wait.
        var waits = 0
        var waited: Duration = .zero
        /// Callers refused because the queue was full, or because they waited past the timeout.
        var exhausted = 0
        var timedOut = 0
        /// `close()` callers waiting for the connections in use to come back.
        var drained: [CheckedContinuation<Void, Never>] = []

        /// After close, the last connection to go wakes the `close()` callers.
        mutating func takeDrainedIfEmpty() -> [CheckedContinuation<Void, Never>] {
            guard closed, opened == 0 else { return [] }
            defer { drained.removeAll() }
            return drained
        }
    }

    let capacity: Int
    let admission: SQLPoolAdmission
    private let executor: any DatabaseThreads
    private let factory: @Sendable () async throws -> any DatabaseBackend
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    /// `factory` opens a connection.
    init(
        capacity: Int, admission: SQLPoolAdmission = .unbounded, executor: any DatabaseThreads, logger: Logger,
        factory: @escaping @Sendable () async throws -> any DatabaseBackend
    ) {
        self.capacity = max(1, capacity)
        self.admission = admission
        self.executor = executor
        self.logger = logger
        self.factory = factory
    }

    /// A connection for the caller's exclusive use, until ``release(_:)``.
    func acquire() async throws -> any DatabaseBackend {
        // Fast path, without suspending: an idle connection or a free slot. Suspending on a
        // continuation costs a thread wake-up per checkout, which dominated short operations.
        enum Immediate {
            case lease(Lease)
            case closed
            case exhausted
            case wait(id: Int)
        }
        let maxWaiters = admission.maxWaiters
        let immediate: Immediate = state.withLockedValue { state in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() { return .lease(.connection(connection)) }
            if state.opened < capacity {
                state.opened += 1
                return .lease(.open)
            }
            if let maxWaiters, state.waiters.count >= maxWaiters {
                state.exhausted += 1
                return .exhausted
            }
            state.nextWaiterID += 1
            return .wait(id: state.nextWaiterID)
        }
        let id: Int
        switch immediate {
        case .closed: throw SQLError(.poolClosed)
        case .exhausted: throw SQLError(.poolExhausted, detail: "\(state.withLockedValue { $0.waiters.count }) callers waiting")
        case .lease(.connection(let connection)): return leased(connection)
        case .lease(.open): return try await open()
        case .wait(let waiterID): id = waiterID
        }
        let waitStarted = ContinuousClock.now
        defer {
            let waited = ContinuousClock.now - waitStarted
            state.withLockedValue { state in
                state.waits += 1
                state.waited += waited
            }
        }
        let lease = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                enum Outcome {
                    case resume(Lease)
                    case fail(any Error)
                    case wait
                }
                let outcome: Outcome = state.withLockedValue { state in
                    if state.closed { return .fail(SQLError(.poolClosed)) }
                    if state.cancelled.remove(id) != nil { return .fail(CancellationError()) }
                    if let connection = state.idle.popLast() { return .resume(.connection(connection)) }
                    if state.opened < capacity {
                        state.opened += 1
                        return .resume(.open)
                    }
                    var waiter = Waiter(id: id, continuation: continuation)
                    if let timeout = admission.acquireTimeout {
                        waiter.timer = Task { [weak self] in
                            try? await Task.sleep(for: timeout)
                            guard !Task.isCancelled else { return }
                            self?.expire(waiter: id, after: timeout)
                        }
                    }
                    state.waiters.append(waiter)
                    return .wait
                }
                switch outcome {
                case .resume(let lease): continuation.resume(returning: lease)
                case .fail(let error): continuation.resume(throwing: error)
                case .wait: break
                }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state -> Waiter? in
                if let position = state.waiters.firstIndex(where: { $0.id == id }) {
                    return state.waiters.remove(at: position)
                }
                // Not queued yet (or already served): remember, so it does not queue later.
                state.cancelled.insert(id)
                return nil
            }
            waiter?.timer?.cancel()
            waiter?.continuation.resume(throwing: CancellationError())
        }
        state.withLockedValue { _ = $0.cancelled.remove(id) }
        switch lease {
        case .connection(let connection): return leased(connection)
        case .open: return try await open()
        }
    }

    /// Fails waiter `id` if it is still queued `timeout` after it joined.
    private func expire(waiter id: Int, after timeout: Duration) {
        let waiter = state.withLockedValue { state -> Waiter? in
            guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            state.timedOut += 1
            return state.waiters.remove(at: position)
        }
        waiter?.continuation.resume(throwing: SQLError(.poolTimeout, detail: "waited \(timeout) for a connection"))
    }

    /// The first queued caller, its timeout timer stopped.
    private static func serve(_ state: inout State) -> Waiter? {
        guard let waiter = state.waiters.popFirst() else { return nil }
        waiter.timer?.cancel()
        return waiter
    }

    private func leased(_ connection: any DatabaseBackend) -> any DatabaseBackend {
        connection.usage.lease()
        return connection
    }

    private func open() async throws -> any DatabaseBackend {
        do {
            return leased(try await factory())
        } catch {
            giveUpSlot()
            throw error
        }
    }

    /// Frees one slot: the first queued caller gets it to open a new connection, so nobody waits on a slot
    /// that no connection will ever release; without one, the slot count drops (and a pending `close()`
    /// may finish).
    private func giveUpSlot() {
        let (next, drained) = state.withLockedValue { state -> (Waiter?, [CheckedContinuation<Void, Never>]) in
            if !state.closed, let waiter = Self.serve(&state) { return (waiter, []) }
            state.opened -= 1
            return (nil, state.takeDrainedIfEmpty())
        }
        next?.continuation.resume(returning: .open)
        for closer in drained { closer.resume() }
    }

    /// Returns a connection. An unhealthy one, or any after ``close()``, is closed and its slot given up.
    ///
    /// `leavingThreads`: the caller leaves the database threads right after (its scope ends and it came from
    /// elsewhere), so a waiter given the connection runs on this thread when the caller's job ends, instead of
    /// waking another thread; with a single writer that wake-up was a third of the cost of a queued write.
    func release(_ connection: any DatabaseBackend, leavingThreads: Bool = false) async {
        guard connection.usage.end() else {
            // A call is still running on it from a task it escaped into: never reuse it, and do not close
            // it under that call. Its handle closes when the last reference goes.
            logger.error("a database connection escaped its closure and was still in use; retiring it")
            giveUpSlot()
            return
        }
        // Reading health does not block (it inspects the connection's own state), so no hop is needed.
        let healthy = connection.isHealthy
        enum Outcome {
            case handOver(Waiter)
            case kept
            case retire
        }
        let outcome: Outcome = state.withLockedValue { state in
            if state.closed || !healthy { return .retire }
            if let waiter = Self.serve(&state) { return .handOver(waiter) }
            state.idle.append(connection)
            return .kept
        }
        switch outcome {
        case .handOver(let waiter):
            if leavingThreads {
                executor.handOff { waiter.continuation.resume(returning: .connection(connection)) }
            } else {
                waiter.continuation.resume(returning: .connection(connection))
            }
        case .kept:
            break
        case .retire:
            if !healthy { logger.warning("replacing a broken database connection") }
            // The slot is given up only once the handle is closed, so close() cannot stop the threads first.
            await connection.close()
            giveUpSlot()
        }
    }

    /// Fails queued callers, closes idle connections, and returns once the connections in use have come
    /// back and been closed too. New callers get ``SQLError/Code/poolClosed``.
    func close() async {
        let (idle, waiters) = state.withLockedValue { state in
            state.closed = true
            let idle = state.idle
            state.idle.removeAll()
            let waiters = state.waiters
            state.waiters.removeAll()
            return (idle, waiters)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: SQLError(.poolClosed))
        }
        for connection in idle { await connection.close() }
        await withCheckedContinuation { (closer: CheckedContinuation<Void, Never>) in
            let drained = state.withLockedValue { state in
                state.opened -= idle.count
                state.drained.append(closer)
                return state.takeDrainedIfEmpty()
            }
            for waiting in drained { waiting.resume() }
        }
    }

    /// Connections currently idle in the pool.
    var idleCount: Int { state.withLockedValue { $0.idle.count } }

    /// Connections currently open, idle or in use.
    var openCount: Int { state.withLockedValue { $0.opened } }

    /// Connections open, in use and waited for, and the checkouts that waited so far.
    var statistics: SQLPoolStatistics {
        state.withLockedValue { state in
            SQLPoolStatistics(
                capacity: capacity, open: state.opened, inUse: state.opened - state.idle.count,
                waiters: state.waiters.count, waits: state.waits, waited: state.waited, retries: 0,
                exhausted: state.exhausted, timedOut: state.timedOut)
        }
    }
}
