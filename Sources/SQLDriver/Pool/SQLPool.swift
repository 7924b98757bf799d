import Foundation
import Logging
import Synchronization

/// The entry point of the driver: a bounded pool of connections to one database, and the database
/// threads its blocking calls run on.
///
/// SQLite gets one writer connection and several readers in WAL mode; PostgreSQL gets a pool of
/// interchangeable connections. Work happens in closures: ``withTransaction(_:retry:isolation:_:)`` for a
/// transaction, ``withConnection(readOnly:isolation:_:)`` for autocommit statements.
public final class SQLPool: Sendable {
    /// The engine behind this pool.
    public let dialect: SQLDialect
    let executor: any DatabaseThreads
    let writers: ConnectionPool
    let readers: ConnectionPool
    /// Transactions run again after a retryable error.
    private let retries = Atomic<Int>(0)
    /// PostgreSQL's wire counters.
    let wire: WireCounters?

    private init(
        dialect: SQLDialect, executor: any DatabaseThreads, writers: ConnectionPool, readers: ConnectionPool,
        wire: WireCounters? = nil
    ) {
        self.dialect = dialect
        self.wire = wire
        self.executor = executor
        self.writers = writers
        self.readers = readers
    }

    /// Opens an SQLite pool, creating the file if needed. The writer connection is opened at once,
    /// so that WAL mode is set before any reader connects.
    public static func sqlite(
        _ configuration: SQLiteConfiguration, logger: Logger = Logger(label: "walletgraph.sql")
    ) async throws -> SQLPool {
        // Every connection to ":memory:" opens its own empty database: the pool's readers would never
        // see the writer's data. Refuse it rather than lose writes silently.
        let path = configuration.path.trimmingCharacters(in: .whitespaces)
        if path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:") || path.contains("mode=memory") {
            throw SQLError(.invalidConfiguration, detail: "an SQLite pool needs a file; use a temporary file instead of :memory:")
        }
        let executor = DatabaseExecutor(threads: 1 + configuration.readers)
        let writers = ConnectionPool(capacity: 1, admission: configuration.admission, executor: executor, logger: logger) {
            try await executor.run { try SQLiteConnection.open(role: .writer, configuration: configuration, executor: executor) }
        }
        let readers = ConnectionPool(
            capacity: configuration.readers, admission: configuration.admission, executor: executor, logger: logger
        ) {
            try await executor.run { try SQLiteConnection.open(role: .reader, configuration: configuration, executor: executor) }
        }
        let pool = SQLPool(dialect: .sqlite, executor: executor, writers: writers, readers: readers)
        do {
            let writer = try await writers.acquire()
            await writers.release(writer)
        } catch {
            await pool.close()
            throw error
        }
        return pool
    }

    /// Opens a PostgreSQL pool and checks that the server is reachable. One reactor thread serves every
    /// connection (ADR 0007).
    public static func postgres(
        _ configuration: PostgresConfiguration, logger: Logger = Logger(label: "walletgraph.sql")
    ) async throws -> SQLPool {
        let reactor = PostgresReactor()
        let wire = WireCounters()
        let connections = ConnectionPool(
            capacity: configuration.maxConnections, admission: configuration.admission, executor: reactor, logger: logger
        ) {
            try await PostgresConnection.open(configuration: configuration, reactor: reactor, counters: wire)
        }
        let pool = SQLPool(dialect: .postgres, executor: reactor, writers: connections, readers: connections, wire: wire)
        do {
            let first = try await connections.acquire()
            await connections.release(first)
        } catch {
            await pool.close()
            throw error
        }
        return pool
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The body runs with the pool's database threads as its task executor, so its statements follow
    /// each other without thread hops. A statement that fails inside dooms the transaction even if
    /// the body catches the error (``SQLError/Code/transactionAborted``).
    ///
    /// With a `retry` policy other than ``SQLRetryPolicy/none``, a transaction that fails with a retryable
    /// error (deadlock, serialization failure, busy) is rolled back and run again, body included.
    @discardableResult
    public func withTransaction<T>(
        _ mode: SQLTransactionMode = .readWrite, retry: SQLRetryPolicy = .none,
        isolation: isolated (any Actor)? = #isolation, _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transactionAttempt(mode, isolation: isolation, body)
            } catch let error as SQLError where error.isRetryable && attempt < retry.maxAttempts {
                retries.add(1, ordering: .relaxed)
                try await Task.sleep(for: retry.delay(after: attempt))
                attempt += 1
            }
        }
    }

    private func transactionAttempt<T>(
        _ mode: SQLTransactionMode, isolation: isolated (any Actor)?, _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        try await leased(mode == .readWrite ? writers : readers, isolation: isolation) { connection in
            try await connection.withTransaction(mode, isolation: isolation, body)
        }
    }

    /// Runs `body` with a connection in autocommit mode: each statement commits on its own.
    /// `readOnly` picks an SQLite reader; on PostgreSQL any connection serves.
    @discardableResult
    public func withConnection<T>(
        readOnly: Bool = false, isolation: isolated (any Actor)? = #isolation,
        _ body: (any SQLConnection) async throws -> T
    ) async throws -> T {
        try await leased(readOnly ? readers : writers, isolation: isolation, body)
    }

    /// Internal: a backend connection, for the migration runner's session-level work.
    func withBackend<T>(_ body: (any DatabaseBackend) async throws -> T) async throws -> T {
        try await leased(writers, isolation: nil, body)
    }

    /// Runs `body` with a connection from `pool`, on the database threads, and always gives it back.
    private func leased<T>(
        _ pool: ConnectionPool, isolation: isolated (any Actor)?, _ body: (any DatabaseBackend) async throws -> T
    ) async throws -> T {
        // A caller already on the database threads (a nested scope) stays there after this scope, and an actor
        // caller may be switched to inline on the same thread, so a waiter must not be kept behind either:
        // hand-off only for nonisolated callers that came from elsewhere.
        let leavingThreads = isolation == nil && !executor.isCurrentThread
        return try await withTaskExecutorPreference(executor, isolation: isolation) {
            let connection = try await pool.acquire()
            do {
                let result = try await body(connection)
                await pool.release(connection, leavingThreads: leavingThreads)
                return result
            } catch {
                await pool.release(connection, leavingThreads: leavingThreads)
                throw error
            }
        }
    }

    /// The pool's counters now: connections (writers and readers together on SQLite), waits and retries.
    public var statistics: SQLPoolStatistics {
        var total = writers.statistics
        if readers !== writers { total = total.adding(readers.statistics) }
        total.retries = retries.load(ordering: .relaxed)
        total.roundTrips = wire?.roundTrips.load(ordering: .relaxed) ?? 0
        return total
    }

    /// Closes every connection and stops the database threads. Waits for connections in use to come back;
    /// callers after that get ``SQLError/Code/poolClosed``.
    public func close() async {
        await writers.close()
        if readers !== writers { await readers.close() }
        await executor.shutdown()
    }
}
