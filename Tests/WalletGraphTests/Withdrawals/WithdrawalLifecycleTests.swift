import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// The two phases of a withdrawal: the hold, then PROCESSING and COMPLETED (paid out, fee to revenue) or FAILED
/// (refunded in full), with exact balances, idempotent repeats and illegal transitions writing nothing.
@Suite struct WithdrawalLifecycleTests {
    /// IDR balances of the user wallet and of each system purpose involved.
    struct Balances: Equatable {
        let wallet: Int64
        let clearing: Int64
        let funding: Int64
        let revenue: Int64
    }

    static func balances(_ f: LedgerFixture, _ wallet: WalletRecord) async throws -> Balances {
        Balances(
            wallet: try await f.reload(wallet).balance, clearing: try await f.systemBalance(.payoutClearing),
            funding: try await f.systemBalance(.funding), revenue: try await f.systemBalance(.feeRevenue))
    }

    /// A user with a funded IDR wallet and a BCA method.
    static func setUp(_ f: LedgerFixture, funds: Int64 = 100_000) async throws -> (Initiator, WalletRecord) {
        let alice = try await f.user("alice")
        let wallet = try await f.wallet(alice)
        try await f.fund(wallet, funds)
        _ = try await f.addMethod(alice, .bca)
        return (alice, wallet)
    }

    @Test(arguments: Engine.all)
    func completePaysTheAmountOutAndTheFeeToRevenue(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f)
            let start = try await Self.balances(f, wallet)
            let held = try await f.withdraw(wallet, 50_000, by: alice)
            let reference = held.disbursement.referenceID
            let afterHold = try await Self.balances(f, wallet)
            #expect(afterHold == Balances(wallet: 43_500, clearing: start.clearing + 56_500, funding: start.funding, revenue: start.revenue))
            let clearingShard = try await f.reload(try #require(try await f.ledger.wallet(held.disbursement.clearingWalletID)))

            // Processing writes no ledger transaction: only its status event.
            let ledgerBefore = try await f.footprint()
            let processing = try await f.ledger.processDisbursement(referenceID: reference, by: f.gateway)
            #expect(processing.status == .processing && processing.processedBy == f.gateway.userID && processing.processingAt != nil)
            #expect(processing.resolvedAt == nil && processing.resolvedBy == nil)
            let afterProcessing = try await f.footprint()
            var expectedRows = ledgerBefore.rows
            expectedRows["events", default: 0] += 1
            #expect(afterProcessing.rows == expectedRows && afterProcessing.wallets == ledgerBefore.wallets)
            #expect(try await Self.balances(f, wallet) == afterHold)
            // Again: the same row, nothing written.
            let repeated = try await f.footprint()
            #expect(try await f.ledger.processDisbursement(referenceID: reference, by: f.admin) == processing)
            #expect(try await f.footprint() == repeated)

            let completed = try await f.ledger.completeDisbursement(referenceID: reference, by: f.admin)
            #expect(completed.status == .completed && completed.resolvedBy == f.admin.userID && completed.resolvedAt != nil)
            #expect(completed.processedBy == f.gateway.userID && completed.refundTransactionID == nil)
            let settlementID = try #require(completed.settlementTransactionID)
            #expect(completed.transactionIDs == [held.disbursement.holdTransactionID, settlementID])
            #expect(completed.amount == 50_000 && completed.fee == 6_500 && completed.remainingBalance == 43_500)
            #expect(
                try await Self.balances(f, wallet)
                    == Balances(wallet: 43_500, clearing: start.clearing, funding: start.funding + 50_000, revenue: start.revenue + 6_500))
            // The settlement comes out of the very shard that took the hold, which is back where it was.
            let settlement = try await f.transactionRecord(settlementID)
            #expect(settlement.transaction.type == .withdrawalSettlement && settlement.transaction.status == .completed)
            #expect(settlement.transaction.amount == 50_000 && settlement.transaction.initiatorID == f.admin.userID)
            #expect(settlement.entries.map(\.amount) == [-50_000, 50_000, -6_500, 6_500])
            #expect(settlement.entries[0].walletID == held.disbursement.clearingWalletID)
            #expect(settlement.entries[2].walletID == held.disbursement.clearingWalletID)
            #expect(try await f.reload(clearingShard).balance == clearingShard.balance - 56_500)
            try await f.expectSystemWallet(settlement.entries[1].walletID, .funding, asset: f.idr)
            try await f.expectSystemWallet(settlement.entries[3].walletID, .feeRevenue, asset: f.idr)
            #expect(try await f.transactionRecord(held.disbursement.holdTransactionID).transaction.status == .completed)

