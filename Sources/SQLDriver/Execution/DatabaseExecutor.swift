import NIOPosix
import Synchronization

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
/// preference, so consecutive statements in it run without a thread hop in between; only entering the
/// unit costs a hop.
final class DatabaseExecutor: DatabaseThreads, @unchecked Sendable {
    // @unchecked: NIOThreadPool is thread-safe but not annotated Sendable; it is only submitted to.
    private let threadPool: NIOThreadPool
    private let stopped = Atomic<Bool>(false)

    /// Starts `threads` threads.
    init(threads: Int) {
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if DatabaseThread.keep(job, for: self) { return }
        threadPool.submit { state in
            switch state {
            case .active:
                DatabaseThread.mark(self)
                job.runSynchronously(on: self.asUnownedTaskExecutor())
                // A job kept by `handOff` runs here, right after the job that woke it, without a thread wake-up
                // (and may itself hand off to the next one).
                while let kept = DatabaseThread.takeKept() { kept.runSynchronously(on: self.asUnownedTaskExecutor()) }
            case .cancelled:
                // After shutdown NIO calls this inline, on the submitting thread. The job must still run,
                // or its task would hang; it runs as global-executor work, unmarked, and any driver call
                // it makes fails with POOL_CLOSED before touching a C handle.
                job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor())
            }
        }
    }

    /// Runs `wake` (which resumes a task that prefers this executor) so that the task's job, instead of waking
    /// another thread, runs on this thread as soon as the current job ends. Only when the current job is about to
    /// end: the pool uses it to hand the connection a task releases to the next waiter, when the releasing task
    /// leaves the database threads right after. Elsewhere, or off our threads, `wake` runs as usual.
    func handOff(_ wake: () -> Void) {
        guard isCurrentThread else { return wake() }
        DatabaseThread.arm(for: self)
        wake()
        DatabaseThread.disarm()
    }

    /// Whether the current thread is one of this executor's.
    var isCurrentThread: Bool { DatabaseThread.current == DatabaseThread.identity(of: self) }

    /// Runs `body` on one of this executor's threads: at once when already on one, else after a hop.
    func run<T>(_ body: () throws -> T) async throws -> T {
        if stopped.load(ordering: .acquiring) { throw SQLError(.poolClosed) }
        if isCurrentThread { return try body() }
        return try await withTaskExecutorPreference(self) {
            try await self.runHere(body)
        }
    }

    /// A nonisolated async function: it runs on the task's preferred executor, i.e. one of our threads.
    private func runHere<T>(_ body: () throws -> T) async throws -> T {
        guard isCurrentThread else {
            if stopped.load(ordering: .acquiring) { throw SQLError(.poolClosed) }
            preconditionFailure("database call outside the database threads")
        }
        return try body()
    }

    /// Stops the threads once queued work has run. Call it after the last connection is closed.
    func shutdown() async {
        stopped.store(true, ordering: .releasing)
        try? await threadPool.shutdownGracefully()
    }
}

/// Records, per thread, which ``DatabaseExecutor`` owns it.
enum DatabaseThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The address of `executor`, used as an identity only: it is compared, never dereferenced.
    static func identity(of executor: DatabaseExecutor) -> UnsafeRawPointer {
        UnsafeRawPointer(Unmanaged.passUnretained(executor).toOpaque())
    }

    /// Marks the current thread as `executor`'s.
    static func mark(_ executor: DatabaseExecutor) {
        let identity = identity(of: executor)
        if current != identity { pthread_setspecific(key, identity) }
    }

    /// Per database thread: whether `handOff` is waking a task, and the one job it kept.
    private final class Handoff {
        var armedFor: UnsafeRawPointer?
        var kept: UnownedJob?
    }

    private static let handoffKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The current database thread's hand-off slot (one per thread, kept for the thread's life).
    private static var handoff: Handoff {
        if let existing: UnsafeMutableRawPointer = pthread_getspecific(handoffKey) {
            return Unmanaged<Handoff>.fromOpaque(existing).takeUnretainedValue()
        }
        let slot = Handoff()
        pthread_setspecific(handoffKey, Unmanaged.passRetained(slot).toOpaque())
        return slot
    }

    static func arm(for executor: DatabaseExecutor) { handoff.armedFor = identity(of: executor) }

    static func disarm() { handoff.armedFor = nil }

    /// Keeps `job` for the end of the current job when `handOff` for `executor` is waking it on this thread and
    /// no job is kept yet; false otherwise (the caller submits it as usual).
    static func keep(_ job: UnownedJob, for executor: DatabaseExecutor) -> Bool {
        guard current == identity(of: executor) else { return false }
        let slot = handoff
        guard slot.armedFor == identity(of: executor), slot.kept == nil else { return false }
        slot.kept = job
        return true
    }

    static func takeKept() -> UnownedJob? {
        guard let existing: UnsafeMutableRawPointer = pthread_getspecific(handoffKey) else { return nil }
        let slot = Unmanaged<Handoff>.fromOpaque(existing).takeUnretainedValue()
        defer { slot.kept = nil }
        return slot.kept
    }

    /// The identity of the executor owning the current thread, if any.
    static var current: UnsafeRawPointer? {
        // pthread_getspecific is imported as an implicitly unwrapped optional; keep it optional.
        let value: UnsafeMutableRawPointer? = pthread_getspecific(key)
        return value.map { UnsafeRawPointer($0) }
    }
}
