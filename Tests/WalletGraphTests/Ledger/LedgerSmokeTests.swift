import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

@Suite struct LedgerSmokeTests {
    @Test(arguments: Engine.all)
    func transferMovesMoneyAndReconciles(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            let receipt = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .username("BOB"), amount: 300, idempotencyKey: "k1"),
                by: alice)
            #expect(receipt.entries.map(\.amount) == [-300, 300])
            #expect(receipt.entries.map(\.balanceAfter) == [700, 300])
            // Each party sees only its own entry (and so only its own balance); an admin sees both.
            #expect(receipt.visibleEntries(to: alice).map(\.walletID) == [a.id])
            #expect(receipt.visibleEntries(to: bob).map(\.walletID) == [b.id])
            #expect(receipt.visibleEntries(to: f.admin).count == 2)
            #expect(receipt.visibleEntries(to: f.gateway).isEmpty)
            let stored = try #require(try await f.ledger.transaction(receipt.transaction.id))
            #expect(stored.visibleEntries(to: bob) == receipt.visibleEntries(to: bob))
            #expect(try await f.reload(a).balance == 700)
            #expect(try await f.reload(b).version == 1)
            let again = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .username("bob"), amount: 300, idempotencyKey: "k1"),
                by: alice)
            #expect(again.replayed && again.transaction.id == receipt.transaction.id)
            #expect(again.transaction == receipt.transaction)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == 2)
        }
    }
}
