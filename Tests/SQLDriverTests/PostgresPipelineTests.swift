import DatabaseTestSupport
import Foundation
import Synchronization
import Testing

@testable import SQLDriver

/// The non-blocking PostgreSQL connection (ADR 0007): what travels in one flight, failures inside a flight,
/// cancellation, a lost backend, and many tasks over few connections on the one reactor thread.
@Suite("PostgreSQL pipeline")
struct PostgresPipelineTests {
    static let setup = sql("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)")

    /// A pool of `connections` on a fresh schema with the `items` table.
    func withItems(connections: Int = 1, _ body: (SQLPool) async throws -> Void) async throws {
        let database = try await TestDatabase.make(.postgres)
        let pool = try await SQLPool.postgres(
            PostgresConfiguration(url: Engine.postgresURL!, maxConnections: connections, searchPath: database.location))
        do {
            try await pool.withConnection { try await $0.execute(Self.setup, []) }
            try await body(pool)
        } catch {
            await pool.close()
            await database.drop()
            throw error
        }
        await pool.close()
        await database.drop()
    }

    func roundTrips(_ pool: SQLPool) -> Int { pool.statistics.roundTrips }

    final class Counter: Sendable { let value = Atomic<Int>(0) }

    @Test("BEGIN goes with the first statement, a first use with its Parse, and a read-only COMMIT is not waited for",
          arguments: Engine.postgresOnly)
    func flightsCarryWhatCanTravelTogether(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            let select = sql("SELECT name FROM items WHERE id = $1")
            var before = roundTrips(pool)
            try await pool.withTransaction { connection in
                try await connection.execute(insert, [.int64(1), .text("one")])
                try await connection.execute(insert, [.int64(2), .text("two")])
            }
            // BEGIN + Parse + Describe + insert, the second insert, COMMIT.
            #expect(roundTrips(pool) - before == 3)
            before = roundTrips(pool)
            let name = try await pool.withTransaction(.readOnlySnapshot) { connection in
                try await connection.fetchOne(select, [.int64(2)]) { try $0.decode(String.self, at: 0) }
            }
            #expect(name == "two")
            // BEGIN + Parse + Describe + select; the COMMIT goes out behind it.
            #expect(roundTrips(pool) - before == 1)
            before = roundTrips(pool)
            try await pool.withTransaction { _ in }
            // A transaction that ran nothing sends nothing.
            #expect(roundTrips(pool) == before)
            let count = try await pool.withConnection { connection in
                try await connection.fetchOne(sql("SELECT count(*) FROM items")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(count == 2)
        }
    }

    @Test("a statement that fails mid-transaction fails every later one and rolls everything back",
          arguments: Engine.postgresOnly)
    func failureInsideAFlightDoomsTheTransaction(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            let outcome = await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await connection.execute(insert, [.int64(1), .text("one")])
                    do {
                        try await connection.execute(insert, [.int64(1), .text("again")])
                    } catch let error as SQLError {
                        #expect(error.code == .uniqueViolation)
                    }
                    // The server's transaction is aborted: this statement is refused, not run.
                    try await connection.execute(insert, [.int64(2), .text("two")])
                }
            }
            #expect(outcome?.code == .transactionAborted)
            // The very first statement failing, in the flight that carries BEGIN.
            let first = await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await connection.execute(sql("INSERT INTO items (id, name) VALUES ($1, NULL)"), [.int64(3)])
                }
            }
            #expect(first?.code == .notNullViolation)
            let count = try await pool.withConnection { connection in
                try await connection.fetchOne(sql("SELECT count(*) FROM items")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(count == 0)
            #expect(pool.statistics.open == 1)
        }
    }

    @Test("mixed :one, :many and :exec statements and a script keep their order on one connection",
          arguments: Engine.postgresOnly)
    func mixedStatementsInOrder(engine: Engine) async throws {
        try await withItems { pool in
            try await pool.withTransaction { connection in
                for id in 1...5 {
                    try await connection.execute(sql("INSERT INTO items (id, name) VALUES ($1, $2)"), [.int64(Int64(id)), .text("n\(id)")])
                }
                let changed = try await connection.execute(sql("UPDATE items SET name = name || '!' WHERE id > $1"), [.int64(3)])
                #expect(changed == 2)
                let names = try await connection.fetchAll(sql("SELECT name FROM items ORDER BY id")) {
                    try $0.decode(String.self, at: 0)
                }
                #expect(names == ["n1", "n2", "n3", "n4!", "n5!"])
                // A script leaves pipeline mode for the simple protocol and comes back.
                try await (connection as? any DatabaseBackend)?.script("UPDATE items SET name = 'x' WHERE id = 1; UPDATE items SET name = 'y' WHERE id = 2")
                let one = try await connection.fetchOne(sql("SELECT name FROM items WHERE id = $1"), [.int64(2)]) {
                    try $0.decode(String.self, at: 0)
                }
                #expect(one == "y")
            }
        }
    }

    @Test("64 tasks on 4 connections: every transaction commits once, on the reactor thread",
          arguments: Engine.postgresOnly)
    func manyTasksFewConnections(engine: Engine) async throws {
        try await withItems(connections: 4) { pool in
            try await pool.withConnection { try await $0.execute(sql("INSERT INTO items (id, name) VALUES (0, '0')"), []) }
            let offThread = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 1...64 {
                    group.addTask {
                        for step in 0..<5 {
                            try await pool.withTransaction(retry: .standard) { connection in
                                if !pool.executor.isCurrentThread { offThread.value.add(1, ordering: .relaxed) }
                                try await connection.execute(
                                    sql("INSERT INTO items (id, name) VALUES ($1, 'x')"), [.int64(Int64(task * 100 + step))])
                                try await connection.execute(sql("UPDATE items SET name = (name::bigint + 1)::text WHERE id = 0"), [])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (rows, counter) = try await pool.withConnection { connection in
                let rows = try await connection.fetchOne(sql("SELECT count(*) FROM items")) { try $0.decode(Int64.self, at: 0) }
                let counter = try await connection.fetchOne(sql("SELECT name FROM items WHERE id = 0")) {
                    try $0.decode(String.self, at: 0)
                }
                return (rows, counter)
            }
            let expected: Int64 = 1 + 64 * 5
            #expect(rows == expected)
            #expect(counter == "320")
            #expect(offThread.value.load(ordering: .relaxed) == 0)
            #expect(pool.statistics.open <= 4)
        }
    }

    // No time limit: it would count the wait for a PostgreSQL test slot, and a test cancelled by it never sends its
    // own cancel. A cancel that did not work lets pg_sleep(30) finish, and the expected error does not come.
    @Test("a cancelled task cancels its running statement, and the pool replaces the connection",
          arguments: Engine.postgresOnly)
    func cancellationCancelsTheStatement(engine: Engine) async throws {
        try await withItems { pool in
            let started = Gate()
            let sleeper = Task {
                try await pool.withConnection { connection in
                    await started.open()
                    try await connection.execute(sql("SELECT pg_sleep(30)"), [])
                }
            }
            await started.wait()
            // Time for the statement to reach the server; the assertion does not depend on it.
            try await Task.sleep(for: .milliseconds(200))
            sleeper.cancel()
            let error = await #expect(throws: SQLError.self) { try await sleeper.value }
            #expect(error?.code == .statementTimeout)
            let one = try await pool.withConnection { connection in
                try await connection.fetchOne(sql("SELECT 1")) { try $0.decode(Int32.self, at: 0) }
            }
            #expect(one == 1)
        }
    }

    @Test("a backend killed mid-statement gives CONNECTION_LOST and the pool recovers", arguments: Engine.postgresOnly)
    func lostMidStatement(engine: Engine) async throws {
        try await withItems(connections: 2) { pool in
            let pid = Mutex<Int32?>(nil)
            let started = Gate()
            let sleeper = Task {
                try await pool.withConnection { connection in
                    let mine = try await connection.fetchOne(sql("SELECT pg_backend_pid()")) { try $0.decode(Int32.self, at: 0) }
                    pid.withLock { $0 = mine }
                    await started.open()
                    try await connection.execute(sql("SELECT pg_sleep(120)"), [])
                }
            }
            await started.wait()
            try await Task.sleep(for: .milliseconds(200))
            let victim = try #require(pid.withLock { $0 })
            try await pool.withConnection { connection in
                try await connection.execute(sql("SELECT pg_terminate_backend($1)"), [.int32(victim)])
            }
            let error = await #expect(throws: SQLError.self) { try await sleeper.value }
            #expect(error?.code == .connectionLost)
            // Both connections serve again.
            try await withThrowingTaskGroup(of: Int32?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await pool.withTransaction(.readOnlySnapshot) { connection in
                            try await connection.fetchOne(sql("SELECT 1")) { try $0.decode(Int32.self, at: 0) }
                        }
                    }
                }
                for try await one in group { #expect(one == 1) }
            }
        }
    }
}

/// Host names are resolved off the reactor (getaddrinfo blocks) and handed to libpq as `hostaddr`.
@Suite("PostgreSQL host names")
struct PostgresHostNameTests {
    @Test("only a single host name is resolved: not an address, a socket directory, a list or a given hostaddr")
    func whichHostsAreResolved() {
        #expect(HostResolver.hostName("postgresql://u@db.example:5432/x") == "db.example")
        #expect(HostResolver.hostName("host=db.example dbname=x") == "db.example")
        #expect(HostResolver.hostName("postgresql://u@127.0.0.1:5432/x") == nil)
        #expect(HostResolver.hostName("postgresql://u@[::1]:5432/x") == nil)
        #expect(HostResolver.hostName("host=/var/run/postgresql dbname=x") == nil)
        #expect(HostResolver.hostName("host=a,b dbname=x") == nil)
        #expect(HostResolver.hostName("host=db.example hostaddr=10.0.0.1") == nil)
        #expect(HostResolver.hostName("dbname=x") == nil)
    }

    @Test("a pool given localhost by name connects", arguments: Engine.postgresOnly)
    func localhostByName(engine: Engine) async throws {
        let url = try #require(Engine.postgresURL).replacingOccurrences(of: "127.0.0.1", with: "localhost")
        #expect(HostResolver.hostName(url) == "localhost")
        let resolved = try #require(await HostResolver.resolve(conninfo: url))
        #expect(resolved.addresses.split(separator: ",").contains("127.0.0.1"), "\(resolved.addresses)")
        let pool = try await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 1))
        let one = try await pool.withConnection { connection in
            try await connection.fetchOne(sql("SELECT 1")) { try $0.decode(Int32.self, at: 0) }
        }
        await pool.close()
        #expect(one == 1)
    }
}
