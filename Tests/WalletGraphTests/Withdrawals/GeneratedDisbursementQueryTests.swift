import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

import WalletGraph

/// The parts of queries/disbursements.sql that the ledger reaches only partly (a fallback it never needs, a
/// guard it never trips, a boundary), called directly so that both engines are held to the same answers.
@Suite struct GeneratedDisbursementQueryTests {
    static func queries<T>(_ f: LedgerFixture, _ body: (Queries) async throws -> T) async throws -> T {
        try await f.pool.withConnection { connection in try await body(Queries(connection)) }
    }

    /// A provider's own row wins over its type's (`ORDER BY provider IS NULL`); an unknown provider gets the type's.
    @Test(arguments: Engine.all)
    func getDisbursementFeePrefersTheProvidersRowAndFallsBackToTheTypes(engine: Engine) async throws {
        try await withLedger(engine) { f in
            try await Self.queries(f) { (q: Queries) async throws -> Void in
                let bca = try #require(try await q.getDisbursementFee(type: "BANK_TRANSFER", provider: "BCA"))
                #expect(bca.flatFee == 6_500 && bca.percentBps == 0 && bca.minimumFee == 0 && bca.maximumFee == nil)
                let bsi = try #require(try await q.getDisbursementFee(type: "BANK_TRANSFER", provider: "BSI"))
                #expect(bsi.flatFee == 4_000)
                let gopay = try #require(try await q.getDisbursementFee(type: "E_WALLET", provider: "GOPAY"))
                #expect(gopay.flatFee == 0 && gopay.percentBps == 100 && gopay.minimumFee == 1_000 && gopay.maximumFee == 10_000)
                let linkAja = try #require(try await q.getDisbursementFee(type: "E_WALLET", provider: "LINKAJA"))
                #expect(linkAja.flatFee == 1_000 && linkAja.percentBps == 0)
                let otherWallet = try #require(try await q.getDisbursementFee(type: "E_WALLET", provider: "NEWPAY"))
                #expect(otherWallet.percentBps == 150 && otherWallet.minimumFee == 1_000 && otherWallet.maximumFee == 15_000)
                let otherBank = try #require(try await q.getDisbursementFee(type: "BANK_TRANSFER", provider: "NEWBANK"))
                #expect(otherBank.flatFee == 6_500)
                // A provider under the wrong type finds the type's row, not the provider's.
                #expect(try await q.getDisbursementFee(type: "BANK_TRANSFER", provider: "BSI")?.flatFee == 4_000)
                #expect(try await q.getDisbursementFee(type: "E_WALLET", provider: "BSI")?.percentBps == 150)
                #expect(try await q.getDisbursementFee(type: "CASH", provider: "BCA") == nil)
            }
        }
    }

