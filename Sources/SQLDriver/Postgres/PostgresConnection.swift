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
    private let configuration: PostgresConfiguration

    // The lessee's state.
    private var cache: [SQLStatement: Prepared] = [:]
    private var preparedCounter = 0
    /// The driver's view: a transaction is open for the lessee (BEGIN may still be deferred).
    private var inTransaction = false
    private var transactionFailed = false
    private var mode: SQLTransactionMode = .readWrite
    /// BEGIN not sent yet: it goes with the transaction's first statement.
    private var deferredBegin: String?
    /// The server's view: BEGIN was sent and neither COMMIT nor ROLLBACK since.
    private var serverTransactionOpen = false

    // The wire's state (reactor thread).
    private var handle: OpaquePointer?
    private var socket: Int32 = -1
    private var flights: Deque<Flight> = []
    private var wantsWrite = false
    private var connecting: CheckedContinuation<Void, any Error>?

    /// The wire is gone (lost, failed to connect, or closed). Set on the reactor thread.
    private let lost = Atomic<Bool>(false)
    /// Usable for this lease, but not to be handed to anyone else: the pool closes it on release.
    private let retired = Atomic<Bool>(false)
    /// The key `PQcancel` needs, from the moment the connection is up.
    private var cancelKey: CancelKey?

    private let counters: WireCounters

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
        if deferredBegin != nil {
            deferredBegin = nil
            return
        }
        guard serverTransactionOpen else { return }
        serverTransactionOpen = false
        Self.clear(await flight([.plain("ROLLBACK")]))
    }

    func executeScript(_ sql: String) async throws {
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

    private func run(_ statement: SQLStatement, _ bindings: [SQLValue], _ row: (borrowing SQLRow) throws -> Void)
        async throws -> Int64
    {
        if lost.load(ordering: .acquiring) { throw SQLError(.connectionLost) }
        var parameters = PostgresParameters()
        for value in bindings { try parameters.append(value) }
        let types = bindings.map(\.type.postgresOID)
        var commands: [Command] = []
        if let begin = deferredBegin {
            commands.append(.plain(begin))
            deferredBegin = nil
            serverTransactionOpen = true
        }
        var prepared = cache[statement]
        var fresh = false
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
            fresh = true
        }
        guard let prepared else { throw SQLError(.other, detail: "no prepared statement") }
        let executeIndex = commands.count
        commands.append(.execute(name: prepared.name, parameters: parameters, count: Int32(bindings.count)))
        let outcomes = await flight(commands)
        defer { Self.clear(outcomes) }
        // Everything before the statement itself: the first failure is the answer.
        for index in 0..<executeIndex {
            switch outcomes[index] {
            case .ok(let result):
                if case .describe = commands[index] {
                    let expected = Int(PQnparams(result))
                    if expected != types.count {
                        throw SQLError(.invalidStatement, detail: "statement takes \(expected) parameters, got \(types.count)")
                    }
                }
            case .failed(let error):
                if case .plain(let text) = commands[index], text.hasPrefix("DEALLOCATE") {
                    // The server may keep statements the cache forgot: retire the connection after this lease.
                    retired.store(true, ordering: .releasing)
                }
                throw error
            case .aborted:
                throw SQLError(.transactionAborted)
            }
        }
        if fresh { cache[statement] = prepared }
        switch outcomes[executeIndex] {
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
    private func flight(_ commands: [Command], script: String? = nil) async -> [Outcome] {
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

    private static func clear(_ outcomes: [Outcome]) {
        for case .ok(let result) in outcomes { PQclear(result) }
    }

    // MARK: The wire (reactor thread)

    private func startConnecting(_ continuation: CheckedContinuation<Void, any Error>, resolved: HostResolver.Resolved?) {
        var keywords = ["dbname", "application_name", "client_encoding"]
        var values = [configuration.url, configuration.applicationName, "UTF8"]
        if let resolved {
            // One entry per address, each under the same name, tried in order as libpq tries a name's addresses.
            keywords += ["host", "hostaddr"]
            values += [resolved.hosts, resolved.addresses]
        }
        if let schema = configuration.searchPath {
            keywords.append("options")
            values.append("-c search_path=\(schema)")
        }
        let started = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectStartParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let started else {
            continuation.resume(throwing: SQLError(.connectionFailed, detail: "out of memory"))
            return
        }
        handle = started
        guard PQstatus(started) != CONNECTION_BAD else {
            let message = String(cString: PQerrorMessage(started))
            PQfinish(started)
            handle = nil
            lost.store(true, ordering: .releasing)
            continuation.resume(throwing: SQLError(.connectionFailed, engineMessage: message))
            return
        }
        connecting = continuation
        // Per libpq: start as if PQconnectPoll had answered PGRES_POLLING_WRITING.
        rewatch(writable: true)
    }

    private func advanceConnecting() {
        guard let handle, let continuation = connecting else { return }
        switch PQconnectPoll(handle) {
        case PGRES_POLLING_OK:
            connecting = nil
            // Notices (e.g. "relation already exists, skipping") would go to stderr by default.
            PQsetNoticeProcessor(handle, { _, _ in }, nil)
            guard let setting = PQparameterStatus(handle, "integer_datetimes"), String(cString: setting) == "on" else {
                shutDownWire(SQLError(.connectionFailed))
                continuation.resume(throwing: SQLError(.connectionFailed, detail: "server lacks integer_datetimes"))
                return
            }
            guard PQsetnonblocking(handle, 1) == 0, PQenterPipelineMode(handle) == 1 else {
                let message = String(cString: PQerrorMessage(handle))
                shutDownWire(SQLError(.connectionFailed))
                continuation.resume(throwing: SQLError(.connectionFailed, engineMessage: message))
                return
            }
            cancelKey = PQgetCancel(handle).map(CancelKey.init)
            rewatch(writable: false)
            continuation.resume()
        case PGRES_POLLING_READING:
            rewatch(writable: false)
        case PGRES_POLLING_WRITING:
            rewatch(writable: true)
        default:
            let message = String(cString: PQerrorMessage(handle))
            connecting = nil
            shutDownWire(SQLError(.connectionFailed))
            continuation.resume(throwing: SQLError(.connectionFailed, engineMessage: message))
        }
    }

    /// Watches the current socket (libpq may open a new one while connecting, possibly with the same number).
    private func rewatch(writable: Bool) {
        guard let handle else { return }
        let current = PQsocket(handle)
        if current != socket || connecting != nil {
            if socket >= 0 { reactor.unwatch(socket) }
            socket = current
        }
        wantsWrite = writable
        if socket >= 0 { reactor.watch(socket, self, writable: writable) }
    }

    func abandon() {
        shutDownWire(SQLError(.poolClosed))
    }

    func ready(readable: Bool, writable: Bool) {
        if connecting != nil {
            advanceConnecting()
            return
        }
        guard let handle else { return }
        if writable && wantsWrite { flush() }
        if readable {
            guard PQconsumeInput(handle) == 1 else {
                shutDownWire(lostError())
                return
            }
            drain()
        }
    }

    private func transmit(_ flight: Flight) {
        guard let handle, connecting == nil else {
            finish(flight, failingWith: SQLError(.connectionLost))
            return
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            finish(flight, failingWith: lostError())
            return
        }
        if let script = flight.script {
            // A script may hold several statements: the simple protocol, outside pipeline mode. The lessee sends
            // one only when its own flights are done; a detached COMMIT may still be in flight, so wait for it.
            guard flights.isEmpty else {
                flights.append(flight)
                return
            }
            guard PQexitPipelineMode(handle) == 1, PQsendQuery(handle, script) == 1 else {
                shutDownWire(lostError())
                finish(flight, failingWith: lostError())
                return
            }
            flights.append(flight)
            flush()
            return
        }
        for command in flight.commands {
            let sent: Int32
            switch command {
            case .prepare(let name, let sql, let types):
                sent = types.withUnsafeBufferPointer { PQsendPrepare(handle, name, sql, Int32(types.count), $0.baseAddress) }
            case .describe(let name):
                sent = PQsendDescribePrepared(handle, name)
            case .execute(let name, let parameters, let count):
                sent = parameters.withPointers { values, lengths, formats in
                    PQsendQueryPrepared(handle, name, count, values, lengths, formats, 1)
                }
            case .plain(let sql):
                sent = PQsendQueryParams(handle, sql, 0, nil, nil, nil, nil, 0)
            }
            guard sent == 1 else {
                let error = lostError()
                shutDownWire(error)
                finish(flight, failingWith: error)
                return
            }
        }
        guard PQpipelineSync(handle) == 1 else {
            let error = lostError()
            shutDownWire(error)
            finish(flight, failingWith: error)
            return
        }
        flights.append(flight)
        flight.sent.store(true, ordering: .releasing)
        flush()
    }

    private func flush() {
        guard let handle else { return }
        switch PQflush(handle) {
        case 0: if wantsWrite { rewatch(writable: false) }
        case 1: if !wantsWrite { rewatch(writable: true) }
        default: shutDownWire(lostError())
        }
    }

    /// Takes every result that has arrived, completing flights in order.
    private func drain() {
        guard let handle else { return }
        while let flight = flights.first {
            if flight.script != nil, flight.outcomes.isEmpty, PQpipelineStatus(handle) == PQ_PIPELINE_ON {
                // A script queued behind a detached COMMIT, which has now been answered.
                transmitQueuedScript(flight)
                return
            }
            guard PQisBusy(handle) == 0 else { break }
            let result = PQgetResult(handle)
            if flight.outcomes.count < flight.expected {
                if let result {
                    if flight.script != nil, flight.pendingError == nil, Self.isError(result) {
                        flight.pendingError = PostgresErrors.map(result: result, connection: handle)
                    }
                    if flight.pending == nil { flight.pending = result } else { PQclear(result) }
                    continue
                }
                // NULL: the command is complete.
                flight.outcomes.append(outcome(of: flight))
                if flight.script != nil {
                    flights.removeFirst()
                    if PQenterPipelineMode(handle) != 1 { shutDownWire(lostError()) }
                    finish(flight)
                }
                continue
            }
            guard let result else { break }
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC {
                flights.removeFirst()
                finish(flight)
            }
        }
        if PQstatus(handle) == CONNECTION_BAD { shutDownWire(lostError()) }
    }

    private func transmitQueuedScript(_ flight: Flight) {
        guard let handle, let script = flight.script else { return }
        guard PQexitPipelineMode(handle) == 1, PQsendQuery(handle, script) == 1 else {
            shutDownWire(lostError())
            return
        }
        flush()
    }

    private func outcome(of flight: Flight) -> Outcome {
        let result = flight.pending
        flight.pending = nil
        if let error = flight.pendingError {
            flight.pendingError = nil
            if let result { PQclear(result) }
            return .failed(error)
        }
        guard let result else { return .failed(lostError()) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return .ok(result)
        case PGRES_PIPELINE_ABORTED:
            PQclear(result)
            return .aborted
        default:
            let error = PostgresErrors.map(result: result, connection: handle)
            PQclear(result)
            return .failed(error)
        }
    }

    private static func isError(_ result: OpaquePointer) -> Bool {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: false
        default: true
        }
    }

    private func lostError() -> SQLError {
        let message = handle.map { String(cString: PQerrorMessage($0)) }
        return SQLError(.connectionLost, engineMessage: message)
    }

    private func finish(_ flight: Flight, failingWith error: SQLError? = nil) {
        if let error {
            if let pending = flight.pending { PQclear(pending) }
            flight.pending = nil
            var first = true
            while flight.outcomes.count < flight.expected {
                flight.outcomes.append(first ? .failed(error) : .aborted)
                first = false
            }
        }
        flight.answered.store(true, ordering: .releasing)
        flight.completion?(flight.outcomes)
    }

    /// Marks the connection lost, fails every flight in the air, and closes the handle.
    private func shutDownWire(_ error: SQLError) {
        lost.store(true, ordering: .releasing)
        if socket >= 0 { reactor.unwatch(socket) }
        socket = -1
        let failed = flights
        flights.removeAll()
        if let handle { PQfinish(handle) }
        handle = nil
        for flight in failed { finish(flight, failingWith: error) }
        if let continuation = connecting {
            connecting = nil
            continuation.resume(throwing: SQLError(.connectionFailed, engineMessage: error.engineMessage))
        }
    }

    deinit {
        if let handle { PQfinish(handle) }
    }
}

/// Resolves the one host name of a connection string off the reactor (`getaddrinfo` blocks).
enum HostResolver {
    /// `host` and `hostaddr` lists of equal length: the name once per address.
    struct Resolved: Sendable {
        let hosts: String
        let addresses: String
    }

    /// The addresses of the conninfo's host, when it names exactly one host by name and gives no `hostaddr`; nil
    /// otherwise (an IP address, a socket directory, several hosts, no host, or a name that does not resolve:
    /// libpq then reports the problem itself).
    static func resolve(conninfo: String) async -> Resolved? {
        guard let host = hostName(conninfo) else { return nil }
        let found = await withCheckedContinuation { (continuation: CheckedContinuation<[String], Never>) in
            let thread = Thread { continuation.resume(returning: addresses(of: host)) }
            thread.start()
        }
        guard !found.isEmpty else { return nil }
        return Resolved(
            hosts: Array(repeating: host, count: found.count).joined(separator: ","),
            addresses: found.joined(separator: ","))
    }

    /// The host to resolve, per the rules of ``address(forConninfo:)``.
    static func hostName(_ conninfo: String) -> String? {
        guard let options = PQconninfoParse(conninfo, nil) else { return nil }
        defer { PQconninfoFree(options) }
        var host: String?
        var hostaddr: String?
        var index = 0
        while let keyword = options[index].keyword {
            let name = String(cString: keyword)
            if let value = options[index].val {
                if name == "host" { host = String(cString: value) }
                if name == "hostaddr" { hostaddr = String(cString: value) }
            }
            index += 1
        }
        guard let host, !host.isEmpty, hostaddr?.isEmpty ?? true, !host.contains(","), !host.hasPrefix("/"),
            !host.hasPrefix("@"), !isNumeric(host)
        else { return nil }
        return host
    }

    private static func isNumeric(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Every address of `host`, in getaddrinfo's order, without repeats (at most 8).
    static func addresses(of host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [String] = []
        var entry = list
        while let current = entry, found.count < 8 {
            entry = current.pointee.ai_next
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let written: UnsafePointer<CChar>?
            switch current.pointee.ai_family {
            case AF_INET:
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                written = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
            case AF_INET6:
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                written = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
            default:
                written = nil
            }
            guard written != nil else { continue }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !found.contains(text) { found.append(text) }
        }
        return found
    }
}

/// Counters shared by a pool's PostgreSQL connections.
final class WireCounters: Sendable {
    /// Flights a caller waited for.
    let roundTrips = Atomic<Int>(0)
}

/// `PGcancel`: the connection's cancel key. `PQcancel` opens its own connection to the server and blocks, so it
/// runs on a short-lived thread of its own, never on the reactor or a Swift or NIO thread.
final class CancelKey: @unchecked Sendable {
    // @unchecked: PQcancel may be called from any thread on a PGcancel that is not being freed.
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// Sends cancel requests once `flight` is sent, every 200 ms, until it is answered (at most 10 minutes: a
    /// statement that outlives that many cancels is left to the server's own timeouts).
    func cancel(until flight: PostgresConnection.Flight) {
        let thread = Thread { [self] in
            var buffer = [CChar](repeating: 0, count: 256)
            for _ in 0..<3_000 {
                if flight.answered.load(ordering: .acquiring) { return }
                if flight.sent.load(ordering: .acquiring) { _ = PQcancel(pointer, &buffer, Int32(buffer.count)) }
                usleep(200_000)
            }
        }
        thread.start()
    }

    deinit { PQfreeCancel(pointer) }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
