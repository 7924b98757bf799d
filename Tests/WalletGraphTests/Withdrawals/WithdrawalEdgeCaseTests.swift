import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// The corners: a zero fee, amounts near `Int64.max`, malformed descriptions, and a sweep with a row it cannot
/// refund.
@Suite struct WithdrawalEdgeCaseTests {
    /// With a fee of zero (a schedule row changed by hand: none is seeded), hold, settlement and refund each
    /// write one leg, and no fee reaches revenue.
    @Test(arguments: Engine.all)
    func aZeroFeeWritesNoFeeLegs(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            try await f.pool.withConnection { connection in
                try await connection.execute(SQLStatement(unsafeSQL: "UPDATE disbursement_fees SET flat_fee = 0 WHERE provider = 'BCA'"), [])
            }
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            _ = try await f.addMethod(alice)
            let revenue = try await f.systemBalance(.feeRevenue)
            let paid = try await f.withdraw(wallet, 40_000, by: alice)
            #expect(paid.disbursement.fee == 0 && paid.receipt.entries.map(\.amount) == [-40_000, 40_000])
            _ = try await f.ledger.processDisbursement(referenceID: paid.disbursement.referenceID, by: f.gateway)
            let settled = try await f.ledger.completeDisbursement(referenceID: paid.disbursement.referenceID, by: f.gateway)
            #expect(try await f.transactionRecord(settled.settlementTransactionID).entries.map(\.amount) == [-40_000, 40_000])
            let refunded = try await f.withdraw(wallet, 60_000, by: alice)
            #expect(refunded.disbursement.remainingBalance == 0)
            let failed = try await f.ledger.failDisbursement(referenceID: refunded.disbursement.referenceID, reason: "no", by: f.gateway)
            #expect(try await f.transactionRecord(failed.refundTransactionID).entries.map(\.amount) == [-60_000, 60_000])
            #expect(try await f.reload(wallet).balance == 60_000)
            #expect(try await f.systemBalance(.feeRevenue) == revenue)
            try await f.expectSound()
        }
    }

    /// With the limits lifted, amounts near `Int64.max` are INVALID_AMOUNT or DAILY_LIMIT_EXCEEDED, never a
    /// wrapped number or an SQL error.
    @Test(arguments: Engine.all)
    func amountsNearInt64MaxAreRefusedCleanly(engine: Engine) async throws {
        let unlimited = WithdrawalPolicy(maximum: Int64.max, dailyLimit: Int64.max)
        try await withWithdrawals(engine, policy: unlimited) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, Int64.max - 1)
            let bca = try await f.addMethod(alice, .bca)
            let ovo = try await f.addMethod(alice, .ovo)
            // amount + 6,500 leaves Int64.
            try await f.expectNothingWritten(.invalidAmount, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, Int64.max - 6_000, by: alice, method: bca.id)
            }
            // amount × 150 basis points leaves Int64.
            try await f.expectNothingWritten(.invalidAmount, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, Int64.max / 100, by: alice, method: ovo.id)
            }
            await expectDomainError(.invalidAmount, field: ["amount"]) {
                try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: Int64.max - 6_000, methodID: bca.id, by: alice)
            }
            // What is already withdrawn today plus this amount leaves Int64: over the limit, not wrapped below it.
            let half = Int64.max / 2
            _ = try await f.withdraw(wallet, half, by: alice, method: bca.id)
            try await f.expectNothingWritten(.dailyLimitExceeded, field: ["amount"], wallets: [wallet]) {
                try await f.withdraw(wallet, half + 2, by: alice, method: bca.id)
            }
            let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: bca.id, by: alice)
            #expect(quote.remainingToday == Int64.max - half)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func aMalformedDescriptionIsInvalidInput(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            _ = try await f.addMethod(alice)
            for description in [String(repeating: "x", count: 501), "bell\u{7}", "pay \u{202E}000,01", "iso\u{2066}late"] {
                try await f.expectNothingWritten(.invalidInput, field: ["description"], wallets: [wallet]) {
                    try await f.ledger.withdraw(
                        WithdrawRequest(walletID: wallet.id, amount: 10_000, idempotencyKey: "d", description: description), by: alice)
                }
            }
            let empty = try await f.ledger.withdraw(
                WithdrawRequest(walletID: wallet.id, amount: 10_000, idempotencyKey: "e", description: ""), by: alice)
            #expect(empty.disbursement.description == nil)
            // Other format characters stay allowed: the zero-width joiner of an emoji sequence.
            let family = "rent 👨\u{200D}👩\u{200D}👧"
            let joined = try await f.ledger.withdraw(
                WithdrawRequest(walletID: wallet.id, amount: 10_000, idempotencyKey: "j", description: family), by: alice)
            #expect(joined.disbursement.description == family)
            let longest = String(repeating: "x", count: 500)
            let long = try await f.ledger.withdraw(
                WithdrawRequest(walletID: wallet.id, amount: 10_000, idempotencyKey: "l", description: longest), by: alice)
            #expect(long.disbursement.description == longest && long.receipt.transaction.description == longest)
        }
    }

    /// One expired withdrawal whose refund cannot be written (its wallet is at `Int64.max`) must not stop the
    /// sweeper from refunding the others (before the fix, the sweep threw at that row, oldest first, so every
    /// later sweep stopped there too).
    @Test(arguments: Engine.all)
    func oneUnrefundableWithdrawalDoesNotBlockTheSweeper(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T01:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let full = try await f.wallet(alice)
            let other = try await f.wallet(alice)
            _ = try await f.addMethod(alice)
            try await f.fund(full, 100_000)
            try await f.fund(other, 100_000)
            let stuck = try await f.withdraw(full, 10_000, by: alice)
            let behind = try await f.withdraw(other, 10_000, by: alice)
            // A bonus fills the wallet to the top: the refund's credit would leave Int64.
            let room = Int64.max - (try await f.reload(full).balance)
            _ = try await f.ledger.grantBonus(MoneyRequest(walletID: full.id, amount: room, idempotencyKey: "fill"), by: f.admin)
            clock.advance(2 * 24 * 3600)
            let swept = try? await f.ledger.sweepExpiredDisbursements()
            #expect(swept?.map(\.id) == [behind.disbursement.id])
            #expect(try await f.stored(behind.disbursement).status == "FAILED")
            #expect(try await f.stored(stuck.disbursement).status == "PENDING")
            try await f.expectSound()
        }
    }
}
