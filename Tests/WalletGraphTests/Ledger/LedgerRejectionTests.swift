import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Requests rejected for their amount, key, description or the initiator's role leave no trace, on both engines.
@Suite struct LedgerRejectionTests {
    /// One of each money operation on `wallet` (owned by `owner`), with `amount`, `key` and `description`.
    static func everyOperation(
        _ f: LedgerFixture, wallet: WalletRecord, to other: WalletRecord, owner: Initiator, amount: Int64, key: String,
        description: String? = nil
    ) -> [(String, () async throws -> LedgerReceipt)] {
        let money = MoneyRequest(walletID: wallet.id, amount: amount, idempotencyKey: key, description: description)
        let transfer = TransferRequest(
            fromWalletID: wallet.id, destination: .wallet(other.id), amount: amount, idempotencyKey: key, description: description)
        let byName = TransferRequest(
            fromWalletID: wallet.id, destination: .username("bob"), amount: amount, idempotencyKey: key, description: description)
        return [
            ("topUp", { try await f.ledger.topUp(money, by: f.gateway) }),
            ("spend", { try await f.ledger.spend(money, by: owner) }),
            ("grantBonus", { try await f.ledger.grantBonus(money, by: f.admin) }),
            ("transfer", { try await f.ledger.transfer(transfer, by: owner) }),
            ("transferByUsername", { try await f.ledger.transfer(byName, by: owner) }),
        ]
    }

