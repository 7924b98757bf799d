/// Where a pool's database work runs: the task executor a unit of work (a transaction, one checkout) prefers
/// for its whole body. SQLite: ``DatabaseExecutor``, one blocking thread per connection. PostgreSQL:
/// ``PostgresReactor``, one thread for every connection, where no call blocks.
protocol DatabaseThreads: TaskExecutor, Sendable {
    /// Whether the current thread is one of these.
    var isCurrentThread: Bool { get }
    /// Runs `wake`, which resumes a task that prefers these threads, so that its job runs on the current thread
    /// when the current job ends, where the executor can (``DatabaseExecutor/handOff(_:)``).
    func handOff(_ wake: () -> Void)
    /// Stops the threads once queued work has run. Call it after the last connection is closed.
    func shutdown() async
}
