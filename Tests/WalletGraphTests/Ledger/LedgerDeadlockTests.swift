import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// A money operation caught in a real PostgreSQL deadlock is rerun, and no deadlock error reaches its caller.
@Suite struct LedgerDeadlockTests {
    @Test(arguments: Engine.postgresOnly)
    func transferSurvivesADeadlock(engine: Engine) async throws {
        try await withLedger(engine, connections: 4) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            try await f.fund(b, 1_000)
            let (low, high) = a.id.uuidString < b.id.uuidString ? (a, b) : (b, a)
            let lowOwner = low.id == a.id ? alice : bob

            // Raw SQL: another client that locks the two wallets in the opposite order to the ledger's. It takes
            // `high`, waits until a backend (the ledger, holding `low`) is blocked on its transaction, then asks
            // for `low`: a certain deadlock. The ledger began waiting first, so its deadlock check fires first and
            // PostgreSQL aborts the ledger's transaction; only a rerun lets the transfer succeed.
            let lockHigh = SQLStatement(unsafeSQL: "SELECT balance FROM wallets WHERE id = '\(high.id.uuidString.lowercased())' FOR UPDATE")
            let lockLow = SQLStatement(unsafeSQL: "SELECT balance FROM wallets WHERE id = '\(low.id.uuidString.lowercased())' FOR UPDATE")
            let ownXID = SQLStatement(unsafeSQL: "SELECT txid_current()::text")
            let pool = f.pool
            let rival = Task {
                try await pool.withTransaction { connection in
                    let xid = try await connection.fetchOne(ownXID) { row in try row.decode(String.self, at: 0) } ?? ""
                    try await connection.execute(lockHigh, [])
                    let waiters = SQLStatement(
                        unsafeSQL: "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid::text = '\(xid)'")
                    var blocked: Int64 = 0
                    for _ in 0..<500 where blocked == 0 {
                        try await Task.sleep(for: .milliseconds(10))
                        blocked = try await pool.withConnection { other in
                            try await other.fetchOne(waiters) { row in try row.decode(Int64.self, at: 0) } ?? 0
                        }
                    }
                    try #require(blocked > 0, "the ledger never waited on the rival's lock")
                    try await connection.execute(lockLow, [])
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            let receipt = try await f.ledger.transfer(
                TransferRequest(
                    fromWalletID: low.id, destination: .wallet(high.id), amount: 10, idempotencyKey: "deadlock"),
                by: lowOwner)
            // The rival committed, so the ledger was the one aborted: it reran, and its caller saw success.
            try await rival.value
            #expect(!receipt.replayed)
            #expect(try await f.reload(low).balance == 990)
            #expect(try await f.reload(high).balance == 1_010)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == 3)
        }
    }
}
