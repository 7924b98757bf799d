import Foundation
import Testing

import WalletGraph

/// The planner's rules, one at a time and in their documented order, with no database.
@Suite struct PostingPlannerTests {
    static let idr = UUID()
    static let gold = UUID()

    static func userWallet(
        balance: Int64 = 0, version: Int64 = 0, asset: UUID = idr, status: WalletStatus = .active
    ) -> WalletState {
        WalletState(id: UUID(), ownerID: UUID(), assetID: asset, kind: .user, status: status, balance: balance, version: version)
    }

    static func systemWallet(
        _ purpose: SystemPurpose, balance: Int64 = 0, version: Int64 = 0, status: WalletStatus = .active
    ) -> WalletState {
        WalletState(
            id: UUID(), ownerID: nil, assetID: idr, kind: .system, purpose: purpose,
            allowNegative: purpose.allowsNegative, status: status, balance: balance, version: version)
    }

    static func index(_ wallets: WalletState...) -> [UUID: WalletState] {
        Dictionary(uniqueKeysWithValues: wallets.map { ($0.id, $0) })
    }

    // MARK: - A valid plan

    @Test func singleLegPlansDebitThenCredit() throws {
        let a = Self.userWallet(balance: 100, version: 3)
        let b = Self.userWallet(balance: 5, version: 1)
        let plan = try PostingPlanner.plan(
            legs: [PostingLeg(debit: a.id, credit: b.id, amount: 40)], wallets: Self.index(a, b))
        #expect(plan.assetID == Self.idr)
        #expect(plan.entries.map(\.walletID) == [a.id, b.id])
        #expect(plan.entries.map(\.amount) == [-40, 40])
        #expect(plan.entries.map(\.balanceAfter) == [60, 45])
        #expect(plan.entries.map(\.walletVersion) == [4, 2])
        #expect(plan.finalStates[a.id]?.balance == 60 && plan.finalStates[a.id]?.version == 4)
        #expect(plan.finalStates[b.id]?.balance == 45 && plan.finalStates[b.id]?.version == 2)
    }

    @Test func aWalletInTwoLegsCarriesItsRunningBalanceAndVersion() throws {
        let a = Self.userWallet(balance: 30)
        let b = Self.userWallet(balance: 20, version: 7)
        let c = Self.userWallet()
        // B only has enough for the second leg because of the first.
        let plan = try PostingPlanner.plan(
            legs: [PostingLeg(debit: a.id, credit: b.id, amount: 30), PostingLeg(debit: b.id, credit: c.id, amount: 50)],
            wallets: Self.index(a, b, c))
        #expect(plan.entries.map(\.walletID) == [a.id, b.id, b.id, c.id])
        #expect(plan.entries.map(\.amount) == [-30, 30, -50, 50])
        #expect(plan.entries.map(\.balanceAfter) == [0, 50, 0, 50])
        #expect(plan.entries.map(\.walletVersion) == [1, 8, 9, 1])
        #expect(plan.entries.reduce(0) { $0 + $1.amount } == 0)
        #expect(plan.finalStates.count == 3)
        #expect(plan.finalStates[b.id]?.balance == 0 && plan.finalStates[b.id]?.version == 9)
    }

