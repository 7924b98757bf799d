import CLibPQ
import DequeModule
import Foundation
import Synchronization

/// A libpq connection in non-blocking pipeline mode, served by a ``PostgresReactor`` (ADR 0007).
///
/// A caller's statement travels as one *flight*: whatever it needs sent first (a deferred `BEGIN`, a `Parse`
/// and `Describe` the first time the statement is used on this connection) and its `Bind`/`Execute`, then a
/// `Sync`, in one write. The caller suspends until the flight's `Sync` comes back. So `BEGIN` costs no round trip
/// of its own, a statement's first use costs none either, and a read-only transaction's `COMMIT` goes out without
/// anyone waiting for it (the connection's next flight queues behind it).
///
/// State is split by thread: the lessee's (`cache`, the transaction flags) is touched only by the task holding the
/// connection, one call at a time (``ConnectionUsage``); the wire's (`handle`, `flights`) only on the reactor
/// thread. `lost` and `retired` are shared.
final class PostgresConnection: DatabaseBackend, PostgresReactor.Watcher, @unchecked Sendable {
    struct Prepared {
        let name: String
        let types: [UInt32]
    }

    /// One protocol message group a flight sends.
    enum Command: @unchecked Sendable {
        // @unchecked: the parameters' buffer is handed over to the reactor thread and never touched again here.
        case prepare(name: String, sql: String, types: [UInt32])
        case describe(name: String)
        case execute(name: String, parameters: PostgresParameters, count: Int32)
        /// A statement without parameters (BEGIN, COMMIT, ROLLBACK, DEALLOCATE), by the extended protocol.
        case plain(String)
    }

    /// What one command of a flight produced. A result is the caller's to `PQclear`.
    enum Outcome: @unchecked Sendable {
        case ok(OpaquePointer)
        case failed(SQLError)
        /// Skipped: an earlier command of the flight failed.
        case aborted
    }

    /// Commands sent together, ended by a `Sync` (or, for a script, one simple-protocol query).
    final class Flight: @unchecked Sendable {
        // @unchecked: made by the lessee, then touched only on the reactor thread.
        let commands: [Command]
        let script: String?
        var outcomes: [Outcome] = []
        /// Set once the flight is written to libpq; a cancel request waits for it.
        let sent = Atomic<Bool>(false)
        /// Set when the flight has its answer; a cancel request stops repeating then.
        let answered = Atomic<Bool>(false)
        var pending: OpaquePointer?
        var pendingError: SQLError?
        var completion: (@Sendable ([Outcome]) -> Void)?

        init(commands: [Command], script: String? = nil, completion: (@Sendable ([Outcome]) -> Void)?) {
            self.commands = commands
            self.script = script
            self.completion = completion
        }

        var expected: Int { script == nil ? commands.count : 1 }
    }

    let dialect = SQLDialect.postgres
    let usage = ConnectionUsage()
    let reactor: PostgresReactor
    let configuration: PostgresConfiguration

    // The lessee's state.
    var cache: [SQLStatement: Prepared] = [:]
    private var preparedCounter = 0
    /// The driver's view: a transaction is open for the lessee (BEGIN may still be deferred).
    var inTransaction = false
    private var transactionFailed = false
    private var mode: SQLTransactionMode = .readWrite
    /// BEGIN not sent yet: it goes with the transaction's first statement.
    private var deferredBegin: String?
    /// The server's view: BEGIN was sent (or queued) and neither COMMIT nor ROLLBACK since.
    var serverTransactionOpen = false
    /// Deferred statements (``executeDeferred(_:_:)``) not sent yet: they go with the next flight.
    var queued: [Command] = []
    var queuedStatements: [Planned] = []

    // The wire's state (reactor thread).
    var handle: OpaquePointer?
    var socket: Int32 = -1
    var flights: Deque<Flight> = []
    var wantsWrite = false
    var connecting: CheckedContinuation<Void, any Error>?

    /// The wire is gone (lost, failed to connect, or closed). Set on the reactor thread.
    let lost = Atomic<Bool>(false)
    /// Usable for this lease, but not to be handed to anyone else: the pool closes it on release.
    let retired = Atomic<Bool>(false)
    /// The key `PQcancel` needs, from the moment the connection is up.
    var cancelKey: CancelKey?

    let counters: WireCounters

    private init(configuration: PostgresConfiguration, reactor: PostgresReactor, counters: WireCounters) {
        self.configuration = configuration
        self.reactor = reactor
        self.counters = counters
    }

