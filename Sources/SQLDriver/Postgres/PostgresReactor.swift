import DequeModule
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one thread that serves every PostgreSQL connection of a pool (ADR 0007).
///
/// It waits on all the connections' sockets at once (`poll`) and makes every libpq call, each of them
/// non-blocking. It is also the task executor that a transaction's body runs on: a statement's caller suspends,
/// the reactor reads the answer and resumes it, and the caller's next job runs on this same thread right after,
/// without a thread wake-up. Nothing here ever waits except `poll`, so one thread serves any number of
/// connections, and no blocking `PQ*` call runs on a NIO event loop or on Swift's cooperative pool.
final class PostgresReactor: DatabaseThreads, @unchecked Sendable {
    // @unchecked: `watches` is touched only on the reactor thread; the queue is behind a mutex.

    /// Someone waiting for a socket to be readable or writable.
    protocol Watcher: AnyObject {
        /// The socket is ready (or hung up). Reactor thread.
        func ready(readable: Bool, writable: Bool)
        /// The reactor is stopping with this socket still watched (a connection the pool retired while an escaped
        /// task still used it): close it and stop watching. Reactor thread.
        func abandon()
    }

    private struct Queue {
        var jobs: Deque<UnownedJob> = []
        var actions: [@Sendable () -> Void] = []
        /// The loop is in (or about to enter) `epoll_wait` with nothing queued: an enqueuer must wake it.
        var sleeping = false
        var stopping = false
        /// The loop has ended: work that still arrives runs elsewhere (see ``enqueue(_:)``).
        var stopped = false
    }

    /// A pipe that wakes the loop: the loop polls its read end.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let queue = Mutex(Queue())
    /// The sockets to poll, and whether each waits to write too (reactor thread).
    private var watches: [Int32: (watcher: any Watcher, writable: Bool)] = [:]
    private let threadID = Atomic<UInt>(0)
    private let finished = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "cannot create the PostgreSQL reactor's wake-up pipe")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        let thread = Thread { [self] in self.loop() }
        thread.name = "walletgraph-pg"
        thread.start()
    }

    // MARK: Executor

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wake = queue.withLock { queue -> Bool? in
            // After shutdown a task may still prefer this executor (a caller arriving at a closed pool): its job
            // must run, or the task would hang. Every connection is closed by then, so it touches no C handle
            // (the pool answers POOL_CLOSED).
            if queue.stopped { return nil }
            queue.jobs.append(job)
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        guard let wake else {
            globalConcurrentExecutor.enqueue(job)
            return
        }
        // On the reactor thread the loop drains the queue before it waits again.
        if wake && !isCurrentThread { signal() }
    }

    /// Runs `action` on the reactor thread, soon (after the current event, when called from there).
    func execute(_ action: @escaping @Sendable () -> Void) {
        let wake = queue.withLock { queue -> Bool? in
            if queue.stopped { return nil }
            queue.actions.append(action)
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        // After shutdown no connection has a handle left: the action only fails what it was given.
        guard let wake else { return action() }
        if wake && !isCurrentThread { signal() }
    }

    /// Runs `action` now when on the reactor thread, else as soon as the reactor gets to it.
    func onReactor(_ action: @escaping @Sendable () -> Void) {
        if isCurrentThread { action() } else { execute(action) }
    }

    var isCurrentThread: Bool { threadID.load(ordering: .relaxed) == UInt(pthread_self()) }

    /// The resumed task's job lands on this thread's queue anyway: nothing to hand over.
    func handOff(_ wake: () -> Void) { wake() }

    /// Stops the thread once queued work has run. Call it after the last connection is closed.
    func shutdown() async {
        let wake = queue.withLock { queue -> Bool in
            queue.stopping = true
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        if wake { signal() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { state -> Bool in
                if state.done { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Sockets (reactor thread only)

    /// Starts or changes the watch of `fd`: readable always, writable when `writable`.
    func watch(_ fd: Int32, _ watcher: any Watcher, writable: Bool) {
        watches[fd] = (watcher, writable)
    }

    /// Stops watching `fd` (before libpq closes it).
    func unwatch(_ fd: Int32) {
        watches[fd] = nil
    }

    // MARK: The loop

    private func signal() {
        var one: UInt8 = 1
        _ = Glibc.write(wakeWrite, &one, 1)
    }

    private func loop() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        var descriptors: [pollfd] = []
        var drainBuffer = [UInt8](repeating: 0, count: 64)
        while true {
            let (jobs, actions, stop, idle) = queue.withLock { queue in
                let taken = (queue.jobs, queue.actions, queue.stopping)
                queue.jobs.removeAll()
                queue.actions.removeAll()
                let idle = taken.0.isEmpty && taken.1.isEmpty
                // Asleep only when nothing was queued: anything queued after this wakes the loop.
                queue.sleeping = idle
                if taken.2 && idle && watches.isEmpty { queue.stopped = true }
                return (taken.0, taken.1, taken.2, idle)
            }
            for action in actions { action() }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
            if stop && idle && watches.isEmpty { break }
            if stop && idle {
                for watch in Array(watches.values) { watch.watcher.abandon() }
                watches.removeAll()
                continue
            }
            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            for (fd, watch) in watches {
                descriptors.append(pollfd(fd: fd, events: Int16(POLLIN) | (watch.writable ? Int16(POLLOUT) : 0), revents: 0))
            }
            let count = descriptors.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), idle ? (stop ? 10 : -1) : 0)
            }
            guard count > 0 else { continue }
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == wakeRead {
                    while Glibc.read(wakeRead, &drainBuffer, drainBuffer.count) > 0 {}
                    continue
                }
                // A watcher called before may have stopped this watch (a connection closed).
                guard let watch = watches[descriptor.fd] else { continue }
                let flags = Int32(descriptor.revents)
                let hangup = flags & (POLLERR | POLLHUP | POLLNVAL) != 0
                watch.watcher.ready(readable: flags & POLLIN != 0 || hangup, writable: flags & POLLOUT != 0)
            }
        }
        close(wakeRead)
        close(wakeWrite)
        let waiters = finished.withLock { state in
            state.done = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
