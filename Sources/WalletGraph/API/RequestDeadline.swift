import Synchronization

/// A request's deadline (`REQUEST_TIMEOUT`). When it passes, the request's task is cancelled: the statement it is
/// running is cancelled by the driver (SQLite `sqlite3_interrupt`, a PostgreSQL cancel request), its transaction
/// rolls back, and the errors that follow are presented as `TIMEOUT`. The answer is still whatever the request's
/// work returns: a mutation whose `COMMIT` was already on its way (never cancelled) answers with its result.
public final class RequestDeadline: Sendable {
    private let passed = Atomic<Bool>(false)

    public init() {}

    /// Whether the deadline passed and the request was cancelled.
    public var hasPassed: Bool { passed.load(ordering: .acquiring) }

    /// Runs `work`, cancelling it `timeout` after it started, and returns its answer, which comes promptly once
    /// it is cancelled. Without a timeout, `work` runs as is.
    static func run<T: Sendable>(
        timeout: Duration?, _ work: @escaping @Sendable (RequestDeadline) async -> T
    ) async -> T {
        let deadline = RequestDeadline()
        guard let timeout else { return await work(deadline) }
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { await work(deadline) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            while let next = await group.next() {
                if let answer = next {
                    group.cancelAll()
                    return answer
                }
                if !Task.isCancelled {
                    // The timer ran out, not the caller: stop the work and wait for its answer.
                    deadline.passed.store(true, ordering: .releasing)
                }
                group.cancelAll()
            }
            // The work always answers, and the loop ends only after it has: never run it twice.
            preconditionFailure("a request's work ended without an answer")
        }
    }
}
