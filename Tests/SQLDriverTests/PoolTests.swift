import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

@Suite("Pool")
struct PoolTests {
    @Test("an exhausted pool makes callers wait, first come first served, instead of failing", arguments: Engine.all)
    func exhaustedPoolWaitsInOrder(engine: Engine) async throws {
        // One connection: the SQLite pool's single reader, or a PostgreSQL pool of one.
        try await withDatabase(engine, readers: engine == .sqlite ? 1 : 0) { pool, _ in
            let log = EventLog()
            let held = Gate()
            let release = Gate()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await pool.withConnection(readOnly: true) { _ in
                        await held.open()
                        await release.wait()
                        await log.record("holder releasing")
                    }
                }
                await held.wait()
                for waiter in ["first", "second"] {
                    group.addTask {
                        try await pool.withConnection(readOnly: true) { connection in
                            await log.record("\(waiter) acquired")
                            _ = try await connection.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) }
                        }
                    }
                    // Time for this waiter to queue before the next one arrives; the assertions are about
                    // order, not time.
                    try await Task.sleep(for: .milliseconds(100))
                }
                await release.open()
                try await group.waitForAll()
            }
            #expect(await log.events == ["holder releasing", "first acquired", "second acquired"])
            #expect(pool.readers.openCount == pool.readers.idleCount)
        }
    }

    @Test("a cancelled waiter leaves the queue and the pool keeps serving", arguments: Engine.all)
    func cancelledWaiterLeavesQueue(engine: Engine) async throws {
        try await withDatabase(engine, readers: 1) { pool, _ in
            let holding = Gate()
            let release = Gate()
            // SQLite has one writer; PostgreSQL gets 2 connections here, so hold both.
            let holders = engine == .sqlite ? 1 : 2
            let started = EventLog()
            let hold = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<holders {
                        group.addTask {
                            try await pool.withConnection { _ in
                                await started.record("held")
                                if await started.events.count == holders { await holding.open() }
                                await release.wait()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            await holding.wait()
            let waiter = Task { try await pool.withConnection { _ in "served" } }
            try await Task.sleep(for: .milliseconds(50))
            waiter.cancel()
            await #expect(throws: CancellationError.self) { _ = try await waiter.value }
            await release.open()
            try await hold.value
            let after = try await pool.withConnection { _ in "served" }
            #expect(after == "served")
            // No slot leaked: every open connection is back in the pool.
            #expect(pool.writers.openCount == pool.writers.idleCount)
        }
    }

    @Test("a deliberately provoked PostgreSQL deadlock surfaces as a retryable error", arguments: Engine.postgresOnly)
    func deadlockIsRetryable(engine: Engine) async throws {
        try await withDatabase(engine, readers: 3) { pool, _ in
            let crossing = try await CrossingLocks(pool)
            async let a = crossing.run(first: 1, retry: .none)
            async let b = crossing.run(first: 2, retry: .none)
            let errors = await [a, b].compactMap { $0 as? SQLError }
            #expect(errors.count == 1)
            #expect(errors.first?.code == .deadlock)
            #expect(errors.first?.isRetryable == true)
        }
    }

    @Test("PostgreSQL serialization failures (40001) are typed and retryable", arguments: Engine.postgresOnly)
    func serializationFailureIsRetryable(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            let error = await #expect(throws: SQLError.self) {
                try await pool.withTransaction {
                    try await $0.execute(
                        sql("DO $$ BEGIN RAISE EXCEPTION 'could not serialize' USING ERRCODE = 'serialization_failure'; END $$"), [])
                }
            }
            #expect(error?.code == .serializationFailure)
            #expect(error?.sqlState == "40001")
            #expect(error?.isRetryable == true)
        }
    }

    @Test("with a retry policy, both sides of a deadlock commit", arguments: Engine.postgresOnly)
    func deadlockRetriedCommitsBoth(engine: Engine) async throws {
        try await withDatabase(engine, readers: 3) { pool, _ in
            let crossing = try await CrossingLocks(pool)
            async let a = crossing.run(first: 1, retry: .standard)
            async let b = crossing.run(first: 2, retry: .standard)
            let errors = await [a, b].compactMap { $0 }
            #expect(errors.isEmpty)
            let counts = try await pool.withConnection {
                try await $0.fetchAll(sql("SELECT n FROM locks ORDER BY id")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(counts == [2, 2])
            // The deadlock really happened: one side ran twice.
            // At least one side ran again (under load PostgreSQL may abort an attempt more than once).
            #expect(await crossing.attempts.events.count >= 3)
        }
    }

    @Test("a broken PostgreSQL connection is reported and then replaced", arguments: Engine.postgresOnly)
    func brokenConnectionIsReplaced(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        // One connection, so the replacement is observable as a new backend process.
        let pool = try await SQLPool.postgres(
            PostgresConfiguration(url: Engine.postgresURL!, maxConnections: 1, searchPath: database.location))
        let admin = try await database.pool(readers: 0)
        let pid = sql("SELECT pg_backend_pid()")
        let before = try await pool.withConnection { try await $0.fetchOne(pid) { try $0.decode(Int32.self, at: 0) } }
        try await admin.withConnection {
            try await $0.execute(sql("SELECT pg_terminate_backend($1)"), [.int32(try #require(before))])
        }
        let lost = await #expect(throws: SQLError.self) {
            try await pool.withConnection { try await $0.execute(sql("SELECT 1"), []) }
        }
        #expect(lost?.code == .connectionLost)
        let after = try await pool.withConnection { try await $0.fetchOne(pid) { try $0.decode(Int32.self, at: 0) } }
        #expect(after != nil)
        #expect(after != before)
        await pool.close()
        await admin.close()
        await database.drop()
    }

    @Test("a broken connection released while a caller waits is replaced for that caller", arguments: Engine.postgresOnly)
    func brokenConnectionReplacedForWaiter(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        let pool = try await SQLPool.postgres(
            PostgresConfiguration(url: Engine.postgresURL!, maxConnections: 1, searchPath: database.location))
        let admin = try await database.pool(readers: 0)
        let pid = sql("SELECT pg_backend_pid()")
        let holderPID = EventLog()
        let holding = Gate()
        let terminated = Gate()
        let holder = Task {
            try await pool.withConnection { connection -> SQLError.Code? in
                let mine = try await connection.fetchOne(pid) { try $0.decode(Int32.self, at: 0) }
                await holderPID.record(String(mine ?? 0))
                await holding.open()
                await terminated.wait()
                // The server closed this session: the holder learns it, then releases a broken connection.
                do {
                    try await connection.execute(sql("SELECT 1"), [])
                    return nil
                } catch let error as SQLError {
                    return error.code
                }
            }
        }
        await holding.wait()
        let waiter = Task { try await pool.withConnection { try await $0.fetchOne(pid) { try $0.decode(Int32.self, at: 0) } } }
        // Time for the waiter to queue behind the holder; the assertions do not depend on it.
        try await Task.sleep(for: .milliseconds(100))
        let before = try #require(Int32(await holderPID.events.first ?? ""))
        try await admin.withConnection { try await $0.execute(sql("SELECT pg_terminate_backend($1)"), [.int32(before)]) }
        await terminated.open()
        #expect(try await holder.value == .connectionLost)
        let after = try await waiter.value
        #expect(after != nil)
        #expect(after != before)
        #expect(pool.writers.openCount == 1)
        await pool.close()
        await admin.close()
        await database.drop()
    }

    @Test("a writer blocked past SQLite's busy timeout gets a retryable BUSY", arguments: [Engine.sqlite])
    func sqliteBusyIsRetryable(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        // Two pools on one file stand for two processes.
        let first = try await database.pool()
        let second = try await database.pool(busyTimeoutMilliseconds: 50)
        let locked = Gate()
        let done = Gate()
        async let holder: Void = first.withTransaction { connection in
            try await connection.execute(sql("CREATE TABLE t (x INTEGER)"), [])
            await locked.open()
            await done.wait()
        }
        await locked.wait()
        let error = await #expect(throws: SQLError.self) {
            try await second.withTransaction { try await $0.execute(sql("CREATE TABLE u (x INTEGER)"), []) }
        }
        #expect(error?.code == .busy)
        #expect(error?.isRetryable == true)
        await done.open()
        try await holder
        await first.close()
        await second.close()
        await database.drop()
    }

    @Test("an SQLite pool refuses :memory:, whose connections would not share data")
    func sqliteMemoryRefused() async {
        for path in [":memory:", "", "file::memory:?cache=shared"] {
            let error = await #expect(throws: SQLError.self) { _ = try await SQLPool.sqlite(SQLiteConfiguration(path: path)) }
            #expect(error?.code == .invalidConfiguration)
        }
    }

    @Test("close waits for connections in use, then refuses new work", arguments: Engine.all)
    func closeWaitsForConnectionsInUse(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        let pool = try await database.pool()
        let log = EventLog()
        let inside = Gate()
        let finish = Gate()
        let user = Task {
            try await pool.withTransaction { connection in
                await inside.open()
                await finish.wait()
                try await connection.execute(sql("CREATE TABLE late (x bigint)"), [])
                await log.record("body done")
            }
        }
        await inside.wait()
        let closer = Task {
            await pool.close()
            await log.record("closed")
        }
        try await Task.sleep(for: .milliseconds(100))
        await finish.open()
        try await user.value
        await closer.value
        #expect(await log.events == ["body done", "closed"])
        let error = await #expect(throws: SQLError.self) { try await pool.withConnection { _ in } }
        #expect(error?.code == .poolClosed)
        await database.drop()
    }

    @Test(
        "queued callers handed a connection on the releasing database thread all run, nested scopes included",
        arguments: Engine.all)
    func handOffServesEveryQueuedCaller(engine: Engine) async throws {
        // Few connections (one SQLite writer) and more callers than connections: most releases hand over to a
        // queued caller. The nested caller stays on the database threads after its inner scope, so it must not
        // keep the caller it hands over to waiting.
        try await withDatabase(engine, readers: 1) { pool, _ in
            let select = sql("SELECT 1")
            let served = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<100 {
                            _ = try await pool.withConnection { try await $0.fetchOne(select) { try $0.decode(Int64.self, at: 0) } }
                        }
                        return 100
                    }
                }
                // One nested caller: it holds a second connection while it waits for the first.
                group.addTask {
                    try await pool.withConnection(readOnly: true) { outer in
                        for _ in 0..<50 {
                            _ = try await pool.withConnection { try await $0.execute(select, []) }
                            _ = try await outer.execute(select, [])
                        }
                        return 50
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(served == 850)
            #expect(pool.writers.openCount == pool.writers.idleCount)
        }
    }

    @Test("a closed pool refuses work with POOL_CLOSED", arguments: Engine.all)
    func closedPoolRefuses(engine: Engine) async throws {
        let database = try await TestDatabase.make(engine)
        let pool = try await database.pool()
        await pool.close()
        let error = await #expect(throws: SQLError.self) { try await pool.withConnection { _ in } }
        #expect(error?.code == .poolClosed)
        await database.drop()
    }
}

/// Two transactions that lock rows 1 and 2 in opposite orders, each waiting until the other holds its
/// first lock: a deadlock every time, without sleeps.
private struct CrossingLocks {
    let pool: SQLPool
    let held = [Int64(1): Gate(), 2: Gate()]
    let attempts = EventLog()
    private let lock = sql("UPDATE locks SET n = n + 1 WHERE id = $1")

    init(_ pool: SQLPool) async throws {
        self.pool = pool
        try await pool.withTransaction { connection in
            try await connection.execute(sql("CREATE TABLE locks (id bigint PRIMARY KEY, n bigint NOT NULL)"), [])
            try await connection.execute(sql("INSERT INTO locks VALUES (1, 0), (2, 0)"), [])
        }
    }

    /// Locks `first`, then the other row; returns the error, if any.
    func run(first: Int64, retry: SQLRetryPolicy) async -> (any Error)? {
        let second: Int64 = first == 1 ? 2 : 1
        do {
            try await pool.withTransaction(retry: retry) { connection in
                await attempts.record("attempt \(first)")
                try await connection.execute(lock, [.int64(first)])
                await held[first]!.open()
                await held[second]!.wait()
                try await connection.execute(lock, [.int64(second)])
            }
            return nil
        } catch {
            return error
        }
    }
}