            // Completing again answers the same row and writes nothing.
            let settled = try await f.footprint()
            #expect(try await f.ledger.completeDisbursement(referenceID: reference, by: f.gateway) == completed)
            #expect(try await f.footprint() == settled)
            // Nothing leaves COMPLETED.
            try await f.expectNothingWritten(.invalidStateTransition, wallets: [wallet]) {
                try await f.ledger.failDisbursement(referenceID: reference, reason: "too late", by: f.gateway)
            }
            try await f.expectNothingWritten(.invalidStateTransition, wallets: [wallet]) {
                try await f.ledger.processDisbursement(referenceID: reference, by: f.gateway)
            }
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all, [false, true])
    func failRefundsAmountAndFeeFromPendingOrProcessing(engine: Engine, processedFirst: Bool) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f)
            let start = try await Self.balances(f, wallet)
            let held = try await f.withdraw(wallet, 50_000, by: alice)
            let reference = held.disbursement.referenceID
            if processedFirst { _ = try await f.ledger.processDisbursement(referenceID: reference, by: f.gateway) }

            let failed = try await f.ledger.failDisbursement(referenceID: reference, reason: "  account closed  ", by: f.gateway)
            #expect(failed.status == .failed && failed.failureReason == "account closed" && failed.resolvedBy == f.gateway.userID)
            #expect(failed.settlementTransactionID == nil && (failed.processedBy != nil) == processedFirst)
            let refundID = try #require(failed.refundTransactionID)
            #expect(failed.transactionIDs == [held.disbursement.holdTransactionID, refundID])
            // Everything is back: the wallet in full, fee included; clearing, funding and revenue untouched.
            #expect(try await Self.balances(f, wallet) == start)
            let refund = try await f.transactionRecord(refundID)
            #expect(refund.transaction.type == .withdrawalRefund && refund.transaction.status == .completed)
            #expect(refund.transaction.amount == 50_000)
            #expect(refund.entries.map(\.amount) == [-50_000, 50_000, -6_500, 6_500])
            #expect(refund.entries.map(\.walletID) == [failed.clearingWalletID, wallet.id, failed.clearingWalletID, wallet.id])
            #expect(try await f.transactionRecord(held.disbursement.holdTransactionID).transaction.status == .failed)

            // Failing again keeps the first reason and writes nothing.
            let resolved = try await f.footprint()
            #expect(try await f.ledger.failDisbursement(referenceID: reference, reason: "another reason", by: f.admin) == failed)
            #expect(try await f.footprint() == resolved)
            // Nothing leaves FAILED.
            try await f.expectNothingWritten(.invalidStateTransition, wallets: [wallet]) {
                try await f.ledger.processDisbursement(referenceID: reference, by: f.gateway)
            }
            try await f.expectNothingWritten(.invalidStateTransition, wallets: [wallet]) {
                try await f.ledger.completeDisbursement(referenceID: reference, by: f.gateway)
            }
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func completingAPendingWithdrawalIsAnIllegalTransition(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f)
            let held = try await f.withdraw(wallet, 10_000, by: alice)
            let error = try await f.expectNothingWritten(.invalidStateTransition, field: .some(nil), wallets: [wallet]) {
                try await f.ledger.completeDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            }
            #expect(error?.detail == "PENDING cannot become COMPLETED")
            #expect(try await f.stored(held.disbursement).status == "PENDING")
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func aRefundReachesAFrozenWallet(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f)
            let held = try await f.withdraw(wallet, 20_000, by: alice)
            _ = try await f.ledger.freezeWallet(wallet.id, by: f.admin)
            _ = try await f.ledger.failDisbursement(referenceID: held.disbursement.referenceID, reason: "frozen", by: f.gateway)
            let refunded = try await f.reload(wallet)
            #expect(refunded.balance == 100_000 && refunded.status == .frozen)
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func usersCannotRecordOutcomesAndUnknownReferencesAreNotFound(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f)
            let bob = try await f.user("bob")
            let held = try await f.withdraw(wallet, 10_000, by: alice)
            let reference = held.disbursement.referenceID
            for user in [alice, bob] {
                for reference in [reference, "missing"] {
                    try await f.expectNothingWritten(.forbidden, wallets: [wallet]) {
                        try await f.ledger.processDisbursement(referenceID: reference, by: user)
                    }
                    try await f.expectNothingWritten(.forbidden, wallets: [wallet]) {
                        try await f.ledger.completeDisbursement(referenceID: reference, by: user)
                    }
                    try await f.expectNothingWritten(.forbidden, wallets: [wallet]) {
                        try await f.ledger.failDisbursement(referenceID: reference, reason: "nope", by: user)
                    }
                }
            }
            let unknown = [UUID().uuidString.lowercased(), "", String(repeating: "a", count: 65), "' OR 1=1 --"]
            for missing in unknown {
                try await f.expectNothingWritten(.disbursementNotFound, field: ["referenceId"]) {
                    try await f.ledger.processDisbursement(referenceID: missing, by: f.gateway)
                }
                try await f.expectNothingWritten(.disbursementNotFound, field: ["referenceId"]) {
                    try await f.ledger.completeDisbursement(referenceID: missing, by: f.gateway)
                }
                try await f.expectNothingWritten(.disbursementNotFound, field: ["referenceId"]) {
                    try await f.ledger.failDisbursement(referenceID: missing, reason: "why", by: f.admin)
                }
            }
            #expect(try await f.stored(held.disbursement).status == "PENDING")
            try await f.expectSound()
        }
    }

    @Test(arguments: Engine.all)
    func aFailureReasonIsOneToFiveHundredCharactersWithoutControls(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let (alice, wallet) = try await Self.setUp(f, funds: 1_000_000)
            let held = try await f.withdraw(wallet, 10_000, by: alice)
            let reference = held.disbursement.referenceID
            for reason in ["", "   ", "\n\t", String(repeating: "x", count: 501), "bell\u{7}", "two\nlines", "nul\u{0}",
                           "paid \u{202E}deR", "\u{2067}isolate\u{2069}"] {
                try await f.expectNothingWritten(.invalidInput, field: ["reason"], wallets: [wallet]) {
                    try await f.ledger.failDisbursement(referenceID: reference, reason: reason, by: f.gateway)
                }
                // The reason is checked before the withdrawal is looked up.
                try await f.expectNothingWritten(.invalidInput, field: ["reason"]) {
                    try await f.ledger.failDisbursement(referenceID: "missing", reason: reason, by: f.gateway)
                }
            }
            let longest = String(repeating: "é", count: 500)
            let failed = try await f.ledger.failDisbursement(referenceID: reference, reason: "\n" + longest + " ", by: f.gateway)
            #expect(failed.failureReason == longest)
            #expect(try await f.stored(held.disbursement).failureReason == longest)
            try await f.expectSound()
        }
    }
}
