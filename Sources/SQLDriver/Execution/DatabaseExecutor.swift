import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The threads on which every blocking `sqlite3_*` and `PQ*` call runs.
///
/// It is a `TaskExecutor` over an `NIOThreadPool` with one thread per pooled connection, so a blocked
/// call never occupies a NIO event loop or a thread of Swift's cooperative pool, and a task holding a
/// connection always finds a thread: at most one thread per *other* connection can be blocked.
///
/// A unit of work (a transaction, or one checkout) runs its whole body under this executor's task
/// preference, so consecutive statements in it run without a thread hop in between; only entering and
/// leaving the unit costs a hop.
final class DatabaseExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: NIOThreadPool is thread-safe but not annotated Sendable; it is only submitted to.
    private let threadPool: NIOThreadPool

    /// Starts `threads` threads.
    init(threads: Int) {
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        threadPool.submit { _ in
            // Whatever the pool's state, the job must run, or its task would hang forever. After shutdown
            // NIO runs the item inline on the submitting thread; no connection exists by then.
            DatabaseThread.markCurrent()
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// Runs `body` on one of this executor's threads: at once when already on one, else after a hop.
    func run<T>(_ body: () throws -> T) async throws -> T {
        if DatabaseThread.isCurrent { return try body() }
        return try await withTaskExecutorPreference(self) {
            try await Self.runHere(body)
        }
    }

    /// A nonisolated async function: it runs on the task's preferred executor, i.e. one of our threads.
    private static func runHere<T>(_ body: () throws -> T) async throws -> T {
        precondition(DatabaseThread.isCurrent, "database call outside the database threads")
        return try body()
    }

    /// Stops the threads once queued work has run.
    func shutdown() async {
        try? await threadPool.shutdownGracefully()
    }
}

/// Marks the threads of every ``DatabaseExecutor``, so driver code can check where it runs.
enum DatabaseThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func markCurrent() {
        // Any non-nil value marks the thread; nothing is ever stored behind it.
        if pthread_getspecific(key) == nil { pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1)) }
    }

    /// Whether the current thread belongs to a database executor.
    static var isCurrent: Bool { pthread_getspecific(key) != nil }
}
