import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Each money operation on both engines: its entries, the wallets after it, the stored transaction, and a clean
/// reconcile.
@Suite struct LedgerOperationTests {
    /// Checks what every receipt of a fresh, completed operation must hold, and that the stored copy equals it.
    static func expectStored(
        _ receipt: LedgerReceipt, _ f: LedgerFixture, type: TransactionType, amount: Int64, asset: AssetRecord,
        description: String?, initiator: Initiator, key: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let transaction = receipt.transaction
        #expect(!receipt.replayed, sourceLocation: sourceLocation)
        #expect(transaction.type == type, sourceLocation: sourceLocation)
        #expect(transaction.status == .completed, sourceLocation: sourceLocation)
        #expect(transaction.amount == amount, sourceLocation: sourceLocation)
        #expect(transaction.assetID == asset.id, sourceLocation: sourceLocation)
        #expect(transaction.description == description, sourceLocation: sourceLocation)
        #expect(transaction.initiatorID == initiator.userID, sourceLocation: sourceLocation)
        #expect(transaction.idempotencyKey == key, sourceLocation: sourceLocation)
        #expect(transaction.createdAt == transaction.updatedAt, sourceLocation: sourceLocation)
        #expect(receipt.entries.map(\.line) == Array(0..<receipt.entries.count), sourceLocation: sourceLocation)
        #expect(receipt.entries.allSatisfy { $0.transactionID == transaction.id }, sourceLocation: sourceLocation)
        #expect(receipt.entries.allSatisfy { $0.createdAt == transaction.createdAt }, sourceLocation: sourceLocation)
        #expect(receipt.entries.reduce(0) { $0 + $1.amount } == 0, sourceLocation: sourceLocation)
        let stored = try await f.ledger.transaction(transaction.id)
        #expect(stored?.transaction == transaction, sourceLocation: sourceLocation)
        #expect(stored?.entries == receipt.entries, sourceLocation: sourceLocation)
        #expect(stored?.replayed == false, sourceLocation: sourceLocation)
        try await f.expectClean(sourceLocation: sourceLocation)
    }