    /// Every provider of the enum has its own seeded row, so the fallback is only for providers added later.
    @Test(arguments: Engine.all)
    func everyProviderHasItsOwnFeeRow(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let providers = try await f.texts("SELECT provider FROM disbursement_fees WHERE provider IS NOT NULL ORDER BY provider")
            #expect(providers == DisbursementProvider.allCases.map(\.rawValue).sorted())
            #expect(try await f.scalar("SELECT count(*) FROM disbursement_fees WHERE provider IS NULL") == 2)
        }
    }

    @Test(arguments: Engine.all)
    func sumWithdrawnSinceIsInclusiveAndSkipsFailedAndOtherUsers(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T10:00:00Z"), step: 0)
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let wallet = try await f.wallet(alice)
            let bobs = try await f.wallet(bob)
            try await f.fund(wallet, 1_000_000)
            try await f.fund(bobs, 1_000_000)
            _ = try await f.addMethod(alice)
            _ = try await f.addMethod(bob)
            let at = clock.now
            _ = try await f.withdraw(wallet, 10_000, by: alice)
            let failed = try await f.withdraw(wallet, 20_000, by: alice)
            _ = try await f.ledger.failDisbursement(referenceID: failed.disbursement.referenceID, reason: "x", by: f.gateway)
            _ = try await f.withdraw(bobs, 40_000, by: bob)
            try await Self.queries(f) { (q: Queries) async throws -> Void in
                #expect(try await q.sumWithdrawnSince(userId: alice.userID, since: at) == 10_000)
                #expect(try await q.sumWithdrawnSince(userId: alice.userID, since: at.addingTimeInterval(0.000_001)) == 0)
                #expect(try await q.sumWithdrawnSince(userId: bob.userID, since: at) == 40_000)
                #expect(try await q.sumWithdrawnSince(userId: UUID(), since: at) == 0)
            }
        }
    }

    @Test(arguments: Engine.all)
    func listExpiredPendingDisbursementsIsOldestFirstStrictlyBeforeAndLimited(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T10:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            _ = try await f.addMethod(alice)
            var held: [DisbursementRecord] = []
            for _ in 0..<4 {
                held.append(try await f.withdraw(wallet, 10_000, by: alice).disbursement)
                clock.advance(60)
            }
            _ = try await f.ledger.processDisbursement(referenceID: held[1].referenceID, by: f.gateway)
            let list = held
            try await Self.queries(f) { (q: Queries) async throws -> Void in
                func expired(before: Date, after: DisbursementRecord? = nil, max: Int64) async throws -> [String] {
                    try await q.listExpiredPendingDisbursements(
                        ListExpiredPendingDisbursementsParams(
                            createdBefore: before, afterCreatedAt: after?.createdAt, afterId: after?.id, maxRows: max)
                    ).map(\.referenceId)
                }
                #expect(try await expired(before: clock.now, max: 10) == [list[0], list[2], list[3]].map(\.referenceID))
                #expect(try await expired(before: clock.now, max: 2) == [list[0], list[2]].map(\.referenceID))
                #expect(try await expired(before: list[2].createdAt, max: 10) == [list[0].referenceID])
                // The keyset cursor: after a row, only what follows it (by time, then id).
                #expect(try await expired(before: clock.now, after: list[0], max: 10) == [list[2], list[3]].map(\.referenceID))
                #expect(try await expired(before: clock.now, after: list[2], max: 10) == [list[3].referenceID])
                #expect(try await expired(before: clock.now, after: list[3], max: 10) == [])
            }
        }
    }

    /// The status guards of the Mark* updates: a row in the wrong state is not touched and nothing comes back.
    @Test(arguments: Engine.all)
    func markQueriesOnlyMoveFromTheirSourceStatus(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            _ = try await f.addMethod(alice)
            let pending = try await f.withdraw(wallet, 10_000, by: alice).disbursement
            let completedOne = try await f.withdraw(wallet, 10_000, by: alice).disbursement
            _ = try await f.ledger.processDisbursement(referenceID: completedOne.referenceID, by: f.gateway)
            let completed = try await f.ledger.completeDisbursement(referenceID: completedOne.referenceID, by: f.gateway)
            let before = try await f.footprint()
            let now = Date()
            try await f.pool.withTransaction(.readWrite) { (connection: any SQLConnection) async throws -> Void in
                let q = Queries(connection)
                #expect(
                    try await q.markDisbursementCompleted(
                        MarkDisbursementCompletedParams(
                            settlementTransactionId: completed.holdTransactionID, resolvedBy: nil, now: now, id: pending.id)) == nil)
                #expect(try await q.markDisbursementProcessing(processedBy: nil, now: now, id: completed.id) == nil)
                #expect(
                    try await q.markDisbursementFailed(
                        MarkDisbursementFailedParams(
                            refundTransactionId: completed.holdTransactionID, failureReason: "x", resolvedBy: nil, now: now,
                            id: completed.id)) == nil)
                #expect(try await q.setTransactionStatus(status: "failed", now: now, id: UUID()) == 0)
                #expect(try await q.lockWallet(id: UUID()) == nil)
                #expect(try await q.lockWallet(id: wallet.id)?.balance == 1_000_000 - 2 * 16_500)
                #expect(try await q.lockDisbursementByReference(referenceId: pending.referenceID.uppercased()) == nil)
                #expect(try await q.getDisbursementByHold(holdTransactionId: UUID()) == nil)
            }
            #expect(try await f.footprint() == before)
        }
    }

    /// The hold's foreign key is deferred to commit (the row is written before its transaction), and still
    /// enforced there on both engines: a disbursement naming no transaction never commits.
    @Test(arguments: Engine.all)
    func insertDisbursementChecksTheHoldTransactionAtCommit(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let method = try await f.addMethod(alice)
            let clearing = try #require(try await f.ledger.systemWallets(asset: f.idr.id).first { $0.purpose == .payoutClearing })
            let params = InsertDisbursementParams(
                id: UUID(), referenceId: "dangling", userId: alice.userID, walletId: wallet.id, methodId: method.id,
                assetId: f.idr.id, amount: 10_000, fee: 6_500, description: nil, clearingWalletId: clearing.id,
                holdTransactionId: UUID(), remainingBalance: 0, now: Date())
            var inserted = false
            await #expect(throws: (any Error).self) {
                try await f.pool.withTransaction(.readWrite) { (connection: any SQLConnection) async throws -> Void in
                    // Accepted inside the transaction: the check waits for commit.
                    inserted = try await Queries(connection).insertDisbursement(params) != nil
                }
            }
            #expect(inserted)
            #expect(try await f.disbursementCount() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func methodQueriesSeeOnlyActiveRowsOfTheirUser(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T10:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let first = try await f.addMethod(alice, .bca, number: "1111111111")
            let second = try await f.addMethod(alice, .bni, number: "2222222222")
            let third = try await f.addMethod(alice, .bsi, number: "3333333333")
            _ = try await f.addMethod(bob, .bca, number: "1111111111")
            _ = try await f.ledger.removeDisbursementMethod(third.id, by: alice)
            try await Self.queries(f) { (q: Queries) async throws -> Void in
                #expect(try await q.countActiveDisbursementMethods(userId: alice.userID) == 2)
                #expect(try await q.countActiveDisbursementMethods(userId: UUID()) == 0)
                #expect(
                    try await q.findActiveDisbursementAccount(userId: alice.userID, provider: "BCA", accountNumber: "1111111111")
                        == first.id)
                #expect(
                    try await q.findActiveDisbursementAccount(userId: alice.userID, provider: "BSI", accountNumber: "3333333333")
                        == nil)
                #expect(try await q.newestActiveDisbursementMethod(userId: alice.userID)?.id == second.id)
                #expect(try await q.getDefaultDisbursementMethod(userId: alice.userID)?.id == first.id)
                #expect(try await q.getActiveDisbursementMethod(id: first.id, userId: bob.userID) == nil)
                #expect(try await q.getActiveDisbursementMethod(id: third.id, userId: alice.userID) == nil)
            }
            try await f.pool.withTransaction(.readWrite) { (connection: any SQLConnection) async throws -> Void in
                let q = Queries(connection)
                // Keeping the default itself clears nothing; keeping another clears the one default.
                #expect(try await q.clearDefaultDisbursementMethod(now: clock.now, userId: alice.userID, keepId: first.id) == 0)
                #expect(try await q.clearDefaultDisbursementMethod(now: clock.now, userId: alice.userID, keepId: second.id) == 1)
                #expect(try await q.markDefaultDisbursementMethod(now: clock.now, id: third.id) == nil)
                #expect(try await q.markDefaultDisbursementMethod(now: clock.now, id: second.id)?.isDefault == true)
                #expect(try await q.removeDisbursementMethod(now: clock.now, id: third.id) == nil)
            }
            #expect(try await f.defaultMethodCount(alice) == 1)
        }
    }
}