    @Test(arguments: Engine.all)
    func nonPositiveAmountsAreInvalid(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 100)
            for amount: Int64 in [0, -1, -100, Int64.min] {
                for (name, operation) in Self.everyOperation(f, wallet: a, to: b, owner: alice, amount: amount, key: "k") {
                    let error = try await f.expectNoTrace(.invalidAmount, field: ["amount"], wallets: [a, b], operation)
                    #expect(error?.detail == "must be greater than zero", "\(name)")
                }
            }
        }
    }

    /// A top-up or bonus that would take a balance past Int64.max is INVALID_AMOUNT, not a crash or an SQL error.
    @Test(arguments: Engine.all)
    func balancesThatWouldLeaveInt64AreInvalidAmounts(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, Int64.max - 10)
            #expect(try await f.reload(a).balance == Int64.max - 10)
            // The funding side overflows first (it is at -(Int64.max - 10)).
            let topUp = try await f.expectNoTrace(.invalidAmount, field: ["amount"], wallets: [a]) {
                try await f.ledger.topUp(MoneyRequest(walletID: a.id, amount: 100, idempotencyKey: "over"), by: f.gateway)
            }
            #expect(topUp?.detail == "the resulting balance is out of range")
            // A bonus comes from an untouched wallet, so it is the user's side that overflows.
            try await f.expectNoTrace(.invalidAmount, field: ["amount"], wallets: [a]) {
                try await f.ledger.grantBonus(MoneyRequest(walletID: a.id, amount: 11, idempotencyKey: "bonus"), by: f.admin)
            }
            // Exactly Int64.max is reachable.
            _ = try await f.ledger.grantBonus(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "max"), by: f.admin)
            #expect(try await f.reload(a).balance == Int64.max)
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func spendingMoreThanTheBalanceIsInsufficient(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.expectNoTrace(.insufficientBalance, field: ["amount"], wallets: [a, b]) {
                try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 1, idempotencyKey: "empty"), by: alice)
            }
            try await f.fund(a, 1_000)
            try await f.expectNoTrace(.insufficientBalance, field: ["amount"], wallets: [a, b]) {
                try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 1_001, idempotencyKey: "s"), by: alice)
            }
            try await f.expectNoTrace(.insufficientBalance, field: ["amount"], wallets: [a, b]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 1_001, idempotencyKey: "t"), by: alice)
            }
            try await f.expectNoTrace(.insufficientBalance, field: ["amount"], wallets: [a, b]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .username("bob"), amount: Int64.max, idempotencyKey: "u"),
                    by: alice)
            }
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func invalidIdempotencyKeysAreRejected(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 100)
            for key in ["", String(repeating: "k", count: 256), "bad\u{0}key", "new\nline"] {
                for (name, operation) in Self.everyOperation(f, wallet: a, to: b, owner: alice, amount: 1, key: key) {
                    let error = try await f.expectNoTrace(.invalidIdempotencyKey, field: ["idempotencyKey"], wallets: [a, b], operation)
                    #expect(error != nil, "\(name)")
                }
            }
            // 255 characters is a valid key.
            let long = String(repeating: "ķ", count: 255)
            let receipt = try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 1, idempotencyKey: long), by: alice)
            #expect(try await f.ledger.transaction(receipt.transaction.id)?.transaction.idempotencyKey == long)
        }
    }

    @Test(arguments: Engine.all)
    func descriptionsMustFitAndHaveNoControlCharacters(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 100)
            for description in [String(repeating: "d", count: 501), String(repeating: "é", count: 501), "bell\u{7}"] {
                for (name, operation) in Self.everyOperation(
                    f, wallet: a, to: b, owner: alice, amount: 1, key: "d", description: description)
                {
                    let error = try await f.expectNoTrace(.invalidInput, field: ["description"], wallets: [a, b], operation)
                    #expect(error != nil, "\(name)")
                }
            }
            // 500 characters, newlines and tabs are fine, and stored as given.
            for (index, description) in [String(repeating: "é", count: 500), "line one\nline\ttwo"].enumerated() {
                let receipt = try await f.ledger.spend(
                    MoneyRequest(walletID: a.id, amount: 1, idempotencyKey: "ok-\(index)", description: description), by: alice)
                #expect(try await f.ledger.transaction(receipt.transaction.id)?.transaction.description == description)
            }
        }
    }

    @Test(arguments: Engine.all)
    func onlyAdminsGrantBonusesFreezeAndCreateAssets(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            for initiator in [alice, f.gateway] {
                // The role is checked before anything else, even an invalid amount or key.
                try await f.expectNoTrace(.forbidden, wallets: [a]) {
                    try await f.ledger.grantBonus(MoneyRequest(walletID: a.id, amount: 0, idempotencyKey: ""), by: initiator)
                }
                try await f.expectNoTrace(.forbidden, wallets: [a]) {
                    try await f.ledger.grantBonus(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "b"), by: initiator)
                }
                try await f.expectNoTrace(.forbidden, wallets: [a]) { try await f.ledger.freezeWallet(a.id, by: initiator) }
                try await f.expectNoTrace(.forbidden, wallets: [a]) { try await f.ledger.unfreezeWallet(a.id, by: initiator) }
                await expectDomainError(.forbidden) {
                    try await f.ledger.createAsset(code: "USD", name: "Dollar", scale: 2, by: initiator)
                }
            }
            #expect(try await f.ledger.asset(code: "USD") == nil)
            #expect(try await f.reload(a).status == .active)
            // Wallets for someone else: admins only.
            let bob = try await f.user("bob")
            await expectDomainError(.forbidden) { try await f.ledger.createWallet(owner: bob.userID, assetCode: "IDR", label: nil, by: alice) }
            await expectDomainError(.forbidden) {
                try await f.ledger.createWallet(owner: bob.userID, assetCode: "IDR", label: nil, by: f.gateway)
            }
            #expect(try await f.ledger.wallets(owner: bob.userID).isEmpty)
            let made = try await f.ledger.createWallet(owner: bob.userID, assetCode: "IDR", label: nil, by: f.admin)
            #expect(made.ownerID == bob.userID && made.isDefault)
        }
    }

    @Test(arguments: Engine.all)
    func selfTopUpCanBeTurnedOff(engine: Engine) async throws {
        try await withLedger(engine, configuration: LedgerConfiguration(allowSelfTopUp: false, systemShards: 2)) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let error = try await f.expectNoTrace(.forbidden, field: .some(nil), wallets: [a]) {
                try await f.ledger.topUp(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "self"), by: alice)
            }
            #expect(error?.detail == "self top-up is disabled")
            // Operators still top up; the same key from the user still works for other operations.
            try await f.fund(a, 10)
            _ = try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: "self"), by: alice)
            try await f.expectClean()
        }
    }
}
