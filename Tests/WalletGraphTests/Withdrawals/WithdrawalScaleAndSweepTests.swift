import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// Two regressions, each of which failed before its fix: a full batch of unrefundable holds stopped the
/// sweeper for good, and the limits and fees ignored the IDR asset's scale.
@Suite struct WithdrawalScaleAndSweepTests {
    /// The sweeper walks expired holds oldest first, `batchSize` at a time, with a keyset cursor: a whole batch
    /// that cannot be refunded (here 1 of batch 1; in production 100 of batch 100) no longer hides the expired
    /// holds behind it.
    @Test(arguments: Engine.all)
    func aFullBatchOfUnrefundableHoldsDoesNotStopTheSweeper(engine: Engine) async throws {
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
            let room = Int64.max - (try await f.reload(full).balance)
            _ = try await f.ledger.grantBonus(
                MoneyRequest(walletID: full.id, amount: room, idempotencyKey: "fill"), by: f.admin)
            clock.advance(2 * 24 * 3600)
            let swept = try await f.ledger.sweepExpiredDisbursements(batchSize: 1)
            #expect(swept.map(\.id) == [behind.disbursement.id])
            #expect(try await f.stored(stuck.disbursement).status == "PENDING")
            #expect(try await f.stored(behind.disbursement).status == "FAILED")
        }
    }

    /// The policy and the fee schedule are written in rupiah and converted to the asset's minor units: with IDR
    /// at scale 2 (ISO 4217), Rp 100.00 is below the Rp 10,000 minimum and the BCA fee is Rp 6,500.00.
    @Test(arguments: Engine.all)
    func withIdrAtScaleTwoTheLimitsAndFeesAreInRupiah(engine: Engine) async throws {
        try await withDatabase(engine, readers: 4) { pool, _ in
            try await MigrationRunner(pool: pool, migrations: Migration.embedded(engine.dialect)).migrate()
            let ledger = Ledger(
                pool: pool, configuration: LedgerConfiguration(allowSelfTopUp: true, systemShards: 4))
            let accounts = Accounts(pool: pool)
            let root = try await accounts.createUser(
                UserProfile(username: "root", name: "Root", email: "root@example.com", phone: "081200000001", nik: nil),
                passwordHash: "x", role: .admin)
            let gw = try await accounts.createUser(
                UserProfile(username: "gateway", name: "Gateway", email: "gw@example.com", phone: "081200000002", nik: nil),
                passwordHash: "x", role: .operator)
            let admin = Initiator(userID: root.id, role: .admin)
            let idr = try await ledger.createAsset(code: "IDR", name: "Rupiah", scale: 2, by: admin)
            let gold = try await ledger.createAsset(code: "GOLD", name: "Gold", scale: 4, by: admin)
            let f = LedgerFixture(
                engine: engine, pool: pool, ledger: ledger, accounts: accounts, admin: admin,
                gateway: Initiator(userID: gw.id, role: .operator), idr: idr, gold: gold)
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            _ = try await f.addMethod(alice)
            try await f.fund(wallet, 100_000_000)  // Rp 1,000,000.00
            // Rp 100.00 (10,000 minor units) is a hundredth of the documented minimum withdrawal.
            let outcome: String
            do {
                let receipt = try await f.withdraw(wallet, 10_000, by: alice)
                outcome = "held, fee \(receipt.disbursement.fee) minor units"
            } catch let error as DomainError {
                outcome = error.code.rawValue
            }
            #expect(outcome == "MINIMUM_AMOUNT")
            // Rp 10,000.00 exactly is the minimum; the BCA fee is Rp 6,500.00.
            let held = try await f.withdraw(wallet, 1_000_000, by: alice)
            #expect(held.disbursement.fee == 650_000)
            #expect(held.disbursement.remainingBalance == 100_000_000 - 1_650_000)
            let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 1_000_000, methodID: nil, by: alice)
            #expect(quote.minimum == 1_000_000 && quote.maximum == 5_000_000_000)
            #expect(quote.remainingToday == 10_000_000_000 - 1_000_000 && quote.fee == 650_000)
            // Rp 50,000,000.01 is over the maximum.
            let error = await #expect(throws: DomainError.self) { try await f.withdraw(wallet, 5_000_000_001, by: alice) }
            #expect(error?.code == .maximumAmount)
        }
    }
}
