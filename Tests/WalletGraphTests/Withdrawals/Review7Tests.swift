import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// Review of issue 7: defects found, each a failing test until fixed.
@Suite struct Review7Tests {
    /// The sweeper lists expired holds oldest first, `batchSize` at a time, and stops when a whole batch made no
    /// progress. When a full batch is unrefundable (here 1 of batch 1; in production 100 of batch 100), every
    /// sweep stops at the same rows and the expired holds behind them are never refunded.
    @Test(arguments: Engine.all)
    func aFullBatchOfUnrefundableHoldsStopsTheSweeperForever(engine: Engine) async throws {
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
            // Sweep as often as you like: the hold behind the unrefundable one stays PENDING.
            for _ in 0..<3 { _ = try? await f.ledger.sweepExpiredDisbursements(batchSize: 1) }
            #expect(try await f.stored(stuck.disbursement).status == "PENDING")
            #expect(try await f.stored(behind.disbursement).status == "FAILED")
        }
    }

    /// The withdrawal policy (minimum, maximum, daily limit) and the fee schedule are raw minor units, and the
    /// only asset check is the code "IDR". `createAsset` accepts IDR at any scale, and ISO 4217 gives IDR two
    /// decimals: with IDR at scale 2, Rp 100.00 passes the Rp 10,000 minimum and the BCA fee is Rp 65.00.
    @Test(arguments: Engine.all)
    func withIdrAtScaleTwoTheLimitsAndFeesAreAHundredTimesTooSmall(engine: Engine) async throws {
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
            try await f.fund(wallet, 1_000_000)  // Rp 10,000.00
            // Rp 100.00 (10,000 minor units) is a hundredth of the documented minimum withdrawal.
            let outcome: String
            do {
                let receipt = try await f.withdraw(wallet, 10_000, by: alice)
                outcome = "held, fee \(receipt.disbursement.fee) minor units"
            } catch let error as DomainError {
                outcome = error.code.rawValue
            }
            #expect(outcome == "MINIMUM_AMOUNT")
        }
    }
}
