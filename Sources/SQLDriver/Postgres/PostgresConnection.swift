import CLibPQ
import Foundation

/// A libpq connection, used by one task at a time on a database thread. Statements are prepared once
/// (`PQprepare`) and run with binary parameters and results (`PQexecPrepared`).
final class PostgresConnection: DatabaseBackend, @unchecked Sendable {
    // @unchecked: mutable state is touched only by the task holding the connection, on a database thread.

    struct Prepared {
        let name: String
        let types: [UInt32]
    }

    let dialect = SQLDialect.postgres
    let executor: DatabaseExecutor
    let usage = ConnectionUsage()
    private let configuration: PostgresConfiguration
    private var handle: OpaquePointer?
    private var cache: [SQLStatement: Prepared] = [:]
    private var preparedCounter = 0
    private var inTransaction = false
    private var transactionFailed = false

    private init(handle: OpaquePointer, configuration: PostgresConfiguration, executor: DatabaseExecutor) {
        self.handle = handle
        self.configuration = configuration
        self.executor = executor
    }

    /// Connects. Runs on a database thread.
    static func open(configuration: PostgresConfiguration, executor: DatabaseExecutor) throws -> PostgresConnection {
        var keywords = ["dbname", "application_name", "client_encoding"]
        var values = [configuration.url, configuration.applicationName, "UTF8"]
        if let schema = configuration.searchPath {
            keywords.append("options")
            values.append("-c search_path=\(schema)")
        }
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw SQLError(.connectionFailed, detail: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw SQLError(.connectionFailed, engineMessage: message)
        }
        // Notices (e.g. "relation already exists, skipping") would go to stderr by default.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard let setting = PQparameterStatus(connection, "integer_datetimes"), String(cString: setting) == "on" else {
            PQfinish(connection)
            throw SQLError(.connectionFailed, detail: "server lacks integer_datetimes")
        }
        return PostgresConnection(handle: connection, configuration: configuration, executor: executor)
    }

    var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    func close() {
        PQfinish(handle)
        handle = nil
        cache.removeAll()
    }

    deinit {
        if handle != nil { PQfinish(handle) }
    }

    // MARK: SQLConnection

    func execute(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws -> Int64 {
        try await perform { try self.run(statement, bindings) { _ in } }
    }

    func query(_ statement: SQLStatement, _ bindings: [SQLValue], row: (borrowing SQLRow) throws -> Void) async throws {
        try await perform { _ = try self.run(statement, bindings, row) }
    }

    /// Errors the server never saw (a parameter that cannot be encoded, a wrong parameter count, a row the
    /// caller could not decode) leave the server's transaction healthy, so the driver remembers them.
    func recordFailure() {
        if inTransaction { transactionFailed = true }
    }

    /// The number of statements prepared and cached on this connection.
    var cachedStatementCount: Int { cache.count }

    // MARK: Synchronous core, on a database thread

    private func run(_ statement: SQLStatement, _ bindings: [SQLValue], _ row: (borrowing SQLRow) throws -> Void) throws
        -> Int64
    {
        guard let handle else { throw SQLError(.connectionLost) }
        let prepared = try prepare(statement, bindings)
        var parameters = PostgresParameters()
        for value in bindings { try parameters.append(value) }
        let result = parameters.withPointers { values, lengths, formats in
            PQexecPrepared(handle, prepared.name, Int32(bindings.count), values, lengths, formats, 1)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK:
            return Self.changes(result)
        case PGRES_TUPLES_OK:
            guard let result else { return 0 }
            let count = PQntuples(result)
            for index in 0..<count {
                try row(SQLRow(.postgres(result: result, row: index)))
            }
            return Self.changes(result)
        default:
            throw failure(result)
        }
    }

    private func prepare(_ statement: SQLStatement, _ bindings: [SQLValue]) throws -> Prepared {
        let types = bindings.map(\.type.postgresOID)
        let stale = cache[statement]
        if let stale, stale.types == types { return stale }
        // Re-prepared with other parameter types: drop the old server-side statement, and its cache entry
        // with it, so a failed re-prepare cannot leave the cache naming a statement that no longer exists.
        if let stale {
            deallocate(stale.name)
            cache[statement] = nil
        }
        if cache.count >= configuration.statementCacheCapacity {
            try executeScript("DEALLOCATE ALL")
            cache.removeAll(keepingCapacity: true)
        }
        preparedCounter += 1
        let name = "wg\(preparedCounter)"
        let sql = statement.sql(for: .postgres)
        let result = types.withUnsafeBufferPointer { typeBuffer in
            PQprepare(handle, name, sql, Int32(types.count), typeBuffer.baseAddress)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw failure(result) }
        // Check the parameter count now: a mismatch at execution is a protocol error that reads like
        // a broken connection.
        let description = PQdescribePrepared(handle, name)
        defer { PQclear(description) }
        guard PQresultStatus(description) == PGRES_COMMAND_OK else { throw failure(description) }
        let expected = Int(PQnparams(description))
        guard expected == types.count else {
            deallocate(name)
            throw SQLError(.invalidStatement, detail: "statement takes \(expected) parameters, got \(types.count)")
        }
        let prepared = Prepared(name: name, types: types)
        cache[statement] = prepared
        return prepared
    }

    /// Drops a server-side prepared statement; the name is one of ours (`wgN`), never user text.
    private func deallocate(_ name: String) {
        PQclear(PQexec(handle, "DEALLOCATE \(name)"))
    }

    private static func changes(_ result: OpaquePointer?) -> Int64 {
        guard let result, let text = PQcmdTuples(result) else { return 0 }
        return Int64(String(cString: text)) ?? 0
    }

    func failure(_ result: OpaquePointer?) -> SQLError {
        PostgresErrors.map(result: result, connection: handle)
    }

    // MARK: DatabaseBackend

    func begin(_ mode: SQLTransactionMode) throws {
        switch mode {
        case .readWrite: try executeScript("BEGIN ISOLATION LEVEL READ COMMITTED")
        case .readOnlySnapshot: try executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        }
        inTransaction = true
        transactionFailed = false
    }

    func commit() throws {
        guard let handle else { throw SQLError(.connectionLost) }
        let doomed = transactionFailed
        inTransaction = false
        transactionFailed = false
        if doomed || PQtransactionStatus(handle) == PQTRANS_INERROR {
            rollback()
            throw SQLError(.transactionAborted)
        }
        let result = PQexec(handle, "COMMIT")
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            let error = failure(result)
            rollback()
            throw error
        }
        // COMMIT of a transaction that failed is answered with the tag ROLLBACK, not an error.
        if let tag = PQcmdStatus(result), String(cString: tag) == "ROLLBACK" {
            throw SQLError(.transactionAborted)
        }
    }

    func rollback() {
        inTransaction = false
        transactionFailed = false
        guard let handle, PQtransactionStatus(handle) != PQTRANS_IDLE else { return }
        let result = PQexec(handle, "ROLLBACK")
        PQclear(result)
    }

    func executeScript(_ sql: String) throws {
        guard let handle else { throw SQLError(.connectionLost) }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default: throw failure(result)
        }
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
