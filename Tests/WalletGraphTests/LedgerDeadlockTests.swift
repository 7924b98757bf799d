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

            // Raw SQL: another client that locks the two wallets in the opposite order to the ledger's.
            let lockHigh = SQLStatement(unsafeSQL: "SELECT balance FROM wallets WHERE id = '\(high.id.uuidString.lowercased())' FOR UPDATE")
            let lockLow = SQLStatement(unsafeSQL: "SELECT balance FROM wallets WHERE id = '\(low.id.uuidString.lowercased())' FOR UPDATE")
            let rival = Task {
                try await f.pool.withTransaction { connection in
                    try await connection.execute(lockHigh, [])
                    try await Task.sleep(for: .milliseconds(300))  // the ledger now holds `low` and waits for `high`
                    try await connection.execute(lockLow, [])
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            let receipt = try await f.ledger.transfer(
                TransferRequest(
                    fromWalletID: low.id, destination: .wallet(high.id), amount: 10, idempotencyKey: "deadlock"),
                by: lowOwner)
            let rivalResult = await rival.result
            #expect(!receipt.replayed)
            #expect(try await f.reload(low).balance == 990)
            #expect(try await f.reload(high).balance == 1_010)
            // PostgreSQL aborted one side. If it was the rival, it saw the deadlock; if it was the ledger, the
            // ledger reran and the rival committed. Either way the ledger's caller saw success.
            if case .failure(let error) = rivalResult {
                #expect((error as? SQLError)?.code == .deadlock)
            }
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == 3)
        }
    }
}
