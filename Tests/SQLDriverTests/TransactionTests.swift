import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

private struct Boom: Error {}

private func createAccounts(_ pool: SQLPool) async throws {
    try await pool.withTransaction { connection in
        try await ddl(
            connection,
            postgres: """
                CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, phone text UNIQUE, balance bigint NOT NULL,
                  parent bigint REFERENCES accounts (id), CONSTRAINT accounts_balance_nonnegative CHECK (balance >= 0))
                """,
            sqlite: """
                CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, phone TEXT UNIQUE, balance INTEGER NOT NULL,
                  parent INTEGER REFERENCES accounts (id), CONSTRAINT accounts_balance_nonnegative CHECK (balance >= 0))
                """)
        try await connection.execute(sql("CREATE UNIQUE INDEX accounts_email_key ON accounts (email)"), [])
    }
}

private let insertAccount = sql("INSERT INTO accounts (id, email, phone, balance, parent) VALUES ($1, $2, $3, $4, $5)")
private let countAccounts = sql("SELECT count(*) FROM accounts")

private func insert(_ connection: any SQLConnection, _ id: Int64, email: String, phone: String? = nil, balance: Int64 = 0, parent: Int64? = nil) async throws {
    try await connection.execute(insertAccount, [.int64(id), .text(email), phone.sqlValue, .int64(balance), parent.sqlValue])
}

private func count(_ pool: SQLPool) async throws -> Int64 {
    try await pool.withConnection(readOnly: true) { try await $0.fetchOne(countAccounts) { try $0.decode(Int64.self, at: 0) } ?? -1 }
}

