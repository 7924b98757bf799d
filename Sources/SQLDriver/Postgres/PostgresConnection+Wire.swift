import CLibPQ
import DequeModule
import Foundation
import Synchronization

/// The wire: connecting, sending flights and reading their answers. Every function here runs on the reactor thread
/// (ADR 0007, "One connection's states").
extension PostgresConnection {
    func startConnecting(_ continuation: CheckedContinuation<Void, any Error>, resolved: HostResolver.Resolved?) {
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

    func advanceConnecting() {
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
    func rewatch(writable: Bool) {
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

    func transmit(_ flight: Flight) {
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

    func flush() {
        guard let handle else { return }
        switch PQflush(handle) {
        case 0: if wantsWrite { rewatch(writable: false) }
        case 1: if !wantsWrite { rewatch(writable: true) }
        default: shutDownWire(lostError())
        }
    }

    /// Takes every result that has arrived, completing flights in order.
    func drain() {
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

    func transmitQueuedScript(_ flight: Flight) {
        guard let handle, let script = flight.script else { return }
        guard PQexitPipelineMode(handle) == 1, PQsendQuery(handle, script) == 1 else {
            shutDownWire(lostError())
            return
        }
        flush()
    }

    func outcome(of flight: Flight) -> Outcome {
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

    func lostError() -> SQLError {
        let message = handle.map { String(cString: PQerrorMessage($0)) }
        return SQLError(.connectionLost, engineMessage: message)
    }

    func finish(_ flight: Flight, failingWith error: SQLError? = nil) {
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
    func shutDownWire(_ error: SQLError) {
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
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
