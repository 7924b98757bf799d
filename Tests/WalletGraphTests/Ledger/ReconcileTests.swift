import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import SQLGenFixtureQueries
import WalletGraphQueries

import WalletGraph

/// Reconcile reports each kind of breach it checks for, on both engines, after the database was changed
/// behind the ledger's back.
@Suite struct ReconcileTests {
    /// Runs a raw tampering statement with `id` bound as $1 / ?1.
    static func tamper(_ f: LedgerFixture, _ postgres: String, _ sqlite: String, id: UUID) async throws {
        // Raw SQL on purpose: no generated query changes a cached balance or version outside a posting.
        try await f.pool.withConnection { connection in
            try await connection.execute(SQLStatement(unsafePostgres: postgres, sqlite: sqlite), [.uuid(id)])
        }
    }

    @Test(arguments: Engine.all)
    func aCleanLedgerCountsEverything(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 10)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean)
            #expect(report.assets == 2 && report.wallets == 2 * 5 * 4 + 1 && report.transactions == 1 && report.entries == 2)
            #expect(report.summary.hasSuffix("\nclean"))
            #expect(report.summary.hasPrefix("checked 2 assets, 41 wallets, 1 transactions, 2 entries"))
        }
    }

    /// Two wallets each near half of Int64's range: every balance fits, and so must every sum reconcile takes.
    @Test(arguments: Engine.all)
    func reconcileCopesWithLargeBalances(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            let half = Int64.max / 2 + 10
            try await f.fund(a, half)
            _ = try await f.ledger.grantBonus(MoneyRequest(walletID: b.id, amount: half, idempotencyKey: "big"), by: f.admin)
            _ = try await f.ledger.transfer(
                TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 1, idempotencyKey: "t"), by: alice)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.entries == 6)
        }
    }

    @Test(arguments: Engine.all)
    func aTamperedBalanceOrVersionIsAWalletMismatch(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 1_000)

            try await Self.tamper(
                f, "UPDATE wallets SET balance = balance + 1 WHERE id = $1", "UPDATE wallets SET balance = balance + 1 WHERE id = ?1",
                id: a.id)
            var report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            #expect(report.summary.hasSuffix("wallet mismatches: 1\nentry chain breaks: 0\nnegative wallets: 0\nunbalanced transactions: 0\npayout clearing mismatches: 0\nwithdrawal mismatches: 0\noutbox gaps: 0\nBREACHED"))
            #expect(report.walletMismatches.map(\.walletID) == [a.id])
            let mismatch = try #require(report.walletMismatches.first)
            #expect(mismatch.balance == 1_001 && mismatch.version == 1 && mismatch.entriesTotal == 1_000 && mismatch.entries == 1)
            #expect(report.assetImbalances.isEmpty && report.entryChainBreaks.isEmpty && report.unbalancedTransactions.isEmpty)

            try await Self.tamper(
                f, "UPDATE wallets SET balance = balance - 1, version = version + 1 WHERE id = $1",
                "UPDATE wallets SET balance = balance - 1, version = version + 1 WHERE id = ?1", id: a.id)
            report = try await f.ledger.reconcile()
            #expect(report.walletMismatches.map(\.walletID) == [a.id])
            #expect(report.walletMismatches.first?.balance == 1_000 && report.walletMismatches.first?.version == 2)
            #expect(report.walletMismatches.first?.entries == 1)

            // Put back, the ledger is clean again.
            try await Self.tamper(
                f, "UPDATE wallets SET version = version - 1 WHERE id = $1", "UPDATE wallets SET version = version - 1 WHERE id = ?1",
                id: a.id)
            try await f.expectClean()
        }
    }

    /// A transaction with one entry is unbalanced, and so is its asset.
    @Test(arguments: Engine.all)
    func aOneEntryTransactionIsUnbalanced(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 1_000)
            let forged = UUIDv7.make()
            let entry = UUIDv7.make()
            // Generated inserts, called directly: they bypass the ledger's planning, as a forged write would.
            let now = LedgerClock.system.now()
            try await f.pool.withTransaction { connection in
                let queries = WalletGraphQueries.Queries(connection)
                let forge = SQLGenFixtureQueries.Queries(connection)
                try await queries.insertTransaction(
                    InsertTransactionParams(
                        id: forged, type: "topup", status: "completed", assetId: f.idr.id, amount: 5, description: nil,
                        initiatorId: nil, idempotencyKey: nil, now: now))
                // The entry continues alice's chain correctly, so only the balance rules break.
                try await forge.insertLedgerEntry(
                    InsertLedgerEntryParams(
                        id: entry, transactionId: forged, line: 0, walletId: a.id, amount: 5, balanceAfter: 1_005, walletVersion: 2,
                        createdAt: now))
            }
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            let unbalanced = try #require(report.unbalancedTransactions.first)
            #expect(report.unbalancedTransactions.count == 1)
            #expect(unbalanced.transactionID == forged && unbalanced.type == "topup")
            #expect(unbalanced.entries == 1 && unbalanced.total == 5 && unbalanced.foreignAssetEntries == 0)
            #expect(unbalanced.mistimedEntries == 0)
            let imbalance = try #require(report.assetImbalances.first)
            #expect(report.assetImbalances.count == 1)
            #expect(imbalance.assetCode == "IDR" && imbalance.entries == 3 && imbalance.total == 5)
            #expect(report.walletMismatches.map(\.walletID) == [a.id])
            #expect(report.walletMismatches.first?.entriesTotal == 1_005 && report.walletMismatches.first?.entries == 2)
            #expect(report.entryChainBreaks.isEmpty)
            #expect(report.transactions == 2 && report.entries == 3)
        }
    }

    /// A transaction without entries, one whose entries are in another asset's wallets, and an entry whose
    /// balance_after is not the running total.
    @Test(arguments: Engine.all)
    func emptyForeignAndBrokenChainTransactionsAreReported(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 100)
            let (empty, foreign) = (UUIDv7.make(), UUIDv7.make())
            let brokenEntry = UUIDv7.make()
            try await f.pool.withTransaction { connection in
                let queries = WalletGraphQueries.Queries(connection)
                let forge = SQLGenFixtureQueries.Queries(connection)
                for (id, asset) in [(empty, f.idr.id), (foreign, f.gold.id)] {
                    try await queries.insertTransaction(
                        InsertTransactionParams(
                            id: id, type: "transfer", status: "completed", assetId: asset, amount: 7, description: nil,
                            initiatorId: alice.userID, idempotencyKey: nil, now: Date()))
                }
                // Two IDR entries that sum to zero, under a GOLD transaction; bob's claims the wrong balance_after.
                try await forge.insertLedgerEntry(
                    InsertLedgerEntryParams(
                        id: UUIDv7.make(), transactionId: foreign, line: 0, walletId: a.id, amount: -7, balanceAfter: 93,
                        walletVersion: 2, createdAt: Date()))
                try await forge.insertLedgerEntry(
                    InsertLedgerEntryParams(
                        id: brokenEntry, transactionId: foreign, line: 1, walletId: b.id, amount: 7, balanceAfter: 70,
                        walletVersion: 1, createdAt: Date()))
            }
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            let byID = Dictionary(uniqueKeysWithValues: report.unbalancedTransactions.map { ($0.transactionID, $0) })
            #expect(byID.count == 2)
            #expect(byID[empty]?.entries == 0 && byID[empty]?.total == 0 && byID[empty]?.foreignAssetEntries == 0)
            #expect(byID[foreign]?.entries == 2 && byID[foreign]?.total == 0 && byID[foreign]?.foreignAssetEntries == 2)
            #expect(byID[foreign]?.type == "transfer")
            #expect(report.assetImbalances.isEmpty)
            #expect(report.entryChainBreaks.map(\.entryID) == [brokenEntry])
            let chainBreak = try #require(report.entryChainBreaks.first)
            #expect(chainBreak.walletID == b.id && chainBreak.balanceAfter == 70 && chainBreak.runningTotal == 7)
            #expect(chainBreak.walletVersion == 1 && chainBreak.position == 1)
            #expect(Set(report.walletMismatches.map(\.walletID)) == [a.id, b.id])
        }
    }

    /// History pages find transactions through their entries' time, so an entry dated differently from its
    /// transaction is a breach.
    @Test(arguments: Engine.all)
    func aTransactionDatedAwayFromItsEntriesIsReported(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let receipt = try await f.fund(a, 10)
            try await f.expectClean()
            try await Self.tamper(
                f, "UPDATE transactions SET created_at = created_at + interval '1 second' WHERE id = $1",
                "UPDATE transactions SET created_at = created_at + 1000000 WHERE id = ?1", id: receipt.transaction.id)
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            let breach = try #require(report.unbalancedTransactions.first)
            #expect(report.unbalancedTransactions.count == 1)
            #expect(breach.transactionID == receipt.transaction.id && breach.mistimedEntries == 2)
            #expect(breach.entries == 2 && breach.total == 0 && breach.foreignAssetEntries == 0)
        }
    }

    /// The payout-clearing wallets must hold exactly the open withdrawals: a withdrawal's fee changed behind
    /// the ledger's back breaks it, and only it.
    @Test(arguments: Engine.all)
    func clearingThatDoesNotMatchOpenWithdrawalsIsReported(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 200_000)
            _ = try await f.ledger.addDisbursementMethod(
                NewDisbursementMethod(
                    type: .bankTransfer, provider: .bca, accountNumber: "1234567890", accountHolderName: "Alice"),
                by: alice)
            let held = try await f.ledger.withdraw(
                WithdrawRequest(walletID: wallet.id, amount: 50_000, idempotencyKey: "w-1"), by: alice)
            #expect(try await f.ledger.reconcile().isClean)
            try await Self.tamper(
                f, "UPDATE disbursements SET fee = fee + 1 WHERE id = $1",
                "UPDATE disbursements SET fee = fee + 1 WHERE id = ?1", id: held.disbursement.id)
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            let mismatch = try #require(report.clearingMismatches.first)
            #expect(report.clearingMismatches.count == 1)
            #expect(mismatch.assetCode == "IDR" && mismatch.clearingBalance == 56_500 && mismatch.openWithdrawals == 56_501)
            #expect(mismatch.walletID == held.disbursement.clearingWalletID)
            // The row's total no longer matches what its hold moved.
            let withdrawal = try #require(report.withdrawalMismatches.first)
            #expect(report.withdrawalMismatches.count == 1)
            #expect(withdrawal.referenceID == held.disbursement.referenceID && withdrawal.total == 56_501)
            #expect(withdrawal.heldFromWallet == -56_500 && withdrawal.heldInClearing == 56_500)
            #expect(report.walletMismatches.isEmpty && report.unbalancedTransactions.isEmpty)
            #expect(report.summary.contains("payout clearing mismatches: 1\nwithdrawal mismatches: 1"))
            // The clearing wallet cannot pay out more than it holds, so the forged fee cannot be settled.
            _ = try await f.ledger.processDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            let error = await #expect(throws: DomainError.self) {
                try await f.ledger.completeDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            }
            #expect(error?.code == .insufficientBalance)
        }
    }

    /// Per shard and per withdrawal: a withdrawal moved to another clearing shard (the totals still agree), a
    /// hold's transaction status out of step with its withdrawal, and a failed withdrawal whose row names a wallet
    /// the refund did not reach.
    @Test(arguments: Engine.all)
    func withdrawalsThatDisagreeWithTheirTransactionsAreReported(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let other = try await f.wallet(alice)
            try await f.fund(wallet, 500_000)
            _ = try await f.ledger.addDisbursementMethod(
                NewDisbursementMethod(
                    type: .bankTransfer, provider: .bca, accountNumber: "1234567890", accountHolderName: "Alice"),
                by: alice)
            func withdraw(_ key: String) async throws -> DisbursementRecord {
                try await f.ledger.withdraw(WithdrawRequest(walletID: wallet.id, amount: 50_000, idempotencyKey: key), by: alice)
                    .disbursement
            }
            let moved = try await withdraw("moved")
            let restatused = try await withdraw("restatused")
            let refunded = try await withdraw("refunded")
            _ = try await f.ledger.failDisbursement(referenceID: refunded.referenceID, reason: "bank down", by: f.gateway)
            #expect(try await f.ledger.reconcile().isClean)

            let shards = try await f.ledger.systemWallets(asset: f.idr.id).filter { $0.purpose == .payoutClearing }
            let elsewhere = try #require(shards.first { $0.id != moved.clearingWalletID })
            try await f.pool.withConnection { connection in
                try await connection.execute(
                    SQLStatement(
                        unsafePostgres: "UPDATE disbursements SET clearing_wallet_id = $1 WHERE id = $2",
                        sqlite: "UPDATE disbursements SET clearing_wallet_id = ?1 WHERE id = ?2"),
                    [.uuid(elsewhere.id), .uuid(moved.id)])
            }
            try await Self.tamper(
                f, "UPDATE transactions SET status = 'completed' WHERE id = $1",
                "UPDATE transactions SET status = 'completed' WHERE id = ?1", id: restatused.holdTransactionID)
            try await f.pool.withConnection { connection in
                try await connection.execute(
                    SQLStatement(
                        unsafePostgres: "UPDATE disbursements SET wallet_id = $1 WHERE id = $2",
                        sqlite: "UPDATE disbursements SET wallet_id = ?1 WHERE id = ?2"),
                    [.uuid(other.id), .uuid(refunded.id)])
            }
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            // The two shards disagree in opposite directions; a per-asset total would have been clean.
            #expect(Set(report.clearingMismatches.map(\.walletID)) == [moved.clearingWalletID, elsewhere.id])
            #expect(report.clearingMismatches.map(\.clearingBalance).reduce(0, +)
                == report.clearingMismatches.map(\.openWithdrawals).reduce(0, +))
            let byReference = Dictionary(uniqueKeysWithValues: report.withdrawalMismatches.map { ($0.referenceID, $0) })
            #expect(Set(byReference.keys) == [moved.referenceID, restatused.referenceID, refunded.referenceID])
            #expect(byReference[moved.referenceID]?.heldInClearing == 0)
            #expect(byReference[restatused.referenceID]?.holdStatus == "completed")
            #expect(byReference[refunded.referenceID]?.refundedToWallet == 0)
            #expect(byReference[refunded.referenceID]?.heldFromWallet == 0)
            #expect(report.walletMismatches.isEmpty && report.unbalancedTransactions.isEmpty && report.assetImbalances.isEmpty)
        }
    }

    /// A transaction written without its TRANSACTION_CREATED event (a forged write, or an event lost) is an outbox
    /// gap; every posted one has exactly one.
    @Test(arguments: Engine.all)
    func aTransactionWithoutItsEventIsAnOutboxGap(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            try await f.fund(try await f.wallet(alice), 10)
            #expect(try await f.ledger.reconcile().isClean)
            let forged = UUIDv7.make()
            try await f.pool.withTransaction { connection in
                try await WalletGraphQueries.Queries(connection).insertTransaction(
                    InsertTransactionParams(
                        id: forged, type: "topup", status: "completed", assetId: f.idr.id, amount: 5, description: nil,
                        initiatorId: nil, idempotencyKey: nil, now: Date()))
            }
            let report = try await f.ledger.reconcile()
            #expect(!report.isClean)
            #expect(report.outboxGaps.map(\.transactionID) == [forged] && report.outboxGaps.map(\.events) == [0])
            #expect(report.summary.contains("outbox gaps: 1"))
        }
    }
}