@Suite("Transactions and typed errors")
struct TransactionTests {
    @Test("a thrown error rolls the transaction back", arguments: Engine.all)
    func thrownErrorRollsBack(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            await #expect(throws: Boom.self) {
                try await pool.withTransaction { connection in
                    try await insert(connection, 1, email: "a@example.com")
                    throw Boom()
                }
            }
            #expect(try await count(pool) == 0)
            try await pool.withTransaction { try await insert($0, 1, email: "a@example.com") }
            #expect(try await count(pool) == 1)
        }
    }

    @Test("a failed statement dooms the transaction even when the body catches it", arguments: Engine.all)
    func caughtFailureStillAborts(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            try await pool.withTransaction { try await insert($0, 1, email: "a@example.com") }
            let error = await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await insert(connection, 2, email: "b@example.com")
                    _ = try? await insert(connection, 3, email: "a@example.com")
                }
            }
            #expect(error?.code == .transactionAborted)
            #expect(try await count(pool) == 1)
        }
    }

    @Test("errors the server never sees doom the transaction too", arguments: Engine.all)
    func clientSideFailureStillAborts(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            let failures: [@Sendable (any SQLConnection) async throws -> Void] = [
                // A parameter the driver cannot encode.
                { try await $0.execute(sql("SELECT $1::timestamptz", sqlite: "SELECT ?1"), [.timestamp(Date(timeIntervalSince1970: .infinity))]) },
                // A wrong parameter count.
                { try await $0.execute(sql("SELECT $1::bigint", sqlite: "SELECT ?1"), []) },
                // A row the caller cannot decode.
                { _ = try await $0.fetchOne(countAccounts) { try $0.decode(String.self, at: 0) } },
            ]
            for (offset, failure) in failures.enumerated() {
                let error = await #expect(throws: SQLError.self) {
                    try await pool.withTransaction { connection in
                        try await insert(connection, Int64(offset + 1), email: "\(offset)@example.com")
                        _ = try? await failure(connection)
                    }
                }
                #expect(error?.code == .transactionAborted)
            }
            #expect(try await count(pool) == 0)
        }
    }

    @Test("constraint violations carry stable codes and the same constraint names on both engines", arguments: Engine.all)
    func constraintViolationsAreTyped(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            try await pool.withTransaction { try await insert($0, 1, email: "a@example.com", phone: "+6281234567890") }
            func failure(_ body: @escaping @Sendable (any SQLConnection) async throws -> Void) async -> SQLError? {
                do {
                    try await pool.withTransaction { try await body($0) }
                    return nil
                } catch {
                    return error as? SQLError
                }
            }
            let email = await failure { try await insert($0, 2, email: "a@example.com") }
            #expect(email?.code == .uniqueViolation)
            #expect(email?.constraint == "accounts_email_key")
            let phone = await failure { try await insert($0, 2, email: "b@example.com", phone: "+6281234567890") }
            #expect(phone?.code == .uniqueViolation)
            #expect(phone?.constraint == "accounts_phone_key")
            let primary = await failure { try await insert($0, 1, email: "c@example.com") }
            #expect(primary?.code == .uniqueViolation)
            #expect(primary?.constraint == "accounts_pkey")
            let check = await failure { try await insert($0, 2, email: "d@example.com", balance: -1) }
            #expect(check?.code == .checkViolation)
            #expect(check?.constraint == "accounts_balance_nonnegative")
            let foreign = await failure { try await insert($0, 2, email: "e@example.com", parent: 99) }
            #expect(foreign?.code == .foreignKeyViolation)
            let notNull = await failure {
                try await $0.execute(sql("INSERT INTO accounts (id, email, balance) VALUES ($1, $2, $3)"), [.int64(5), .null(.text), .int64(0)])
            }
            #expect(notNull?.code == .notNullViolation)
            for error in [email, phone, primary, check, foreign, notNull] {
                #expect(error?.isRetryable == false)
                // Safe to log: no values from the rows.
                #expect(error.map { !$0.description.contains("example.com") } == true)
            }
            #expect(try await count(pool) == 1)
        }
    }

    @Test("an invalid statement is a typed error and leaves the connection usable", arguments: Engine.all)
    func invalidStatementIsTyped(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            let error = await #expect(throws: SQLError.self) {
                try await pool.withConnection { try await $0.execute(sql("SELECT no_such_column FROM accounts"), []) }
            }
            #expect(error?.code == .invalidStatement)
            let arity = await #expect(throws: SQLError.self) {
                try await pool.withConnection { try await $0.execute(sql("SELECT $1::bigint", sqlite: "SELECT ?1"), []) }
            }
            #expect(arity?.code == .invalidStatement)
            // The very connection that failed (the single SQLite writer) still works.
            try await pool.withConnection { connection in
                await #expect(throws: SQLError.self) { try await connection.execute(sql("SELECT no_such_column FROM accounts"), []) }
                try await insert(connection, 1, email: "a@example.com")
            }
            #expect(try await count(pool) == 1)
        }
    }

    @Test("a read-only snapshot sees one state while a writer commits", arguments: Engine.all)
    func snapshotIsConsistent(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            try await pool.withTransaction { try await insert($0, 1, email: "a@example.com") }
            let (before, after) = try await pool.withTransaction(.readOnlySnapshot) { reader in
                let before = try await reader.fetchOne(countAccounts) { try $0.decode(Int64.self, at: 0) }
                try await pool.withTransaction { try await insert($0, 2, email: "b@example.com") }
                let after = try await reader.fetchOne(countAccounts) { try $0.decode(Int64.self, at: 0) }
                return (before, after)
            }
            #expect(before == 1)
            #expect(after == 1)
            #expect(try await count(pool) == 2)
        }
    }

    @Test("writes inside a read-only snapshot are refused", arguments: Engine.all)
    func snapshotRefusesWrites(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await createAccounts(pool)
            let error = await #expect(throws: SQLError.self) {
                try await pool.withTransaction(.readOnlySnapshot) { try await insert($0, 1, email: "a@example.com") }
            }
            #expect(error?.code == .readOnlyViolation)
            #expect(try await count(pool) == 0)
        }
    }

    @Test("concurrent read-modify-write transactions lose no update", arguments: Engine.all)
    func concurrentWritersLoseNothing(engine: Engine) async throws {
        try await withDatabase(engine, readers: 7) { pool, _ in
            try await createAccounts(pool)
            try await pool.withTransaction { try await insert($0, 1, email: "a@example.com") }
            let lockBalance = sql(
                "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", sqlite: "SELECT balance FROM accounts WHERE id = ?1")
            let setBalance = sql("UPDATE accounts SET balance = $2 WHERE id = $1")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<25 {
                            try await pool.withTransaction { connection in
                                let balance = try await connection.fetchOne(lockBalance, [.int64(1)]) { try $0.decode(Int64.self, at: 0) } ?? 0
                                try await connection.execute(setBalance, [.int64(1), .int64(balance + 1)])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let balance = try await pool.withConnection(readOnly: true) {
                try await $0.fetchOne(sql("SELECT balance FROM accounts WHERE id = 1")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(balance == 200)
        }
    }

    @Test("statements run on the database threads, whatever the caller's isolation", arguments: Engine.all)
    func statementsRunOnDatabaseThreads(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            let inside = try await pool.withConnection { connection in
                try await connection.fetchOne(sql("SELECT 1")) { _ in pool.executor.isCurrentThread }
            }
            let fromActor = try await IsolatedCaller().check(pool)
            #expect(inside == true)
            #expect(fromActor == true)
        }
    }
}

/// A caller isolated to its own actor. (Inside the scope a default actor follows the task's executor
/// preference, SE-0417, and may stay on that thread a while after it; that is harmless, as nothing it
/// runs there blocks.)
private actor IsolatedCaller {
    func check(_ pool: SQLPool) async throws -> Bool {
        try await pool.withTransaction { connection in
            try await connection.fetchOne(sql("SELECT 1")) { _ in pool.executor.isCurrentThread } ?? false
        }
    }
}

@Suite("Connection misuse")
struct ConnectionMisuseTests {
    @Test("two calls at once on one connection are refused, not run", arguments: Engine.all)
    func concurrentUseRefused(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            let outcomes = try await pool.withConnection { connection in
                try await withThrowingTaskGroup(of: SQLError.Code?.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            do {
                                // Slow enough on both engines that the calls overlap.
                                _ = try await connection.fetchAll(
                                    sql("SELECT count(*) FROM generate_series(1, 200000)",
                                        sqlite: "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 200000) SELECT count(*) FROM g")
                                ) { try $0.decode(Int64.self, at: 0) }
                                return nil
                            } catch let error as SQLError {
                                return error.code
                            }
                        }
                    }
                    return try await group.reduce(into: [SQLError.Code?]()) { $0.append($1) }
                }
            }
            #expect(outcomes.contains(nil))
            #expect(outcomes.contains(.connectionMisuse))
            #expect(outcomes.allSatisfy { $0 == nil || $0 == .connectionMisuse })
            // The connection is fine afterwards.
            let one = try await pool.withConnection { try await $0.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) } }
            #expect(one == 1)
        }
    }

    @Test("a connection used after its closure returned is refused", arguments: Engine.all)
    func useAfterReleaseRefused(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            let escaped = try await pool.withConnection { $0 }
            let error = await #expect(throws: SQLError.self) { try await escaped.execute(sql("SELECT 1"), []) }
            #expect(error?.code == .connectionMisuse)
        }
    }

    @Test("a connection still busy in an escaped task when its closure returns is retired, not reused", arguments: Engine.all)
    func busyEscapedConnectionRetired(engine: Engine) async throws {
        try await withDatabase(engine, readers: 1) { pool, _ in
            let inFlight = Gate()
            let proceed = Gate()
            let escaped = try await pool.withConnection { connection in
                let call: Task<[Int64], any Error>
                switch engine {
                case .sqlite:
                    // SQLite: held in the row closure, on its database thread (one per connection), until the test
                    // lets it go. A row closure must never block on PostgreSQL, whose connections share one thread.
                    let inRow = DispatchSemaphore(value: 0)
                    let release = DispatchSemaphore(value: 0)
                    call = Task {
                        try await connection.fetchAll(sql("SELECT 1")) { row -> Int64 in
                            inRow.signal()
                            release.wait()
                            return try row.decode(Int64.self, at: 0)
                        }
                    }
                    Task.detached {
                        inRow.wait()
                        await inFlight.open()
                        await proceed.wait()
                        release.signal()
                    }
                case .postgres:
                    // PostgreSQL: held on the server.
                    call = Task {
                        try await connection.fetchAll(sql("SELECT 1 FROM pg_sleep(0.5)")) { try $0.decode(Int64.self, at: 0) }
                    }
                    let backend = try #require(connection as? any DatabaseBackend)
                    Task.detached {
                        // Until the statement is in flight (a fixed pause lost the race on a loaded machine).
                        while !backend.usage.isBusy { try await Task.sleep(for: .milliseconds(5)) }
                        await inFlight.open()
                    }
                }
                await inFlight.wait()
                return call
            }
            // Released mid-call: retired, so the pool holds no idle connection to hand out.
            #expect(pool.writers.idleCount == 0)
            #expect(pool.writers.openCount == 0)
            await proceed.open()
            #expect(try await escaped.value == [1])
            let one = try await pool.withConnection { try await $0.fetchOne(sql("SELECT 1")) { try $0.decode(Int64.self, at: 0) } }
            #expect(one == 1)
            #expect(pool.writers.openCount == 1)
        }
    }

    @Test("a connection left inside a transaction is replaced, not reused", arguments: Engine.all)
    func connectionLeftInTransactionReplaced(engine: Engine) async throws {
        try await withDatabase(engine, readers: 0) { pool, _ in
            try await pool.withConnection { try await $0.execute(SQLStatement(unsafeSQL: "BEGIN"), []) }
            try await pool.withTransaction { try await $0.execute(sql("CREATE TABLE t (x bigint)"), []) }
            let count = try await pool.withConnection {
                try await $0.fetchOne(sql("SELECT count(*) FROM t")) { try $0.decode(Int64.self, at: 0) }
            }
            #expect(count == 0)
        }
    }
}
