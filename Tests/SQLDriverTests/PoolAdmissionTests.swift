import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

/// The pool's bounds (``SQLPoolAdmission``), cancelling a running statement, and PostgreSQL's session timeouts.
@Suite("Pool admission and cancellation")
struct PoolAdmissionTests {
    /// Holds every connection of a pool with one (the SQLite writer, or a PostgreSQL pool of one) while `body` runs.
    static func holdingTheConnection(_ pool: SQLPool, _ body: () async throws -> Void) async throws {
        try await whileHolding({ held, release in
            try await pool.withConnection { _ in
                await held.open()
                await release.wait()
            }
        }, body)
    }

    /// Polls `condition` every 10 ms, up to 10 s (a loaded machine), instead of sleeping a fixed time.
    static func until(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("with the waiting queue full, a caller is refused at once with POOL_EXHAUSTED", arguments: Engine.all)
    func fullQueueRefuses(engine: Engine) async throws {
        try await withDatabase(engine, readers: engine == .sqlite ? 1 : 0, admission: SQLPoolAdmission(maxWaiters: 0)) { pool, _ in
            try await Self.holdingTheConnection(pool) {
                let started = ContinuousClock.now
                let error = await #expect(throws: SQLError.self) {
                    try await pool.withConnection { _ in Issue.record("ran without a connection to spare") }
                }
                #expect(error?.code == .poolExhausted)
                #expect(ContinuousClock.now - started < .seconds(1), "refused at once, not after a wait")
            }
            #expect(pool.statistics.exhausted == 1)
            // The pool serves again once the connection is back.
            let one = try await pool.withConnection { try await $0.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) } }
            #expect(one == 1)
        }
    }

    @Test("a caller that waits past DATABASE_ACQUIRE_TIMEOUT fails with POOL_TIMEOUT; others keep their place", arguments: Engine.all)
    func waitTimesOut(engine: Engine) async throws {
        let admission = SQLPoolAdmission(acquireTimeout: .milliseconds(200))
        try await withDatabase(engine, readers: engine == .sqlite ? 1 : 0, admission: admission) { pool, _ in
            try await Self.holdingTheConnection(pool) {
                let started = ContinuousClock.now
                let error = await #expect(throws: SQLError.self) {
                    try await pool.withConnection { _ in Issue.record("ran while the connection was held") }
                }
                let waited = ContinuousClock.now - started
                #expect(error?.code == .poolTimeout)
                #expect(waited >= .milliseconds(180) && waited < .seconds(3), "waited \(waited)")
            }
            #expect(pool.statistics.timedOut == 1)
            #expect(pool.statistics.waiters == 0)
            // A wait shorter than the timeout is served normally.
            let waitsBefore = pool.statistics.waits
            var waiter: Task<Int64?, any Error>?
            try await Self.holdingTheConnection(pool) {
                waiter = Task {
                    try await pool.withConnection { try await $0.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) } }
                }
                try await Self.until { pool.statistics.waiters == 1 }
            }
            #expect(try await waiter?.value == 1)
            #expect(pool.statistics.waits == waitsBefore + 1, "it waited, and was served")
            #expect(pool.statistics.timedOut == 1)
        }
    }

    @Test("cancelling the task stops its running statement, and the pool serves the next caller", arguments: Engine.all)
    func cancelStopsStatement(engine: Engine) async throws {
        try await withDatabase(engine, readers: 1) { pool, _ in
            let slow = sql(
                "SELECT 1 FROM pg_sleep(30)",
                sqlite: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c")
            let started = ContinuousClock.now
            let task = Task {
                try await pool.withTransaction(.readOnlySnapshot) { connection in
                    try await connection.execute(slow, [])
                }
            }
            // Cancel once the statement runs, so that the interrupt (not the check before it) stops it.
            try await Self.until { pool.statistics.inUse == 1 }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let error = await #expect(throws: SQLError.self) { try await task.value }
            #expect(error?.code == .statementTimeout, "\(String(describing: error))")
            #expect(ContinuousClock.now - started < .seconds(10), "stopped, not run to the end")
            let one = try await pool.withTransaction(.readOnlySnapshot) {
                try await $0.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(one == 1)
        }
    }

    @Test("SQLite: a write waiting for another connection's lock stops waiting when its task is cancelled")
    func sqliteBusyWaitStops() async throws {
        try await withDatabase(.sqlite) { pool, database in
            try await pool.withConnection { try await $0.execute(sql("CREATE TABLE t (x INTEGER)"), []) }
            // Another pool on the same file takes the write lock and keeps it.
            let other = try await database.pool(readers: 1, busyTimeoutMilliseconds: 20_000)
            let held = Gate()
            let release = Gate()
            let holder = Task {
                try await other.withTransaction { connection in
                    try await connection.execute(sql("INSERT INTO t VALUES (1)"), [])
                    await held.open()
                    await release.wait()
                }
            }
            await held.wait()
            // The waiter would wait a minute for the lock: stopping well before that can only be the cancellation,
            // however loaded the machine is.
            let waiter = try await database.pool(readers: 1, busyTimeoutMilliseconds: 60_000)
            let started = ContinuousClock.now
            let waiting = Task {
                try await waiter.withTransaction { try await $0.execute(sql("INSERT INTO t VALUES (2)"), []) }
            }
            // Cancel once the insert waits in the busy handler.
            try await Self.until { waiter.statistics.inUse == 1 }
            try await Task.sleep(for: .milliseconds(200))
            waiting.cancel()
            await #expect(throws: (any Error).self) { try await waiting.value }
            #expect(ContinuousClock.now - started < .seconds(30), "stopped waiting, not after the 60 s busy timeout")
            await waiter.close()
            await release.open()
            try await holder.value
            await other.close()
            let count = try await pool.withConnection {
                try await $0.fetchOne(sql("SELECT count(*) FROM t")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(count == 1, "the cancelled insert wrote nothing")
        }
    }

    @Test("PostgreSQL: each connection sets statement_timeout, lock_timeout and idle_in_transaction_session_timeout")
    func postgresSessionTimeouts() async throws {
        guard Engine.postgresURL != nil else { return }
        let timeouts = PostgresSessionTimeouts(
            statement: .milliseconds(400), lock: .milliseconds(1_500), idleInTransaction: .seconds(60))
        try await withDatabase(.postgres, readers: 1, sessionTimeouts: timeouts) { pool, _ in
            let settings = try await pool.withConnection { connection in
                try await connection.fetchAll(
                    sql(
                        "SELECT current_setting('statement_timeout') || ' ' || current_setting('lock_timeout') || ' ' "
                            + "|| current_setting('idle_in_transaction_session_timeout')")
                ) { try $0.decode(String.self, at: 0) }
            }
            #expect(settings == ["400ms 1500ms 1min"])
            let started = ContinuousClock.now
            let error = await #expect(throws: SQLError.self) {
                try await pool.withConnection { try await $0.execute(sql("SELECT 1 FROM pg_sleep(5)"), []) }
            }
            #expect(error?.code == .statementTimeout)
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test("session timeouts are sent as whole milliseconds, never 0 (which would turn them off)")
    func timeoutScript() {
        #expect(PostgresSessionTimeouts().script == nil)
        #expect(
            PostgresSessionTimeouts(statement: .seconds(30), lock: .microseconds(10)).script
                == "SET statement_timeout = 30000; SET lock_timeout = 1")
        #expect(PostgresSessionTimeouts.milliseconds(.seconds(Int64.max / 2)) == Int64(Int32.max))
    }
}
