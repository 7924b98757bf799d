import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Every way a withdrawal is refused, with its exact code and field, in the documented order, each leaving
/// nothing written: balances, transactions, entries, disbursements and idempotency keys.
@Suite struct WithdrawalValidationTests {
    /// A small daily limit, so that tests need small amounts.
    static let smallLimit = WithdrawalPolicy(dailyLimit: 30_000)

    @Test(arguments: Engine.all)
    func theSeededBcaFeeIsExactly6500AndTheHoldMovesAmountPlusFee(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            let method = try await f.addMethod(alice, .bca)
            let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 50_000, methodID: nil, by: alice)
            #expect(quote.fee == 6_500 && quote.totalDebit == 56_500 && quote.method.id == method.id)
            #expect(quote.minimum == 10_000 && quote.maximum == 50_000_000 && quote.remainingToday == 100_000_000)

            let clearingBefore = try await f.systemBalance(.payoutClearing)
            let held = try await f.ledger.withdraw(
                WithdrawRequest(walletID: wallet.id, amount: 50_000, idempotencyKey: "w1", description: "rent"), by: alice)
            let d = held.disbursement
            #expect(d.fee == 6_500 && d.amount == 50_000 && d.totalDebit == 56_500 && d.status == .pending)
            #expect(d.userID == alice.userID && d.walletID == wallet.id && d.methodID == method.id && d.assetID == f.idr.id)
            #expect(d.remainingBalance == 43_500 && d.description == "rent" && d.failureReason == nil)
            #expect(d.settlementTransactionID == nil && d.refundTransactionID == nil && d.transactionIDs == [d.holdTransactionID])
            #expect(d.referenceID == d.referenceID.lowercased() && UUID(uuidString: d.referenceID) != nil)
            #expect(!held.receipt.replayed && held.receipt.transaction.id == d.holdTransactionID)
            #expect(held.receipt.transaction.type == .withdrawal && held.receipt.transaction.status == .pending)
            #expect(held.receipt.transaction.amount == 50_000 && held.receipt.transaction.initiatorID == alice.userID)
            // Leg 1 the amount, leg 2 the fee, both into the clearing shard that the row names.
            #expect(held.receipt.entries.map(\.amount) == [-50_000, 50_000, -6_500, 6_500])
            #expect(held.receipt.entries.map(\.walletID) == [wallet.id, d.clearingWalletID, wallet.id, d.clearingWalletID])
            try await f.expectSystemWallet(d.clearingWalletID, .payoutClearing, asset: f.idr)
            #expect(try await f.reload(wallet).balance == 43_500)
            #expect(try await f.systemBalance(.payoutClearing) == clearingBefore + 56_500)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func theSeededFeeScheduleReachesTheLedger(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            // (provider, amount, fee): banks flat, e-wallets a percentage raised to a minimum and capped.
            let cases: [(DisbursementProvider, Int64, Int64)] = [
                (.bca, 10_000, 6_500), (.bca, 50_000_000, 6_500), (.mandiri, 10_000, 6_500), (.bni, 10_000, 6_500),
                (.bri, 10_000, 6_500), (.cimbNiaga, 10_000, 6_500), (.permata, 10_000, 6_500), (.bsi, 10_000, 4_000),
                (.gopay, 10_000, 1_000), (.gopay, 150_000, 1_500), (.gopay, 150_001, 1_501), (.gopay, 50_000_000, 10_000),
                (.ovo, 100_001, 1_501), (.ovo, 50_000_000, 15_000), (.dana, 250_000, 2_500), (.linkAja, 10_000, 1_000),
                (.linkAja, 50_000_000, 1_000), (.shopeePay, 10_000, 1_500), (.shopeePay, 200_000, 3_000),
            ]
            var methods: [DisbursementProvider: DisbursementMethodRecord] = [:]
            for provider in DisbursementProvider.allCases { methods[provider] = try await f.addMethod(alice, provider) }
            for (provider, amount, fee) in cases {
                let method = try #require(methods[provider])
                let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: amount, methodID: method.id, by: alice)
                #expect(quote.fee == fee && quote.totalDebit == amount + fee, "\(provider) \(amount)")
            }
            // And a real hold to an e-wallet charges the percentage: 1.5 % of 100,001 rounds up to 1,501.
            try await f.fund(wallet, 101_502)
            let held = try await f.withdraw(wallet, 100_001, by: alice, method: methods[.ovo]?.id)
            #expect(held.disbursement.fee == 1_501 && held.disbursement.remainingBalance == 0)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func aWalletTheInitiatorDoesNotOwnIsWalletNotFound(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let mallory = try await f.user("mallory")
            let victim = try await f.wallet(alice)
            try await f.fund(victim, 1_000_000)
            _ = try await f.addMethod(alice)
            _ = try await f.addMethod(mallory)
            let gold = try await f.wallet(alice, "GOLD")
            let clearing = try #require(try await f.ledger.systemWallets(asset: f.idr.id).first { $0.purpose == .payoutClearing })
            for initiator in [mallory, f.admin, f.gateway] {
                for walletID in [victim.id, gold.id, clearing.id, UUID()] {
                    try await f.expectNothingWritten(.walletNotFound, field: ["walletId"], wallets: [victim]) {
                        try await f.ledger.withdraw(
                            WithdrawRequest(walletID: walletID, amount: 10_000, idempotencyKey: "steal"), by: initiator)
                    }
                    await expectDomainError(.walletNotFound, field: ["walletId"]) {
                        try await f.ledger.quoteWithdrawal(walletID: walletID, amount: 10_000, methodID: nil, by: initiator)
                    }
                }
            }
        }
    }

    @Test(arguments: Engine.all)
    func theChecksRunInTheDocumentedOrder(engine: Engine) async throws {
        try await withWithdrawals(engine, policy: Self.smallLimit) { f in
            let alice = try await f.user("alice")
            let gold = try await f.wallet(alice, "GOLD")
            try await f.fund(gold, 1_000_000)
            let empty = try await f.wallet(alice)
            // No method at all, an empty wallet: each earlier rule wins over every later one.
            try await f.expectNothingWritten(.assetNotSupported, field: ["walletId"], wallets: [gold]) {
                try await f.withdraw(gold, 5, by: alice)  // below the minimum too
            }
            try await f.expectNothingWritten(.assetNotSupported, field: ["walletId"], wallets: [gold]) {
                try await f.withdraw(gold, 90_000_000, by: alice)  // above the maximum and the daily limit too
            }
            await expectDomainError(.assetNotSupported, field: ["walletId"]) {
                try await f.ledger.quoteWithdrawal(walletID: gold.id, amount: 10_000, methodID: nil, by: alice)
            }
            try await f.expectNothingWritten(.minimumAmount, field: ["amount"], wallets: [empty]) {
                try await f.withdraw(empty, 9_999, by: alice, method: UUID())
            }
            try await f.expectNothingWritten(.maximumAmount, field: ["amount"], wallets: [empty]) {
                try await f.withdraw(empty, 50_000_001, by: alice, method: UUID())  // over the daily limit too
            }
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [empty]) {
                try await f.withdraw(empty, 30_001, by: alice, method: UUID())
            }
            try await f.expectNothingWritten(.methodNotFound, field: ["methodId"], wallets: [empty]) {
                try await f.withdraw(empty, 30_000, by: alice)
            }
            _ = try await f.addMethod(alice)
            try await f.expectNothingWritten(.insufficientBalance, field: ["amount"], wallets: [empty]) {
                try await f.withdraw(empty, 30_000, by: alice)
            }
            // Amounts the request alone rules out come first of all.
            for amount: Int64 in [0, -10_000] {
                try await f.expectNothingWritten(.invalidAmount, field: ["amount"]) {
                    try await f.ledger.withdraw(WithdrawRequest(walletID: UUID(), amount: amount, idempotencyKey: "k"), by: alice)
                }
            }
            try await f.expectNothingWritten(.invalidIdempotencyKey) {
                try await f.ledger.withdraw(WithdrawRequest(walletID: empty.id, amount: 10_000, idempotencyKey: ""), by: alice)
            }
        }
    }

    @Test(arguments: Engine.all)
    func theMinimumAndMaximumAreInclusive(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 50_100_000)
            _ = try await f.addMethod(alice)
            try await f.expectNothingWritten(.minimumAmount, field: ["amount"], wallets: [wallet]) { try await f.withdraw(wallet, 9_999, by: alice) }
            try await f.expectNothingWritten(.maximumAmount, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 50_000_001, by: alice)
            }
            let least = try await f.withdraw(wallet, 10_000, by: alice)
            #expect(least.disbursement.amount == 10_000 && least.disbursement.remainingBalance == 50_083_500)
            let most = try await f.withdraw(wallet, 50_000_000, by: alice)
            #expect(most.disbursement.amount == 50_000_000 && most.disbursement.remainingBalance == 77_000)
            #expect(try await f.reload(wallet).balance == 77_000)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func insufficientWhenTheAmountFitsButNotTheFee(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 16_499)
            _ = try await f.addMethod(alice)
            try await f.expectNothingWritten(.insufficientBalance, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            let error = try await f.expectNothingWritten(.insufficientBalance, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 16_499, by: alice)
            }
            #expect(error?.message(in: .indonesian).hasPrefix("Saldo dompet tidak mencukupi") == true)
            try await f.fund(wallet, 1)
            let exact = try await f.withdraw(wallet, 10_000, by: alice)
            #expect(exact.disbursement.remainingBalance == 0)
            #expect(try await f.reload(wallet).balance == 0)
            try await f.expectSound()
        }
    }

    /// A frozen wallet cannot be withdrawn from, and says so before any rule about the amount (as spend and
    /// transfer do).
    @Test(arguments: Engine.all)
    func aFrozenWalletIsWalletFrozen(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            _ = try await f.addMethod(alice)
            _ = try await f.ledger.freezeWallet(wallet.id, by: f.admin)
            try await f.expectNothingWritten(.walletFrozen, field: ["walletId"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            // Below the minimum and above the balance: still the freeze first.
            try await f.expectNothingWritten(.walletFrozen, field: ["walletId"], wallets: [wallet]) {
                try await f.withdraw(wallet, 5_000, by: alice)
            }
            try await f.expectNothingWritten(.walletFrozen, field: ["walletId"], wallets: [wallet]) {
                try await f.withdraw(wallet, 1_000_000, by: alice)
            }
            _ = try await f.ledger.unfreezeWallet(wallet.id, by: f.admin)
            _ = try await f.withdraw(wallet, 10_000, by: alice)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func theDailyLimitCountsAmountsNotFeesAndNotFailedWithdrawals(engine: Engine) async throws {
        try await withWithdrawals(engine, policy: Self.smallLimit) { f in
            let alice = try await f.user("alice")
            let one = try await f.wallet(alice)
            let two = try await f.wallet(alice)
            try await f.fund(one, 100_000)
            try await f.fund(two, 100_000)
            _ = try await f.addMethod(alice)
            let first = try await f.withdraw(one, 10_000, by: alice)
            // 10,000 + 6,500 and 20,000 + 6,500 left the wallets: 43,000 > 30,000, but fees are not counted.
            _ = try await f.withdraw(two, 20_000, by: alice)
            #expect(try await f.ledger.quoteWithdrawal(walletID: one.id, amount: 10_000, methodID: nil, by: alice).remainingToday == 0)
            // The limit is the user's, across wallets.
            for wallet in [one, two] {
                try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [one, two]) {
                    try await f.withdraw(wallet, 10_000, by: alice)
                }
            }
            // Another user's withdrawals are theirs.
            let bob = try await f.user("bob")
            let bobs = try await f.wallet(bob)
            try await f.fund(bobs, 100_000)
            _ = try await f.addMethod(bob)
            _ = try await f.withdraw(bobs, 30_000, by: bob)
            // A PROCESSING withdrawal still counts; a FAILED one does not.
            _ = try await f.ledger.processDisbursement(referenceID: first.disbursement.referenceID, by: f.gateway)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"]) { try await f.withdraw(one, 10_000, by: alice) }
            _ = try await f.ledger.failDisbursement(referenceID: first.disbursement.referenceID, reason: "bank offline", by: f.gateway)
            #expect(try await f.ledger.quoteWithdrawal(walletID: one.id, amount: 10_000, methodID: nil, by: alice).remainingToday == 10_000)
            _ = try await f.withdraw(one, 10_000, by: alice)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"]) { try await f.withdraw(two, 10_000, by: alice) }
            try await f.expectSound()
        }
    }

    /// The default limit, Rp 100,000,000: two maximum withdrawals use it up; completed ones count.
    @Test(arguments: Engine.all)
    func theDefaultDailyLimitIsOneHundredMillion(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 200_000_000)
            _ = try await f.addMethod(alice)
            let first = try await f.withdraw(wallet, 50_000_000, by: alice)
            _ = try await f.ledger.processDisbursement(referenceID: first.disbursement.referenceID, by: f.gateway)
            _ = try await f.ledger.completeDisbursement(referenceID: first.disbursement.referenceID, by: f.gateway)
            _ = try await f.withdraw(wallet, 49_990_000, by: alice)
            let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: nil, by: alice)
            #expect(quote.remainingToday == 10_000)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_001, by: alice)
            }
            _ = try await f.withdraw(wallet, 10_000, by: alice)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            #expect(try await f.reload(wallet).balance == 200_000_000 - 100_000_000 - 3 * 6_500)
            try await f.expectSound()
        }
    }

    /// The day is Asia/Jakarta's: 16:59:59Z is still yesterday there, 17:00:00Z is a new day.
    @Test(arguments: Engine.all)
    func theDailyLimitResetsAtMidnightInJakarta(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T10:00:00Z"))
        try await withWithdrawals(engine, policy: Self.smallLimit, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            _ = try await f.addMethod(alice)
            _ = try await f.withdraw(wallet, 20_000, by: alice)  // 17:00 in Jakarta on the 21st
            clock.set(ManualClock.utc("2026-11-21T16:59:59Z"))  // 23:59:59 in Jakarta, the same day
            _ = try await f.withdraw(wallet, 10_000, by: alice)
            clock.set(ManualClock.utc("2026-11-21T16:59:59Z").addingTimeInterval(0.5))
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            clock.set(ManualClock.utc("2026-11-21T17:00:00Z"))  // midnight in Jakarta: the 22nd
            #expect(try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: nil, by: alice).remainingToday == 30_000)
            _ = try await f.withdraw(wallet, 30_000, by: alice)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            // UTC midnight is not a new day in Jakarta.
            clock.set(ManualClock.utc("2026-11-22T00:00:00Z"))
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func aRepeatedKeyReplaysTheSameWithdrawalAndADifferentRequestConflicts(engine: Engine) async throws {
        try await withWithdrawals(engine, policy: Self.smallLimit) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            let method = try await f.addMethod(alice)
            let first = try await f.withdraw(wallet, 30_000, by: alice, key: "once")
            let before = try await f.footprint()
            // The daily limit is used up, yet the same request is answered with the same withdrawal.
            let again = try await f.withdraw(wallet, 30_000, by: alice, key: "once")
            #expect(again.receipt.replayed && again.disbursement == first.disbursement)
            #expect(again.receipt.transaction.id == first.receipt.transaction.id)
            #expect(try await f.footprint() == before)
            // Later, the replay shows where the withdrawal stands now.
            _ = try await f.ledger.processDisbursement(referenceID: first.disbursement.referenceID, by: f.gateway)
            _ = try await f.ledger.removeDisbursementMethod(method.id, by: alice)
            let later = try await f.withdraw(wallet, 30_000, by: alice, key: "once")
            #expect(later.receipt.replayed && later.disbursement.id == first.disbursement.id && later.disbursement.status == .processing)

            let conflict = try await f.expectNothingWritten(.idempotencyConflict, field: ["idempotencyKey"], wallets: [wallet]) {
                try await f.withdraw(wallet, 20_000, by: alice, key: "once")
            }
            #expect(conflict?.differingFields == ["amount"])
            // The key of another operation is a conflict too, not a withdrawal.
            _ = try await f.ledger.spend(MoneyRequest(walletID: wallet.id, amount: 1, idempotencyKey: "spent"), by: alice)
            let other = try await f.expectNothingWritten(.idempotencyConflict, field: ["idempotencyKey"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice, key: "spent")
            }
            #expect(other?.differingFields.contains("operation") == true)
            // Keys are per user: bob's "once" is his own.
            let bob = try await f.user("bob")
            let bobs = try await f.wallet(bob)
            try await f.fund(bobs, 100_000)
            _ = try await f.addMethod(bob)
            #expect(try await !f.withdraw(bobs, 30_000, by: bob, key: "once").receipt.replayed)
            try await f.expectSound()
        }
    }
}
