import CSQLite

/// A connection to an SQLite file, used by one task at a time on a database thread.
final class SQLiteConnection: DatabaseBackend, @unchecked Sendable {
    // @unchecked: all mutable state is touched only by the task that checked the connection out,
    // one call at a time, on a database thread (checked by DatabaseExecutor.run).

    /// The writer takes `BEGIN IMMEDIATE`; readers are `query_only`.
    enum Role { case writer, reader }

    let dialect = SQLDialect.sqlite
    let executor: DatabaseExecutor
    let usage = ConnectionUsage()
    let role: Role
    private let configuration: SQLiteConfiguration
    private var handle: OpaquePointer?
    /// The same handle, for `sqlite3_interrupt` from the thread that cancels a task: it never changes while the
    /// connection is leased, and only a leased connection's statements are interrupted.
    private let interruptHandle: InterruptTarget
    /// Waits for other connections' locks, and stops waiting when the lessee's task is cancelled.
    private let busyWait: SQLiteBusyWait

    private struct InterruptTarget: @unchecked Sendable {
        // @unchecked: sqlite3_interrupt may be called from any thread on an open connection.
        let pointer: OpaquePointer
    }
    private var cache: [SQLStatement: OpaquePointer] = [:]
    private var inTransaction = false
    private var transactionFailed = false
    private var broken = false

    /// Not broken, and not left inside a transaction (reading autocommit state does not block).
    var isHealthy: Bool {
        guard let handle, !broken else { return false }
        return sqlite3_get_autocommit(handle) != 0
    }

    private init(
        handle: OpaquePointer, role: Role, configuration: SQLiteConfiguration, executor: DatabaseExecutor,
        busyWait: SQLiteBusyWait
    ) {
        self.handle = handle
        self.busyWait = busyWait
        self.interruptHandle = InterruptTarget(pointer: handle)
        self.role = role
        self.configuration = configuration
        self.executor = executor
    }

