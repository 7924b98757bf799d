import Foundation
import SQLDriver
import Synchronization
import WalletGraphQueries

/// How one GraphQL request reaches the database for reads.
///
/// A query operation reads one consistent snapshot: `WalletAPI` opens a read-only snapshot transaction and every
/// resolver of the request shares its connection, one statement at a time (the executor runs the resolvers of a
/// level concurrently, and a connection takes one call at a time). A mutation's resolvers write through the ledger,
/// each in its own transaction, and its payload reads with short autocommit reads from the pool.
///
/// Every statement is counted, so a test can hold the batching contract (a 50-item page with nested entries,
/// wallets and owners in at most 4 statements).
public final class RequestDatabase: Sendable {
    enum Source: Sendable {
        case snapshot(any SQLConnection)
        case pool(SQLPool)
    }

    let source: Source
    private let gate = AsyncGate()
    private let counter = Atomic<Int>(0)

    init(snapshot connection: any SQLConnection) { source = .snapshot(connection) }
    init(pool: SQLPool) { source = .pool(pool) }

    /// Statements run so far for this request.
    public var statementCount: Int { counter.load(ordering: .relaxed) }

    /// Runs `body` with generated queries on the request's read connection.
    public func read<T: Sendable>(_ body: (Queries) async throws -> T) async throws -> T {
        switch source {
        case .snapshot(let connection):
            return try await gate.withLock {
                try await body(Queries(CountingConnection(base: connection, counter: self)))
            }
        case .pool(let pool):
            return try await pool.withConnection(readOnly: true) { connection in
                try await body(Queries(CountingConnection(base: connection, counter: self)))
            }
        }
    }

    fileprivate func count() { counter.add(1, ordering: .relaxed) }
}

/// Forwards to a connection and counts its statements.
private final class CountingConnection: SQLConnection {
    let base: any SQLConnection
    let counter: RequestDatabase

    init(base: any SQLConnection, counter: RequestDatabase) {
        self.base = base
        self.counter = counter
    }

    var dialect: SQLDialect { base.dialect }

    func execute(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws -> Int64 {
        counter.count()
        return try await base.execute(statement, bindings)
    }

    func query(_ statement: SQLStatement, _ bindings: [SQLValue], row: (borrowing SQLRow) throws -> Void) async throws {
        counter.count()
        try await base.query(statement, bindings, row: row)
    }

    func executeDeferred(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws {
        counter.count()
        try await base.executeDeferred(statement, bindings)
    }
}

/// A FIFO async mutex: callers wait their turn without blocking a thread.
final class AsyncGate: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if !state.locked {
                    state.locked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
