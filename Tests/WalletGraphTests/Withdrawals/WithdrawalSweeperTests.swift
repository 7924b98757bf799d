import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// The sweeper fails and refunds PENDING withdrawals older than the hold timeout, and nothing else.
@Suite struct WithdrawalSweeperTests {
    @Test(arguments: Engine.all)
    func onlyPendingWithdrawalsOlderThanTheTimeoutAreRefunded(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T01:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            _ = try await f.addMethod(alice)
            let old = try await f.withdraw(wallet, 10_000, by: alice)
            let processing = try await f.withdraw(wallet, 20_000, by: alice)
            _ = try await f.ledger.processDisbursement(referenceID: processing.disbursement.referenceID, by: f.gateway)
            clock.advance(23 * 3600)
            let young = try await f.withdraw(wallet, 30_000, by: alice)
            let heldBalance = try await f.reload(wallet).balance
            #expect(heldBalance == 1_000_000 - 60_000 - 3 * 6_500)

            // Not yet 24 hours: nothing to do, nothing written.
            let before = try await f.footprint()
            #expect(try await f.ledger.sweepExpiredDisbursements().isEmpty)
            #expect(try await f.footprint() == before)

            clock.set(old.disbursement.createdAt.addingTimeInterval(24 * 3600 + 60))
            let swept = try await f.ledger.sweepExpiredDisbursements()
            #expect(swept.map(\.id) == [old.disbursement.id])
            let refunded = try #require(swept.first)
            #expect(refunded.status == .failed && refunded.resolvedBy == nil && refunded.refundTransactionID != nil)
            #expect(refunded.failureReason == "The withdrawal was not processed within 24 h; refunded.")
            #expect(try await f.reload(wallet).balance == heldBalance + 16_500)
            let refund = try await f.transactionRecord(refunded.refundTransactionID)
            #expect(refund.transaction.type == .withdrawalRefund && refund.transaction.initiatorID == nil)
            #expect(try await f.transactionRecord(old.disbursement.holdTransactionID).transaction.status == .failed)
            // PROCESSING (its money may be at the bank) and the young one are untouched.
            #expect(try await f.stored(processing.disbursement).status == "PROCESSING")
            #expect(try await f.stored(young.disbursement).status == "PENDING")

            // A second run finds nothing and writes nothing.
            let afterSweep = try await f.footprint()
            #expect(try await f.ledger.sweepExpiredDisbursements().isEmpty)
            #expect(try await f.footprint() == afterSweep)
            // A swept withdrawal is FAILED for every later transition, like any other.
            _ = try await f.ledger.failDisbursement(referenceID: old.disbursement.referenceID, reason: "again", by: f.gateway)
            try await f.expectNothingWritten(.invalidStateTransition) {
                try await f.ledger.processDisbursement(referenceID: old.disbursement.referenceID, by: f.gateway)
            }
            // Much later the young one goes too, and the PROCESSING one still stays.
            clock.advance(30 * 24 * 3600)
            #expect(try await f.ledger.sweepExpiredDisbursements().map(\.id) == [young.disbursement.id])
            #expect(try await f.stored(processing.disbursement).status == "PROCESSING")
            try await f.expectSound()
        }
    }

    /// Exactly the timeout old is not yet expired; a millisecond more is.
    @Test(arguments: Engine.all)
    func theTimeoutIsExclusiveAndConfigurable(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T01:00:00Z"))
        try await withWithdrawals(engine, policy: WithdrawalPolicy(holdTimeout: .seconds(600)), clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            _ = try await f.addMethod(alice)
            let held = try await f.withdraw(wallet, 10_000, by: alice)
            clock.set(held.disbursement.createdAt.addingTimeInterval(600))
            #expect(try await f.ledger.sweepExpiredDisbursements().isEmpty)
            clock.set(held.disbursement.createdAt.addingTimeInterval(600.001))
            let swept = try await f.ledger.sweepExpiredDisbursements()
            #expect(swept.map(\.id) == [held.disbursement.id])
            #expect(swept.first?.failureReason == "The withdrawal was not processed within 10 min; refunded.")
            #expect(try await f.reload(wallet).balance == 100_000)
            try await f.expectSound()
        }
    }

    /// More expired withdrawals than one batch: the sweeper keeps going, oldest first, until none is left.
    @Test(arguments: Engine.all)
    func theSweeperWorksThroughEveryBatch(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T01:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            _ = try await f.addMethod(alice)
            var held: [UUID] = []
            for _ in 0..<5 { held.append(try await f.withdraw(wallet, 10_000, by: alice).disbursement.id) }
            clock.advance(2 * 24 * 3600)
            #expect(try await f.ledger.sweepExpiredDisbursements(batchSize: 2).map(\.id) == held)
            #expect(try await f.reload(wallet).balance == 1_000_000)
            #expect(try await f.ledger.sweepExpiredDisbursements(batchSize: 0).isEmpty)
            try await f.expectSound()
        }
    }

    /// The sweeper and an operator racing for the same old PENDING withdrawal: one outcome, one transaction.
    @Test(arguments: Engine.all)
    func theSweeperAndAnOperatorDoNotBothResolveAWithdrawal(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T01:00:00Z"))
        try await withWithdrawals(engine, retry: .none, connections: 8, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 10_000_000)
            _ = try await f.addMethod(alice)
            var references: [String] = []
            for _ in 0..<10 { references.append(try await f.withdraw(wallet, 10_000, by: alice).disbursement.referenceID) }
            clock.advance(2 * 24 * 3600)
            let transactionsBefore = try await f.footprint().transactions
            let list = references
            async let swept = f.ledger.sweepExpiredDisbursements(batchSize: 3)
            let processed = try await concurrently(list.count) { index in
                do {
                    return try await f.ledger.processDisbursement(referenceID: list[index], by: f.gateway).status.rawValue
                } catch let error as DomainError {
                    return error.code.rawValue
                }
            }
            let sweptIDs = Set(try await swept.map(\.referenceID))
            for (reference, outcome) in zip(list, processed) {
                let stored = try await f.scalar(
                    "SELECT count(*) FROM disbursements WHERE reference_id = $1 AND status = 'FAILED'",
                    sqlite: "SELECT count(*) FROM disbursements WHERE reference_id = ?1 AND status = 'FAILED'", [.text(reference)])
                if sweptIDs.contains(reference) {
                    #expect(outcome == "INVALID_STATE_TRANSITION" && stored == 1)
                } else {
                    #expect(outcome == "PROCESSING" && stored == 0)
                }
            }
            #expect(try await f.footprint().transactions == transactionsBefore + Int64(sweptIDs.count))
            try await f.expectSound()
        }
    }
}
