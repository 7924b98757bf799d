import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Idempotency keys on both engines: replays, replays after a restart, conflicts that name the differing fields,
/// rejected requests that keep no key, and keys scoped per initiator.
@Suite struct LedgerIdempotencyTests {
    /// A repeat returns the stored transaction, marked replayed, and writes nothing.
    static func expectReplay(
        _ f: LedgerFixture, of original: LedgerReceipt, wallets: [WalletRecord],
        sourceLocation: SourceLocation = #_sourceLocation, _ repeatRequest: () async throws -> LedgerReceipt
    ) async throws {
        let footprint = try await f.footprint()
        var before: [WalletRecord] = []
        for wallet in wallets { before.append(try await f.reload(wallet)) }
        let again = try await repeatRequest()
        #expect(again.replayed, sourceLocation: sourceLocation)
        #expect(again.transaction == original.transaction, sourceLocation: sourceLocation)
        #expect(again.entries == original.entries, sourceLocation: sourceLocation)
        #expect(try await f.footprint() == footprint, sourceLocation: sourceLocation)
        for wallet in before { #expect(try await f.reload(wallet) == wallet, sourceLocation: sourceLocation) }
    }

    @Test(arguments: Engine.all)
    func everyOperationReplaysItsFirstResult(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            let wallets = [a, b]

            let top = MoneyRequest(walletID: a.id, amount: 1_000, idempotencyKey: "k", description: "in")
            let topUp = try await f.ledger.topUp(top, by: f.gateway)
            try await Self.expectReplay(f, of: topUp, wallets: wallets) { try await f.ledger.topUp(top, by: f.gateway) }

            let spendRequest = MoneyRequest(walletID: a.id, amount: 100, idempotencyKey: "k")
            let spend = try await f.ledger.spend(spendRequest, by: alice)
            try await Self.expectReplay(f, of: spend, wallets: wallets) { try await f.ledger.spend(spendRequest, by: alice) }
            // An empty description is the same request as none.
            var blank = spendRequest
            blank.description = ""
            try await Self.expectReplay(f, of: spend, wallets: wallets) { try await f.ledger.spend(blank, by: alice) }

            let bonusRequest = MoneyRequest(walletID: b.id, amount: 7, idempotencyKey: "k")
            let bonus = try await f.ledger.grantBonus(bonusRequest, by: f.admin)
            try await Self.expectReplay(f, of: bonus, wallets: wallets) { try await f.ledger.grantBonus(bonusRequest, by: f.admin) }

            let byID = TransferRequest(fromWalletID: b.id, destination: .wallet(a.id), amount: 3, idempotencyKey: "k")
            let transfer = try await f.ledger.transfer(byID, by: bob)
            try await Self.expectReplay(f, of: transfer, wallets: wallets) { try await f.ledger.transfer(byID, by: bob) }

            let byName = TransferRequest(fromWalletID: a.id, destination: .username("bob"), amount: 9, idempotencyKey: "n")
            let named = try await f.ledger.transfer(byName, by: alice)
            var shouted = byName
            shouted.destination = .username("BOB")
            try await Self.expectReplay(f, of: named, wallets: wallets) { try await f.ledger.transfer(shouted, by: alice) }

            // A replay answers with the stored result even when the request could not run now.
            _ = try await f.ledger.freezeWallet(a.id, by: f.admin)
            try await Self.expectReplay(f, of: spend, wallets: wallets) { try await f.ledger.spend(spendRequest, by: alice) }
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func keysSurviveARestart(engine: Engine) async throws {
        var first: (receipt: LedgerReceipt, alice: Initiator, wallets: [WalletRecord], request: TransferRequest)?
        try await withRestartedLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 500)
            let request = TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 200, idempotencyKey: "pay-1")
            first = (try await f.ledger.transfer(request, by: alice), alice, [a, b], request)
        } after: { f in
            let (receipt, alice, wallets, request) = try #require(first)
            try await Self.expectReplay(f, of: receipt, wallets: wallets) { try await f.ledger.transfer(request, by: alice) }
            var different = request
            different.amount = .minorUnits(201)
            let error = try await f.expectNoTrace(.idempotencyConflict, field: ["idempotencyKey"], wallets: wallets) {
                try await f.ledger.transfer(different, by: alice)
            }
            #expect(error?.differingFields == ["amount"])
            #expect(try await f.reload(wallets[0]).balance == 300)
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func aReusedKeyForAnotherRequestIsAConflictNamingTheDifferingFields(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let a2 = try await f.wallet(alice, label: "Second")
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            try await f.fund(a2, 1_000)
            let wallets = [a, a2, b]
            let original = MoneyRequest(walletID: a.id, amount: 100, idempotencyKey: "same", description: "lunch")
            _ = try await f.ledger.spend(original, by: alice)

            func conflict(_ expected: String, _ body: () async throws -> LedgerReceipt) async throws {
                let error = try await f.expectNoTrace(.idempotencyConflict, field: ["idempotencyKey"], wallets: wallets, body)
                #expect(error?.differingFields.joined(separator: ", ") == expected)
            }
            var changed = original
            changed.amount = .minorUnits(101)
            try await conflict("amount") { try await f.ledger.spend(changed, by: alice) }
            changed = original
            changed.walletID = a2.id
            try await conflict("walletId") { try await f.ledger.spend(changed, by: alice) }
            changed = original
            changed.description = "dinner"
            try await conflict("description") { try await f.ledger.spend(changed, by: alice) }
            changed.description = nil
            try await conflict("description") { try await f.ledger.spend(changed, by: alice) }
            changed = original
            changed.amount = .minorUnits(5)
            changed.description = nil
            try await conflict("amount, description") { try await f.ledger.spend(changed, by: alice) }
            // Another operation with the same fields.
            try await conflict("operation") { try await f.ledger.topUp(original, by: alice) }
            // A transfer has other fields altogether.
            try await conflict("fromWalletId, operation, toWalletId, walletId") {
                try await f.ledger.transfer(
                    TransferRequest(
                        fromWalletID: a.id, destination: .wallet(b.id), amount: 100, idempotencyKey: "same", description: "lunch"),
                    by: alice)
            }
            // A transfer by id and by username differ in the destination's field.
            let byID = TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 1, idempotencyKey: "t")
            _ = try await f.ledger.transfer(byID, by: alice)
            try await conflict("toUsername, toWalletId") {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .username("bob"), amount: 1, idempotencyKey: "t"), by: alice)
            }
            try await f.expectClean()
        }
    }

    /// A request that was rejected inside its transaction keeps no key, so the same key can succeed later.
    @Test(arguments: Engine.all)
    func aRejectedRequestKeepsNoKey(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let request = MoneyRequest(walletID: a.id, amount: 500, idempotencyKey: "retry-me")
            try await f.expectNoTrace(.insufficientBalance, wallets: [a]) { try await f.ledger.spend(request, by: alice) }
            try await f.fund(a, 500)
            let receipt = try await f.ledger.spend(request, by: alice)
            #expect(!receipt.replayed)
            #expect(receipt.entries.first?.balanceAfter == 0)
            // A request rejected for another reason does not hold the key either.
            let bonus = MoneyRequest(walletID: a.id, amount: 5, idempotencyKey: "b")
            _ = try await f.ledger.freezeWallet(a.id, by: f.admin)
            try await f.expectNoTrace(.walletFrozen, wallets: [a]) { try await f.ledger.grantBonus(bonus, by: f.admin) }
            _ = try await f.ledger.unfreezeWallet(a.id, by: f.admin)
            #expect(try await !f.ledger.grantBonus(bonus, by: f.admin).replayed)
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func keysAreScopedToTheirInitiator(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 100)
            try await f.fund(b, 100)
            let first = try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "shared"), by: alice)
            let second = try await f.ledger.spend(MoneyRequest(walletID: b.id, amount: 20, idempotencyKey: "shared"), by: bob)
            #expect(!first.replayed && !second.replayed)
            #expect(first.transaction.id != second.transaction.id)
            #expect(try await f.reload(a).balance == 90)
            #expect(try await f.reload(b).balance == 80)
            // The operator's key "shared" is its own too, although it tops up alice's wallet.
            let topUp = try await f.ledger.topUp(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "shared"), by: f.gateway)
            #expect(!topUp.replayed)
            #expect(try await f.reload(a).balance == 100)
            try await f.expectClean()
        }
    }
}
