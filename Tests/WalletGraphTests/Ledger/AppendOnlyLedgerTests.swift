import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// The schema's trigger keeps `ledger_entries` append-only on both engines.
@Suite struct AppendOnlyLedgerTests {
    /// Runs raw SQL that must be refused by the append-only trigger, and returns the driver's error.
    static func refused(_ f: LedgerFixture, _ sql: String) async -> SQLError? {
        do {
            // Raw SQL on purpose: the point is to try what no generated query does, changing an entry.
            try await f.pool.withConnection { connection in
                try await connection.execute(SQLStatement(unsafeSQL: sql), [])
            }
            Issue.record("\(sql) succeeded")
            return nil
        } catch let error as SQLError {
            return error
        } catch {
            Issue.record("\(sql) failed with \(error)")
            return nil
        }
    }

    @Test(arguments: Engine.all)
    func entriesCannotBeUpdatedOrDeleted(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let receipt = try await f.fund(a, 1_000)
            let footprint = try await f.footprint()

            let statements = [
                ("UPDATE", "UPDATE ledger_entries SET amount = amount + 1"),
                ("UPDATE", "UPDATE ledger_entries SET balance_after = 0 WHERE line = 1"),
                ("DELETE", "DELETE FROM ledger_entries"),
                ("DELETE", "DELETE FROM ledger_entries WHERE line = 0"),
            ] + (engine == .postgres ? [("TRUNCATE", "TRUNCATE ledger_entries")] : [])
            for (operation, sql) in statements {
                let error = await Self.refused(f, sql)
                #expect(error?.code == .raisedException, "\(sql)")
                #expect(error?.sqlState == (engine == .sqlite ? "SQLITE_1811" : "P0001"), "\(sql)")
                #expect(error?.engineMessage?.contains("ledger_entries is append-only: \(operation) is not allowed") == true, "\(sql)")
                #expect(error?.isRetryable == false)
            }
            #expect(try await f.footprint() == footprint)
            let stored = try await f.ledger.transaction(receipt.transaction.id)
            #expect(stored?.entries == receipt.entries)
            try await f.expectClean()
        }
    }

    /// Nor can a user wallet's cached balance be pushed below zero behind the ledger's back.
    @Test(arguments: Engine.all)
    func aUserWalletCannotBeMadeNegative(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            do {
                // Raw SQL on purpose: tampering that the schema's CHECK constraint must stop.
                try await f.pool.withConnection { connection in
                    try await connection.execute(
                        SQLStatement(
                            unsafePostgres: "UPDATE wallets SET balance = -5 WHERE id = $1",
                            sqlite: "UPDATE wallets SET balance = -5 WHERE id = ?1"),
                        [.uuid(a.id)])
                }
                Issue.record("the update succeeded")
            } catch let error as SQLError {
                #expect(error.code == .checkViolation)
                #expect(error.constraint == "wallets_balance_non_negative")
            }
            #expect(try await f.reload(a) == a)
        }
    }
}