    @Test func aSecondLegCannotSpendWhatTheFirstAlreadyTook() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        expectRuleError(.insufficientBalance, field: ["amount"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 60), PostingLeg(debit: a.id, credit: b.id, amount: 41)],
                wallets: Self.index(a, b))
        }
    }

    @Test func walletsThatMayGoNegativeDo() throws {
        let funding = Self.systemWallet(.funding, balance: -10, version: 2)
        let user = Self.userWallet()
        let plan = try PostingPlanner.plan(
            legs: [PostingLeg(debit: funding.id, credit: user.id, amount: 90)], wallets: Self.index(funding, user))
        #expect(plan.entries.map(\.balanceAfter) == [-100, 90])
        #expect(plan.entries.map(\.walletVersion) == [3, 1])
    }

    @Test func aSystemWalletThatMayNotGoNegativeIsHeldToZero() {
        let redemption = Self.systemWallet(.redemption, balance: 5)
        let user = Self.userWallet()
        expectRuleError(.insufficientBalance, field: ["amount"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: redemption.id, credit: user.id, amount: 6)], wallets: Self.index(redemption, user))
        }
    }

    @Test func spendingTheWholeBalanceIsAllowed() throws {
        let a = Self.userWallet(balance: Int64.max)
        let b = Self.userWallet()
        let plan = try PostingPlanner.plan(
            legs: [PostingLeg(debit: a.id, credit: b.id, amount: Int64.max)], wallets: Self.index(a, b))
        #expect(plan.entries.map(\.balanceAfter) == [0, Int64.max])
    }

    // MARK: - Each rule alone, with the field it names

    @Test func noLegsIsInvalidAmount() {
        expectRuleError(.invalidAmount, field: ["amount"]) { try PostingPlanner.plan(legs: [], wallets: [:]) }
    }

    @Test(arguments: [Int64(0), -1, Int64.min])
    func aNonPositiveAmountIsInvalid(amount: Int64) {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        expectRuleError(.invalidAmount, field: ["amount"]) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: amount)], wallets: Self.index(a, b))
        }
    }

    @Test func anUnlockedDebitOrCreditIsWalletNotFoundWithItsField() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        let missing = UUID()
        let fields = [a.id: "fromWalletId", b.id: "toWalletId", missing: "other"]
        // The first leg fixes the asset; the missing wallet is in the second.
        expectRuleError(.walletNotFound, field: ["other"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1), PostingLeg(debit: missing, credit: b.id, amount: 1)],
                wallets: Self.index(a, b), fields: fields)
        }
        expectRuleError(.walletNotFound, field: ["other"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: missing, amount: 1)], wallets: Self.index(a, b), fields: fields)
        }
    }

    @Test func theSameWalletOnBothSidesIsSameWallet() {
        let a = Self.userWallet(balance: 100)
        expectRuleError(.sameWallet, field: ["toWalletId"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: a.id, amount: 1)], wallets: Self.index(a), fields: [a.id: "toWalletId"])
        }
    }

    @Test func walletsOfDifferentAssetsAreAMismatch() {
        let a = Self.userWallet(balance: 100)
        let g = Self.userWallet(asset: Self.gold)
        expectRuleError(.assetMismatch, field: ["toWalletId"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: g.id, amount: 1)], wallets: Self.index(a, g), fields: [g.id: "toWalletId"])
        }
    }

    @Test func aLaterLegInAnotherAssetThanTheFirstIsAMismatch() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        let g1 = Self.userWallet(balance: 100, asset: Self.gold)
        let g2 = Self.userWallet(asset: Self.gold)
        expectRuleError(.assetMismatch) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1), PostingLeg(debit: g1.id, credit: g2.id, amount: 1)],
                wallets: Self.index(a, b, g1, g2))
        }
    }

    @Test func aFrozenDebitOrCreditIsWalletFrozen() {
        let frozen = Self.userWallet(balance: 100, status: .frozen)
        let active = Self.userWallet(balance: 100)
        let fields = [frozen.id: "frozenField", active.id: "activeField"]
        let asDebit = expectRuleError(.walletFrozen, field: ["frozenField"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: frozen.id, credit: active.id, amount: 1)], wallets: Self.index(frozen, active),
                fields: fields)
        }
        #expect(asDebit?.detail == nil)
        expectRuleError(.walletFrozen, field: ["frozenField"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: active.id, credit: frozen.id, amount: 1)], wallets: Self.index(frozen, active),
                fields: fields)
        }
    }

    @Test func aFrozenSystemWalletSaysSo() {
        let funding = Self.systemWallet(.funding, status: .frozen)
        let user = Self.userWallet()
        let error = expectRuleError(.walletFrozen, field: .some(nil)) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: funding.id, credit: user.id, amount: 1)], wallets: Self.index(funding, user))
        }
        #expect(error?.detail == "system wallet")
    }

    @Test func aDebitBelowZeroIsInsufficientBalance() {
        let a = Self.userWallet(balance: 99)
        let b = Self.userWallet()
        expectRuleError(.insufficientBalance, field: ["amount"]) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 100)], wallets: Self.index(a, b))
        }
    }

    @Test func aCreditPastInt64MaxIsInvalidAmount() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet(balance: Int64.max - 5)
        let error = expectRuleError(.invalidAmount, field: ["amount"]) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 6)], wallets: Self.index(a, b))
        }
        #expect(error?.detail == "the resulting balance is out of range")
        // Exactly reaching Int64.max is fine.
        #expect(throws: Never.self) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 5)], wallets: Self.index(a, b))
        }
    }

    @Test func aNegativeWalletDebitedPastInt64MinIsInvalidAmount() {
        let funding = Self.systemWallet(.funding, balance: Int64.min + 5)
        let user = Self.userWallet()
        let error = expectRuleError(.invalidAmount, field: ["amount"]) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: funding.id, credit: user.id, amount: 6)], wallets: Self.index(funding, user))
        }
        #expect(error?.detail == "the resulting balance is out of range")
    }

    @Test func aVersionPastInt64MaxIsInvalidAmount() {
        let a = Self.userWallet(balance: 100, version: Int64.max)
        let b = Self.userWallet()
        let error = expectRuleError(.invalidAmount) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1)], wallets: Self.index(a, b))
        }
        #expect(error?.detail == "the wallet's version is out of range")
        // The credit side's version too.
        let d = Self.userWallet(balance: 100)
        let c = Self.userWallet(version: Int64.max)
        expectRuleError(.invalidAmount) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: d.id, credit: c.id, amount: 1)], wallets: Self.index(d, c))
        }
    }

    @Test func aVersionThatOverflowsOnlyOnTheSecondLegIsInvalidAmount() throws {
        let a = Self.userWallet(balance: 100, version: Int64.max - 1)
        let b = Self.userWallet()
        let one = try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1)], wallets: Self.index(a, b))
        #expect(one.entries[0].walletVersion == Int64.max)
        expectRuleError(.invalidAmount) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1), PostingLeg(debit: a.id, credit: b.id, amount: 1)],
                wallets: Self.index(a, b))
        }
    }

    // MARK: - Order: a leg that breaks two rules reports the earlier one

    @Test func nonPositiveAmountComesBeforeAMissingWallet() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        expectRuleError(.invalidAmount, field: ["amount"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1), PostingLeg(debit: UUID(), credit: b.id, amount: 0)],
                wallets: Self.index(a, b))
        }
    }

    /// The documented order puts "the amount is positive" first for every leg, the first one included.
    @Test func nonPositiveAmountComesBeforeAMissingWalletInTheFirstLeg() {
        let b = Self.userWallet()
        expectRuleError(.invalidAmount, field: ["amount"]) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: UUID(), credit: b.id, amount: 0)], wallets: Self.index(b))
        }
    }

    @Test func aMissingDebitComesBeforeAMissingCredit() {
        let a = Self.userWallet(balance: 100)
        let b = Self.userWallet()
        let (x, y) = (UUID(), UUID())
        expectRuleError(.walletNotFound, field: ["x"]) {
            try PostingPlanner.plan(
                legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1), PostingLeg(debit: x, credit: y, amount: 1)],
                wallets: Self.index(a, b), fields: [x: "x", y: "y"])
        }
    }

    @Test func aMismatchComesBeforeAFrozenWallet() {
        let a = Self.userWallet(balance: 100, status: .frozen)
        let g = Self.userWallet(asset: Self.gold, status: .frozen)
        expectRuleError(.assetMismatch) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: g.id, amount: 1)], wallets: Self.index(a, g))
        }
    }

    @Test func aFrozenWalletComesBeforeInsufficientBalance() {
        let a = Self.userWallet(balance: 0, status: .frozen)
        let b = Self.userWallet()
        expectRuleError(.walletFrozen) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1)], wallets: Self.index(a, b))
        }
    }

    @Test func insufficientBalanceComesBeforeACreditOverflow() {
        let a = Self.userWallet(balance: 0)
        let b = Self.userWallet(balance: Int64.max)
        expectRuleError(.insufficientBalance) {
            try PostingPlanner.plan(legs: [PostingLeg(debit: a.id, credit: b.id, amount: 1)], wallets: Self.index(a, b))
        }
    }
}