    @Test(arguments: Engine.all)
    func topUpCreditsTheWalletFromFunding(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let receipt = try await f.ledger.topUp(
                MoneyRequest(walletID: wallet.id, amount: 1_000, idempotencyKey: "top-1", description: "bank transfer"),
                by: f.gateway)
            #expect(receipt.entries.count == 2)
            let funding = try await f.expectSystemWallet(receipt.entries[0].walletID, .funding, asset: f.idr)
            #expect(receipt.entries.map(\.walletID) == [funding.id, wallet.id])
            #expect(receipt.entries.map(\.amount) == [-1_000, 1_000])
            #expect(receipt.entries.map(\.balanceAfter) == [-1_000, 1_000])
            #expect(receipt.entries.map(\.walletVersion) == [1, 1])
            #expect(funding.balance == -1_000 && funding.version == 1)
            let after = try await f.reload(wallet)
            #expect(after.balance == 1_000 && after.version == 1)
            #expect(after.updatedAt == receipt.transaction.createdAt)
            try await Self.expectStored(
                receipt, f, type: .topUp, amount: 1_000, asset: f.idr, description: "bank transfer", initiator: f.gateway,
                key: "top-1")

            // A second top-up continues both chains.
            let second = try await f.ledger.topUp(
                MoneyRequest(walletID: wallet.id, amount: 5, idempotencyKey: "top-2", description: ""), by: f.admin)
            let secondFunding = try await f.expectSystemWallet(second.entries[0].walletID, .funding, asset: f.idr)
            #expect(second.entries[0].balanceAfter == secondFunding.balance)
            #expect(second.entries[1].balanceAfter == 1_005 && second.entries[1].walletVersion == 2)
            // An empty description is stored as none.
            try await Self.expectStored(
                second, f, type: .topUp, amount: 5, asset: f.idr, description: nil, initiator: f.admin, key: "top-2")
        }
    }

    @Test(arguments: Engine.all)
    func aUserTopsUpTheirOwnWalletWhenAllowed(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice, "GOLD")
            let receipt = try await f.ledger.topUp(
                MoneyRequest(walletID: wallet.id, amount: 12_345, idempotencyKey: "self"), by: alice)
            _ = try await f.expectSystemWallet(receipt.entries[0].walletID, .funding, asset: f.gold)
            #expect(try await f.reload(wallet).balance == 12_345)
            try await Self.expectStored(
                receipt, f, type: .topUp, amount: 12_345, asset: f.gold, description: nil, initiator: alice, key: "self")
        }
    }

    @Test(arguments: Engine.all)
    func spendDebitsTheWalletIntoRedemption(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000)
            let receipt = try await f.ledger.spend(
                MoneyRequest(walletID: wallet.id, amount: 250, idempotencyKey: "buy-1", description: "kopi susu"), by: alice)
            let redemption = try await f.expectSystemWallet(receipt.entries[1].walletID, .redemption, asset: f.idr)
            #expect(receipt.entries.map(\.walletID) == [wallet.id, redemption.id])
            #expect(receipt.entries.map(\.amount) == [-250, 250])
            #expect(receipt.entries.map(\.balanceAfter) == [750, 250])
            #expect(receipt.entries.map(\.walletVersion) == [2, 1])
            #expect(redemption.balance == 250 && redemption.version == 1)
            let after = try await f.reload(wallet)
            #expect(after.balance == 750 && after.version == 2)
            try await Self.expectStored(
                receipt, f, type: .spend, amount: 250, asset: f.idr, description: "kopi susu", initiator: alice, key: "buy-1")

            // Spending everything that is left is allowed and leaves zero.
            let rest = try await f.ledger.spend(MoneyRequest(walletID: wallet.id, amount: 750, idempotencyKey: "buy-2"), by: alice)
            #expect(rest.entries.map(\.balanceAfter) == [0, 1_000])
            #expect(try await f.reload(wallet).balance == 0)
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func bonusCreditsTheWalletFromBonusExpense(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let receipt = try await f.ledger.grantBonus(
                MoneyRequest(walletID: wallet.id, amount: 500, idempotencyKey: "promo", description: "welcome"), by: f.admin)
            let expense = try await f.expectSystemWallet(receipt.entries[0].walletID, .bonusExpense, asset: f.idr)
            #expect(expense.allowNegative == true)
            #expect(receipt.entries.map(\.walletID) == [expense.id, wallet.id])
            #expect(receipt.entries.map(\.amount) == [-500, 500])
            #expect(receipt.entries.map(\.balanceAfter) == [-500, 500])
            #expect(receipt.entries.map(\.walletVersion) == [1, 1])
            let after = try await f.reload(wallet)
            #expect(after.balance == 500 && after.version == 1)
            try await Self.expectStored(
                receipt, f, type: .bonus, amount: 500, asset: f.idr, description: "welcome", initiator: f.admin, key: "promo")
        }
    }

    @Test(arguments: Engine.all)
    func transferByWalletIDMovesMoneyBetweenUsers(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            try await f.fund(b, 10)
            let receipt = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 300, idempotencyKey: "t1", description: "rent"),
                by: alice)
            #expect(receipt.entries.map(\.walletID) == [a.id, b.id])
            #expect(receipt.entries.map(\.amount) == [-300, 300])
            #expect(receipt.entries.map(\.balanceAfter) == [700, 310])
            #expect(receipt.entries.map(\.walletVersion) == [2, 2])
            let (aAfter, bAfter) = (try await f.reload(a), try await f.reload(b))
            #expect(aAfter.balance == 700 && aAfter.version == 2)
            #expect(bAfter.balance == 310 && bAfter.version == 2)
            try await Self.expectStored(
                receipt, f, type: .transfer, amount: 300, asset: f.idr, description: "rent", initiator: alice, key: "t1")
        }
    }

    /// A username pays that user's default wallet in the source's asset, not their other wallets.
    @Test(arguments: Engine.all)
    func transferByUsernamePaysTheDefaultWalletInTheSameAsset(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice, "GOLD")
            let bobIDR = try await f.wallet(bob)
            let bobGold = try await f.wallet(bob, "GOLD")
            let bobGoldSpare = try await f.wallet(bob, "GOLD", label: "Spare")
            try await f.fund(a, 50_000)
            let receipt = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .username("Bob"), amount: 12_345, idempotencyKey: "gift"),
                by: alice)
            #expect(receipt.entries.map(\.walletID) == [a.id, bobGold.id])
            #expect(receipt.entries.map(\.balanceAfter) == [37_655, 12_345])
            #expect(try await f.reload(bobGold).balance == 12_345)
            #expect(try await f.reload(bobGoldSpare).balance == 0)
            #expect(try await f.reload(bobIDR).balance == 0)
            try await Self.expectStored(
                receipt, f, type: .transfer, amount: 12_345, asset: f.gold, description: nil, initiator: alice, key: "gift")

            // After bob moves his default, the same kind of payment lands in the other wallet.
            _ = try await f.ledger.setDefaultWallet(bobGoldSpare.id, by: bob)
            let second = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .username("bob"), amount: 5, idempotencyKey: "gift-2"),
                by: alice)
            #expect(second.entries.map(\.walletID) == [a.id, bobGoldSpare.id])
            try await f.expectClean()
        }
    }

    /// The system wallets' balances mirror the users': funding is minus everything topped up, and so on.
    @Test(arguments: Engine.all)
    func systemWalletsBalanceTheUsers(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 700)
            try await f.fund(a, 300)
            _ = try await f.ledger.grantBonus(MoneyRequest(walletID: a.id, amount: 40, idempotencyKey: "b"), by: f.admin)
            _ = try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 90, idempotencyKey: "s"), by: alice)
            let system = try await f.ledger.systemWallets(asset: f.idr.id)
            func total(_ purpose: SystemPurpose) -> Int64 {
                system.filter { $0.purpose == purpose }.reduce(0) { $0 + $1.balance }
            }
            #expect(total(.funding) == -1_000)
            #expect(total(.bonusExpense) == -40)
            #expect(total(.redemption) == 90)
            #expect(total(.feeRevenue) == 0 && total(.payoutClearing) == 0)
            #expect(try await f.reload(a).balance == 950)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == 4 && report.entries == 8)
            #expect(report.assets == 2)
        }
    }
}
