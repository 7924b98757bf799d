import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

/// Deferred statements (`SQLConnection.executeDeferred`): inside a transaction they travel unanswered with the next
/// flight, and their failure is that flight's failure.
extension PostgresPipelineTests {
    struct Refused: Error {}

    func rows(_ pool: SQLPool) async throws -> Int64 {
        try await pool.withConnection { connection in
            try await connection.fetchOne(sql("SELECT count(*) FROM items")) { try $0.decode(Int64.self, at: 0) }
        } ?? -1
    }

    @Test("deferred writes travel with COMMIT in one round trip, and a later statement sees them",
          arguments: Engine.postgresOnly)
    func deferredWritesTravelWithCommit(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            var before = roundTrips(pool)
            try await pool.withTransaction { connection in
                for id in 1...3 { try await connection.executeDeferred(insert, [.int64(Int64(id)), .text("n\(id)")]) }
            }
            // BEGIN, one Parse, three inserts and COMMIT.
            #expect(roundTrips(pool) - before == 1)
            let rows3x = try await rows(pool)
            #expect(rows3x == 3)
            before = roundTrips(pool)
            let seen = try await pool.withTransaction { connection in
                try await connection.executeDeferred(insert, [.int64(4), .text("n4")])
                try await connection.executeDeferred(sql("UPDATE items SET name = $1 WHERE id = $2"), [.text("four"), .int64(4)])
                return try await connection.fetchOne(sql("SELECT name FROM items WHERE id = $1"), [.int64(4)]) {
                    try $0.decode(String.self, at: 0)
                }
            }
            #expect(seen == "four")
            // The two deferred writes and the select, then COMMIT.
            #expect(roundTrips(pool) - before == 2)
        }
    }

    @Test("a deferred statement's failure fails COMMIT, rolls everything back and leaves the connection clean",
          arguments: Engine.postgresOnly)
    func deferredFailureFailsCommit(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            let failure = await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await connection.executeDeferred(insert, [.int64(1), .text("one")])
                    try await connection.executeDeferred(insert, [.int64(1), .text("again")])
                    try await connection.executeDeferred(insert, [.int64(2), .text("two")])
                }
            }
            #expect(failure?.code == .uniqueViolation)
            let rows0x = try await rows(pool)
            #expect(rows0x == 0)
            // The same connection, rolled back and reusable.
            #expect(pool.statistics.open == 1)
            try await pool.withTransaction { connection in
                try await connection.executeDeferred(insert, [.int64(1), .text("one")])
            }
            let rows1x = try await rows(pool)
            #expect(rows1x == 1)
        }
    }

    @Test("a deferred statement's failure is the next statement's failure, and dooms the transaction",
          arguments: Engine.postgresOnly)
    func deferredFailureSurfacesAtTheNextStatement(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            let outcome = await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await connection.executeDeferred(insert, [.int64(1), .text("one")])
                    try await connection.executeDeferred(sql("INSERT INTO items (id, name) VALUES ($1, NULL)"), [.int64(2)])
                    do {
                        _ = try await connection.execute(insert, [.int64(3), .text("three")])
                        Issue.record("the statement after a failed deferred one ran")
                    } catch let error as SQLError {
                        #expect(error.code == .notNullViolation)
                    }
                }
            }
            #expect(outcome?.code == .transactionAborted)
            let rows0x = try await rows(pool)
            #expect(rows0x == 0)
        }
    }

    @Test("a deferred statement whose Parse never ran is not cached as prepared", arguments: Engine.postgresOnly)
    func abortedPrepareIsNotCached(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            await #expect(throws: SQLError.self) {
                try await pool.withTransaction { connection in
                    try await connection.executeDeferred(sql("INSERT INTO nowhere (id) VALUES ($1)"), [.int64(1)])
                    // Its Parse is skipped with everything after the failure.
                    try await connection.executeDeferred(insert, [.int64(1), .text("one")])
                }
            }
            try await pool.withTransaction { connection in
                try await connection.executeDeferred(insert, [.int64(1), .text("one")])
                try await connection.executeDeferred(insert, [.int64(2), .text("two")])
            }
            let rows2x = try await rows(pool)
            #expect(rows2x == 2)
        }
    }

    @Test("a transaction that throws before anything was sent sends nothing; outside one a deferred statement runs at once",
          arguments: Engine.postgresOnly)
    func deferredStatementsNeverSentAndAutocommit(engine: Engine) async throws {
        try await withItems { pool in
            let insert = sql("INSERT INTO items (id, name) VALUES ($1, $2)")
            let before = roundTrips(pool)
            await #expect(throws: Refused.self) {
                try await pool.withTransaction { connection in
                    try await connection.executeDeferred(insert, [.int64(1), .text("one")])
                    throw Refused()
                }
            }
            #expect(roundTrips(pool) == before)
            let rows0x = try await rows(pool)
            #expect(rows0x == 0)
            try await pool.withConnection { connection in
                try await connection.executeDeferred(insert, [.int64(5), .text("five")])
            }
            let rows1x = try await rows(pool)
            #expect(rows1x == 1)
            #expect(pool.statistics.open == 1)
        }
    }
}