    /// Connects without blocking any thread: `PQconnectStartParams`, then `PQconnectPoll` whenever the socket is
    /// ready, on the reactor.
    static func open(
        configuration: PostgresConfiguration, reactor: PostgresReactor, counters: WireCounters
    ) async throws -> PostgresConnection {
        let connection = PostgresConnection(configuration: configuration, reactor: reactor, counters: counters)
        // PQconnectPoll would resolve a host name with a blocking getaddrinfo on the reactor: resolve it first, on a
        // thread of its own, and pass the address as hostaddr (host stays, for authentication and TLS).
        let resolved = await HostResolver.resolve(conninfo: configuration.url)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            reactor.onReactor { connection.startConnecting(continuation, resolved: resolved) }
        }
        try await connection.applySessionTimeouts()
        return connection
    }

    var isHealthy: Bool {
        !lost.load(ordering: .acquiring) && !retired.load(ordering: .acquiring) && !inTransaction
            && !serverTransactionOpen
    }

    /// The number of statements prepared and cached on this connection.
    var cachedStatementCount: Int { cache.count }

    func recordFailure() {
        if inTransaction { transactionFailed = true }
    }

    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            reactor.onReactor {
                self.shutDownWire(SQLError(.connectionLost, detail: "connection closed"))
                continuation.resume()
            }
        }
        cache.removeAll()
    }

    // MARK: SQLConnection

    func execute(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws -> Int64 {
        try await guarded { try await self.run(statement, bindings) { _ in } }
    }

    func query(_ statement: SQLStatement, _ bindings: [SQLValue], row: (borrowing SQLRow) throws -> Void) async throws {
        _ = try await guarded { try await self.run(statement, bindings, row) }
    }

    // MARK: DatabaseBackend

    func begin(_ mode: SQLTransactionMode) async throws {
        if lost.load(ordering: .acquiring) { throw SQLError(.connectionLost) }
        self.mode = mode
        deferredBegin =
            switch mode {
            case .readWrite: "BEGIN ISOLATION LEVEL READ COMMITTED"
            case .readOnlySnapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
        inTransaction = true
        transactionFailed = false
    }

    func commit() async throws {
        let doomed = transactionFailed
        inTransaction = false
        transactionFailed = false
        if deferredBegin != nil {
            // Nothing ran: there is no server transaction to end.
            deferredBegin = nil
            if doomed { throw SQLError(.transactionAborted) }
            return
        }
        if doomed {
            await rollback()
            throw SQLError(.transactionAborted)
        }
        if !queued.isEmpty {
            try await commitWithQueued()
            return
        }
        serverTransactionOpen = false
        if mode == .readOnlySnapshot {
            // Nothing to make durable and nothing to report: the next flight on this connection queues behind it.
            // A failure (the connection lost) shows in that flight.
            send([.plain("COMMIT")], completion: { outcomes in Self.clear(outcomes) })
            return
        }
        let outcomes = await flight([.plain("COMMIT")])
        defer { Self.clear(outcomes) }
        switch outcomes.first {
        case .ok(let result):
            // COMMIT of a transaction that failed is answered with the tag ROLLBACK, not an error.
            if let tag = PQcmdStatus(result), String(cString: tag) == "ROLLBACK" {
                throw SQLError(.transactionAborted)
            }
        case .failed(let error):
            await rollback()
            throw error
        case .aborted, nil:
            throw SQLError(.connectionLost)
        }
    }

    func rollback() async {
        inTransaction = false
        transactionFailed = false
        discardQueued()
        if deferredBegin != nil {
            deferredBegin = nil
            return
        }
        guard serverTransactionOpen else { return }
        serverTransactionOpen = false
        Self.clear(await flight([.plain("ROLLBACK")]))
    }

    func executeScript(_ sql: String) async throws {
        if !queued.isEmpty {
            let (commands, statements) = takeQueued()
            let outcomes = await flight(commands)
            defer { Self.clear(outcomes) }
            try settleQueued(statements, outcomes)
        }
        if let begin = deferredBegin {
            deferredBegin = nil
            serverTransactionOpen = true
            let outcomes = await flight([.plain(begin)])
            defer { Self.clear(outcomes) }
            if let error = Self.firstError(outcomes) { throw error }
        }
        let outcomes = await flight([], script: sql)
        defer { Self.clear(outcomes) }
        if let error = Self.firstError(outcomes) { throw error }
    }

    // MARK: Statements (the lessee)

    /// One statement's commands, and what its answer is checked against.
    struct Planned {
        var commands: [Command]
        /// The `Execute`'s index in `commands`.
        var executeIndex: Int
        var parameterCount: Int
        /// A statement prepared by these commands, cached once they succeed.
        var fresh: Prepared?
        var statement: SQLStatement
        /// Where `commands` start in the flight.
        var offset = 0
        /// It carries the transaction's deferred BEGIN.
        var opensTransaction = false
    }

    /// The commands that run `statement`: a deferred BEGIN, a (re)prepare and its check, the `Execute`.
    func plan(_ statement: SQLStatement, _ bindings: [SQLValue]) throws -> Planned {
        var parameters = PostgresParameters()
        for value in bindings { try parameters.append(value) }
        let types = bindings.map(\.type.postgresOID)
        var commands: [Command] = []
        var opens = false
        if let begin = deferredBegin {
            commands.append(.plain(begin))
            deferredBegin = nil
            serverTransactionOpen = true
            opens = true
        }
        var prepared = cache[statement]
        var fresh: Prepared?
        if let stale = prepared, stale.types != types {
            // Re-prepared with other parameter types: drop the old server-side statement and its cache entry.
            commands.append(.plain("DEALLOCATE \(stale.name)"))
            cache[statement] = nil
            prepared = nil
        }
        if prepared == nil {
            if cache.count >= configuration.statementCacheCapacity {
                commands.append(.plain("DEALLOCATE ALL"))
                cache.removeAll(keepingCapacity: true)
            }
            preparedCounter += 1
            let name = "wg\(preparedCounter)"
            commands.append(.prepare(name: name, sql: statement.sql(for: .postgres), types: types))
            // Checked before the statement runs: a parameter-count mismatch at Bind is a protocol violation.
            commands.append(.describe(name: name))
            prepared = Prepared(name: name, types: types)
            fresh = prepared
        }
        guard let prepared else { throw SQLError(.other, detail: "no prepared statement") }
        let executeIndex = commands.count
        commands.append(.execute(name: prepared.name, parameters: parameters, count: Int32(bindings.count)))
        return Planned(
            commands: commands, executeIndex: executeIndex, parameterCount: types.count, fresh: fresh,
            statement: statement, opensTransaction: opens)
    }

    /// Checks the answers to everything before a statement's `Execute`: the first failure is the answer.
    func checkPrelude(_ planned: Planned, _ outcomes: ArraySlice<Outcome>) throws {
        for index in 0..<planned.executeIndex {
            switch outcomes[planned.offset + index] {
            case .ok(let result):
                if case .describe = planned.commands[index] {
                    let expected = Int(PQnparams(result))
                    if expected != planned.parameterCount {
                        throw SQLError(
                            .invalidStatement, detail: "statement takes \(expected) parameters, got \(planned.parameterCount)")
                    }
                }
            case .failed(let error):
                if case .plain(let text) = planned.commands[index], text.hasPrefix("DEALLOCATE") {
                    // The server may keep statements the cache forgot: retire the connection after this lease.
                    retired.store(true, ordering: .releasing)
                }
                throw error
            case .aborted:
                throw SQLError(.transactionAborted)
            }
        }
    }

    private func run(_ statement: SQLStatement, _ bindings: [SQLValue], _ row: (borrowing SQLRow) throws -> Void)
        async throws -> Int64
    {
        if lost.load(ordering: .acquiring) { throw SQLError(.connectionLost) }
        var planned = try plan(statement, bindings)
        let (earlier, statements) = takeQueued()
        planned.offset = earlier.count
        let outcomes = await flight(earlier + planned.commands)
        defer { Self.clear(outcomes) }
        try settleQueued(statements, outcomes)
        try checkPrelude(planned, outcomes[...])
        if let fresh = planned.fresh { cache[statement] = fresh }
        switch outcomes[planned.offset + planned.executeIndex] {
        case .ok(let result):
            if PQresultStatus(result) == PGRES_TUPLES_OK {
                let count = PQntuples(result)
                for index in 0..<count {
                    try row(SQLRow(.postgres(result: result, row: index)))
                }
            }
            guard let text = PQcmdTuples(result) else { return 0 }
            return Int64(String(cString: text)) ?? 0
        case .failed(let error):
            throw error
        case .aborted:
            throw SQLError(.transactionAborted)
        }
    }

    /// Sends `commands` as one flight and waits for its `Sync`. A cancelled task cancels the running statement
    /// (`PQcancel`, on a thread of its own: it blocks), and the connection is retired after this lease, since a
    /// cancel request that arrives late could hit the next lessee's statement.
    func flight(_ commands: [Command], script: String? = nil) async -> [Outcome] {
        counters.roundTrips.add(1, ordering: .relaxed)
        let cancellable = script == nil && !commands.contains {
            if case .plain(let text) = $0 { text == "COMMIT" || text == "ROLLBACK" } else { false }
        }
        let flight = Flight(commands: commands, script: script, completion: nil)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Outcome], Never>) in
                flight.completion = { continuation.resume(returning: $0) }
                reactor.onReactor { self.transmit(flight) }
            }
        } onCancel: {
            guard cancellable else { return }
            retired.store(true, ordering: .releasing)
            // A cancel request that reaches the server before the statement does cancels nothing: it repeats
            // until the flight is answered.
            reactor.onReactor { self.cancelKey?.cancel(until: flight) }
        }
    }

    private func send(_ commands: [Command], script: String? = nil, completion: (@Sendable ([Outcome]) -> Void)?) {
        let flight = Flight(commands: commands, script: script, completion: completion)
        reactor.onReactor { self.transmit(flight) }
    }

    private static func firstError(_ outcomes: [Outcome]) -> SQLError? {
        for outcome in outcomes {
            switch outcome {
            case .ok: continue
            case .failed(let error): return error
            case .aborted: return SQLError(.transactionAborted)
            }
        }
        return nil
    }

    static func clear(_ outcomes: [Outcome]) {
        for case .ok(let result) in outcomes { PQclear(result) }
    }

    deinit {
        if let handle { PQfinish(handle) }
    }
}