    /// Opens and configures a connection. Runs on a database thread.
    static func open(role: Role, configuration: SQLiteConfiguration, executor: DatabaseExecutor) throws
        -> SQLiteConnection
    {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(configuration.path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_close_v2(db)
            throw SQLError(.connectionFailed, sqlState: "SQLITE_\(rc)", engineMessage: message)
        }
        sqlite3_extended_result_codes(db, 1)
        let busyWait = SQLiteBusyWait(timeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        busyWait.install(on: db)
        let connection = SQLiteConnection(
            handle: db, role: role, configuration: configuration, executor: executor, busyWait: busyWait)
        do {
            // WAL lets readers see a committed snapshot while the writer works; the mode is persistent in
            // the file, so the writer (opened first by the pool) sets it.
            if role == .writer { try connection.executeScriptNow("PRAGMA journal_mode=WAL") }
            try connection.executeScriptNow("PRAGMA synchronous=\(configuration.synchronous.rawValue)")
            try connection.executeScriptNow("PRAGMA foreign_keys=ON")
            if role == .reader { try connection.executeScriptNow("PRAGMA query_only=1") }
        } catch {
            connection.closeNow()
            throw error
        }
        return connection
    }

    func close() async {
        try? await executor.run { self.closeNow() }
    }

    private func closeNow() {
        for statement in cache.values { sqlite3_finalize(statement) }
        cache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    deinit {
        // The pool closes connections on a database thread. This runs only for a connection the pool
        // retired while an escaped task still used it, or one leaked by a bug.
        if handle != nil {
            for statement in cache.values { sqlite3_finalize(statement) }
            sqlite3_close_v2(handle)
        }
    }

    // MARK: SQLConnection

    func execute(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws -> Int64 {
        try await interruptible {
            try await perform {
                try self.step(statement, bindings) { _ in }
                return sqlite3_changes64(self.handle)
            }
        }
    }

    func query(_ statement: SQLStatement, _ bindings: [SQLValue], row: (borrowing SQLRow) throws -> Void) async throws {
        try await interruptible { try await perform { try self.step(statement, bindings, row) } }
    }

    /// Runs a statement of the lessee's so that cancelling its task stops it: not started when the task is already
    /// cancelled, and interrupted (`SQLITE_INTERRUPT`, ``SQLError/Code/statementTimeout``) while it runs. Inside a
    /// transaction SQLite then rolls the transaction back. A wait for another connection's lock stops too (as
    /// ``SQLError/Code/busy``). `BEGIN` may be stopped so; `COMMIT` and `ROLLBACK` never are.
    private func interruptible<T>(_ body: () async throws -> T) async throws -> T {
        busyWait.reset()
        if Task.isCancelled {
            recordFailure()
            throw SQLError(.statementTimeout, detail: "the task was cancelled")
        }
        let target = interruptHandle
        let busyWait = busyWait
        return try await withTaskCancellationHandler {
            try await body()
        } onCancel: {
            busyWait.cancel()
            sqlite3_interrupt(target.pointer)
        }
    }

    // MARK: Synchronous core, on a database thread

    private func step(_ statement: SQLStatement, _ bindings: [SQLValue], _ row: (borrowing SQLRow) throws -> Void) throws {
        let prepared = try prepare(statement)
        defer { sqlite3_reset(prepared) }
        try bind(bindings, to: prepared)
        let current = SQLRow(.sqlite(statement: prepared))
        while true {
            let rc = sqlite3_step(prepared)
            if rc == SQLITE_ROW {
                try row(current)
            } else if rc == SQLITE_DONE {
                return
            } else {
                throw failure(rc)
            }
        }
    }

    private func prepare(_ statement: SQLStatement) throws -> OpaquePointer {
        if let cached = cache[statement] { return cached }
        let sql = statement.sql(for: .sqlite)
        var prepared: OpaquePointer?
        var remainder = ""
        let rc = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, &tail)
            // The tail points into `text`, which lives only inside this closure.
            if let tail, tail.pointee != 0 { remainder = String(cString: tail) }
            return rc
        }
        guard rc == SQLITE_OK, let prepared else { throw failure(rc) }
        if !remainder.isEmpty, !SQLScript.isBlank(remainder) {
            sqlite3_finalize(prepared)
            throw SQLError(.invalidStatement, detail: "more than one statement in one SQLStatement")
        }
        if cache.count >= configuration.statementCacheCapacity {
            for old in cache.values { sqlite3_finalize(old) }
            cache.removeAll(keepingCapacity: true)
        }
        cache[statement] = prepared
        return prepared
    }

    /// The number of statements prepared and cached on this connection.
    var cachedStatementCount: Int { cache.count }

    func recordFailure() {
        if inTransaction { transactionFailed = true }
    }

    /// Maps the connection's current error to an ``SQLError``; an I/O or corruption error also retires
    /// the connection.
    func failure(_ rc: Int32) -> SQLError {
        switch rc & 0xff {
        case SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_NOMEM: broken = true
        default: break
        }
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
        return SQLiteErrors.map(code: sqlite3_extended_errcode(handle), rc: rc, message: message, connection: self)
    }

    // MARK: DatabaseBackend

    func begin(_ mode: SQLTransactionMode) async throws {
        try await interruptible { try await executor.run { try self.beginNow(mode) } }
    }

    func commit() async throws { try await executor.run { try self.commitNow() } }

    func rollback() async { try? await executor.run { self.rollbackNow() } }

    func executeScript(_ sql: String) async throws { try await executor.run { try self.executeScriptNow(sql) } }

    /// A call on the database threads, guarded (``DatabaseBackend/guarded(_:)``).
    private func perform<T>(_ body: () throws -> T) async throws -> T {
        try await guarded { try await executor.run(body) }
    }

    private func beginNow(_ mode: SQLTransactionMode) throws {
        let sql: SQLStatement =
            switch mode {
            case .readWrite: Self.beginImmediate
            case .readOnlySnapshot: Self.beginDeferred
            }
        try step(sql, []) { _ in }
        inTransaction = true
        transactionFailed = false
    }

    private func commitNow() throws {
        defer {
            inTransaction = false
            transactionFailed = false
        }
        if transactionFailed || sqlite3_get_autocommit(handle) != 0 {
            // A failed statement dooms the transaction, and some errors (e.g. SQLITE_FULL) have already
            // rolled it back, which autocommit mode reveals.
            rollbackNow()
            throw SQLError(.transactionAborted)
        }
        do {
            try step(Self.commitStatement, []) { _ in }
        } catch {
            rollbackNow()
            throw error
        }
    }

    private func rollbackNow() {
        inTransaction = false
        transactionFailed = false
        guard sqlite3_get_autocommit(handle) == 0 else { return }
        if (try? step(Self.rollbackStatement, []) { _ in }) == nil {
            broken = true
        }
    }

    private func executeScriptNow(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        if rc != SQLITE_OK { throw failure(rc) }
    }

    private static let beginImmediate = SQLStatement(unsafeSQL: "BEGIN IMMEDIATE")
    private static let beginDeferred = SQLStatement(unsafeSQL: "BEGIN DEFERRED")
    private static let commitStatement = SQLStatement(unsafeSQL: "COMMIT")
    private static let rollbackStatement = SQLStatement(unsafeSQL: "ROLLBACK")

    /// The raw handle, for the error mapper's constraint-name lookup.
    var rawHandle: OpaquePointer? { handle }
}
