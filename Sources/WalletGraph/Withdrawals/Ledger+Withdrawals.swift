import Foundation
import WalletGraphQueries

/// Withdrawals in two phases (docs/withdrawals.md): a hold moves amount and fee from the user's wallet into a
/// payout-clearing shard; the outcome moves them out of that same shard, to the bank (settlement, the fee to
/// revenue) or back to the user (refund, fee included). Each step is its own locked transaction.
extension Ledger {
    /// Holds `request.amount` plus the method's fee for a payout. Checked in this order: the wallet is the
    /// initiator's, it holds IDR, the amount is within the minimum and maximum, the user's withdrawals today
    /// (Asia/Jakarta, fees excluded) stay within the daily limit, the method exists, and the balance covers
    /// amount plus fee. The user's row is locked first, so concurrent withdrawals from any of their wallets are
    /// counted against the limit one after another.
    public func withdraw(_ request: WithdrawRequest, by initiator: Initiator) async throws -> WithdrawalReceipt {
        let description = RequestChecks.normalized(request.description)
        try RequestChecks.check(amount: request.amount, description: description)
        var normalized = request
        normalized.description = description
        _ = try normalized.idempotent(scale: nil)
        let policy = configuration.withdrawals
        var held: DisbursementRecord?
        let receipt = try await post(
            canonical: { queries in
                try normalized.idempotent(scale: try await amountScale(request.amount, wallet: request.walletID, queries))
            }, initiator: initiator
        ) { queries, context in
            try await lockOwner(initiator, queries)
            let wallet = try await lockedUserWallet(request.walletID, field: "walletId", queries)
            try Authority.checkDebit(initiator, wallet: wallet.state, field: "walletId")
            // As for a spend or transfer: a frozen wallet says so before any rule about the amount.
            guard wallet.status == .active else { throw DomainError(.walletFrozen, field: ["walletId"]) }
            let scale = try await withdrawalAssetScale(wallet, policy: policy, queries)
            let amount = try request.amount.minorUnits(scale: scale)
            let limits = policy.limits(scale: scale)
            try Self.checkLimits(amount, minimum: limits.minimum, maximum: limits.maximum)
            let now = clock.now()
            let used = try await queries.sumWithdrawnSince(
                userId: initiator.userID, since: WithdrawalPolicy.startOfJakartaDay(containing: now)) ?? 0
            let (today, overflow) = used.addingReportingOverflow(amount)
            guard !overflow, today <= limits.dailyLimit else {
                throw DomainError(.dailyLimitExceeded, field: ["amount"])
            }
            let method = try await withdrawalMethod(request.methodID, of: initiator.userID, queries)
            let fee = try await fee(for: amount, method: method, scale: scale, queries)
            let (total, totalOverflow) = amount.addingReportingOverflow(fee)
            guard !totalOverflow else { throw DomainError(.invalidAmount, field: ["amount"]) }
            guard total <= wallet.balance else { throw DomainError(.insufficientBalance, field: ["amount"]) }
            let clearing = try await lockSystemWallet(asset: wallet.assetID, purpose: .payoutClearing, queries)
            var legs = [PostingLeg(debit: wallet.id, credit: clearing.id, amount: amount)]
            if fee > 0 { legs.append(PostingLeg(debit: wallet.id, credit: clearing.id, amount: fee)) }
            let plan = try PostingPlanner.plan(
                legs: legs, wallets: [wallet.id: wallet.state, clearing.id: clearing.state],
                fields: [wallet.id: "walletId"])
            guard let remaining = plan.finalStates[wallet.id]?.balance,
                let row = try await queries.insertDisbursement(
                    InsertDisbursementParams(
                        id: UUIDv7.make(at: now), referenceId: UUID().uuidString.lowercased(),
                        userId: initiator.userID, walletId: wallet.id, methodId: method.id, assetId: wallet.assetID,
                        amount: amount, fee: fee, description: description, clearingWalletId: clearing.id,
                        holdTransactionId: context.transactionID, remainingBalance: remaining, now: now))
            else { throw CorruptRow(description: "an inserted disbursement returned no row") }
            let record = try DisbursementRecord(row)
            held = record
            let header = PostingHeader(
                type: .withdrawal, status: .pending, amount: amount, description: description,
                events: [.disbursement(record, transactionID: context.transactionID)])
            return (header, plan)
        }
        if receipt.replayed || held == nil {
            let stored = try await readSnapshot { queries in
                try await queries.getDisbursementByHold(holdTransactionId: receipt.transaction.id)
            }
            guard let stored else {
                throw CorruptRow(description: "transaction \(receipt.transaction.id) has no withdrawal")
            }
            return WithdrawalReceipt(disbursement: try DisbursementRecord(stored), receipt: receipt)
        }
        guard let held else { throw CorruptRow(description: "a withdrawal wrote no disbursement") }
        return WithdrawalReceipt(disbursement: held, receipt: receipt)
    }

    /// What withdrawing `amount` minor units from `walletID` to `methodID` (the default when nil) would cost,
    /// read in its own snapshot.
    public func quoteWithdrawal(
        walletID: UUID, amount: Int64, methodID: UUID?, by initiator: Initiator
    ) async throws -> WithdrawalQuote {
        let amount = RequestedAmount.minorUnits(amount)
        try amount.checkSyntax()
        return try await readSnapshot { queries in
            try await quoteWithdrawal(walletID: walletID, amount: amount, methodID: methodID, by: initiator, using: queries)
        }
    }

    /// What withdrawing `amount` from `walletID` to `methodID` (the default when nil) would cost, inside a
    /// caller's snapshot (the API's per-request one). The same checks as ``withdraw(_:by:)`` up to the method,
    /// except the limits, which a quote reports instead: a wallet that is not the initiator's is
    /// ``ErrorCode/walletNotFound`` before the amount is looked at, and the amount is parsed at the wallet's
    /// scale (``ErrorCode/invalidAmount``) before the asset is checked against the withdrawal policy.
    public func quoteWithdrawal(
        walletID: UUID, amount: RequestedAmount, methodID: UUID?, by initiator: Initiator, using queries: Queries
    ) async throws -> WithdrawalQuote {
        let policy = configuration.withdrawals
        guard let row = try await queries.getWallet(id: walletID) else {
            throw DomainError(.walletNotFound, field: ["walletId"])
        }
        let wallet = try WalletRecord(row)
        try Authority.checkDebit(initiator, wallet: wallet.state, field: "walletId")
        let amount = try minorUnits(
            amount, scale: try await amountScale(amount, wallet: wallet.id, queries), wallet: "walletId")
        let scale = try await withdrawalAssetScale(wallet, policy: policy, queries)
        let limits = policy.limits(scale: scale)
        let method = try await withdrawalMethod(methodID, of: initiator.userID, queries)
        let fee = try await fee(for: amount, method: method, scale: scale, queries)
        let (total, overflow) = amount.addingReportingOverflow(fee)
        guard !overflow else { throw DomainError(.invalidAmount, field: ["amount"]) }
        let used = try await queries.sumWithdrawnSince(
            userId: initiator.userID, since: WithdrawalPolicy.startOfJakartaDay(containing: clock.now())) ?? 0
        return WithdrawalQuote(
            assetID: wallet.assetID, fee: fee, totalDebit: total, minimum: limits.minimum, maximum: limits.maximum,
            remainingToday: max(0, limits.dailyLimit - max(0, used)), method: method)
    }

    /// Marks a `PENDING` withdrawal as handed to the provider. Operators and admins only; repeating it on a
    /// `PROCESSING` one returns it unchanged.
    public func processDisbursement(referenceID: String, by initiator: Initiator) async throws -> DisbursementRecord {
        try Authority.requireOperator(initiator)
        let (result, changed) = try await writeTransaction { queries in
            let disbursement = try await lockedDisbursement(referenceID, queries)
            switch DisbursementLifecycle.action(.process, status: disbursement.status, createdAt: disbursement.createdAt) {
            case .unchanged:
                return (disbursement, false)
            case .illegal(let from, let to):
                throw Self.illegalTransition(from: from, to: to)
            case .apply:
                let now = clock.now()
                guard
                    let row = try await queries.markDisbursementProcessing(
                        processedBy: initiator.userID, now: now, id: disbursement.id)
                else { throw CorruptRow(description: "disbursement \(disbursement.id) moved while locked") }
                let processed = try DisbursementRecord(row)
                try await record([.disbursement(processed, transactionID: nil)], now: now, queries)
                return (processed, true)
            }
        }
        if changed { signal.notify() }
        return result
    }

    /// Records that the provider paid a `PROCESSING` withdrawal: the clearing shard pays the amount out (to the
    /// funding wallet, the ledger's side of the bank account) and the fee to revenue. Operators and admins only;
    /// repeating it on a `COMPLETED` one returns it unchanged.
    public func completeDisbursement(referenceID: String, by initiator: Initiator) async throws -> DisbursementRecord {
        try Authority.requireOperator(initiator)
        var settled: DisbursementRecord?
        do {
            _ = try await post(request: nil, initiator: initiator) { queries, context in
                let disbursement = try await lockedDisbursement(referenceID, queries)
                try Self.proceed(.complete, disbursement)
                let clearing = try await lockedWallet(disbursement.clearingWalletID, queries)
                let funding = try await lockSystemWallet(asset: disbursement.assetID, purpose: .funding, queries)
                var wallets = [clearing.id: clearing.state, funding.id: funding.state]
                var legs = [PostingLeg(debit: clearing.id, credit: funding.id, amount: disbursement.amount)]
                if disbursement.fee > 0 {
                    let revenue = try await lockSystemWallet(
                        asset: disbursement.assetID, purpose: .feeRevenue, queries)
                    wallets[revenue.id] = revenue.state
                    legs.append(PostingLeg(debit: clearing.id, credit: revenue.id, amount: disbursement.fee))
                }
                let plan = try PostingPlanner.plan(legs: legs, wallets: wallets)
                let now = clock.now()
                guard
                    let row = try await queries.markDisbursementCompleted(
                        MarkDisbursementCompletedParams(
                            settlementTransactionId: context.transactionID, resolvedBy: initiator.userID, now: now,
                            id: disbursement.id))
                else { throw CorruptRow(description: "disbursement \(disbursement.id) moved while locked") }
                try await markHold(disbursement, .completed, now: now, queries)
                let record = try DisbursementRecord(row)
                settled = record
                let header = PostingHeader(
                    type: .withdrawalSettlement, status: .completed, amount: disbursement.amount,
                    description: "Withdrawal \(disbursement.referenceID) paid out",
                    events: [.disbursement(record, transactionID: context.transactionID)])
                return (header, plan)
            }
        } catch let unchanged as Unchanged {
            return unchanged.disbursement
        }
        guard let settled else { throw CorruptRow(description: "a settlement wrote no disbursement") }
        return settled
    }

    /// Records that a `PENDING` or `PROCESSING` withdrawal failed: the clearing shard refunds the user in full,
    /// fee included, even into a frozen wallet (it is the user's own money coming back). Operators and admins
    /// only; repeating it on a `FAILED` one returns it unchanged (with its first reason).
    public func failDisbursement(
        referenceID: String, reason: String, by initiator: Initiator
    ) async throws -> DisbursementRecord {
        try Authority.requireOperator(initiator)
        let reason = try Self.failureReason(reason)
        do {
            return try await refund(referenceID: referenceID, reason: reason, initiator: initiator, heldBefore: nil)
        } catch let unchanged as Unchanged {
            return unchanged.disbursement
        }
    }

    /// Fails and refunds every withdrawal still `PENDING` after the hold timeout, each in its own transaction,
    /// and returns them. `PROCESSING` ones are never touched: their money may already be at the bank. A
    /// withdrawal whose refund fails is logged and skipped, so it cannot hold back the others.
    @discardableResult
    public func sweepExpiredDisbursements(batchSize: Int = 100) async throws -> [DisbursementRecord] {
        let policy = configuration.withdrawals
        let deadline = policy.holdDeadline(now: clock.now())
        let reason = "The withdrawal was not processed within \(Self.describe(policy.holdTimeout)); refunded."
        var swept: [DisbursementRecord] = []
        var cursor: (createdAt: Date, id: UUID)?
        let size = max(1, batchSize)
        while true {
            let rows = try await readSnapshot { queries in
                try await queries.listExpiredPendingDisbursements(
                    ListExpiredPendingDisbursementsParams(
                        createdBefore: deadline, afterCreatedAt: cursor?.createdAt, afterId: cursor?.id,
                        maxRows: Int64(size)))
            }
            for row in rows {
                do {
                    swept.append(
                        try await refund(
                            referenceID: row.referenceId, reason: reason, initiator: nil, heldBefore: deadline))
                } catch is Unchanged {
                    continue
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    // One withdrawal that cannot be refunded must not hold back those behind it: log it, leave it
                    // PENDING for an operator (reconcile still balances), and go on; the next sweep tries it again.
                    logger.error(
                        "could not refund an expired withdrawal",
                        metadata: ["reference": .string(row.referenceId), "error": .string(String(describing: error))])
                }
            }
            guard rows.count == size, let last = rows.last else { return swept }
            cursor = (last.createdAt, last.id)
        }
    }

    /// The refund of a withdrawal under its lock. With `heldBefore` (the sweeper), only a `PENDING` one held
    /// before that instant is refunded; anything else is ``Unchanged``.
    private func refund(
        referenceID: String, reason: String, initiator: Initiator?, heldBefore deadline: Date?
    ) async throws -> DisbursementRecord {
        var refunded: DisbursementRecord?
        _ = try await post(request: nil, initiator: initiator) { queries, context in
            let disbursement = try await lockedDisbursement(referenceID, queries)
            try Self.proceed(deadline.map { .expire(heldBefore: $0) } ?? .fail, disbursement)
            guard let wallet = try await lockUserWallets([disbursement.walletID], queries)[disbursement.walletID] else {
                throw CorruptRow(description: "disbursement \(disbursement.id) names a missing wallet")
            }
            let clearing = try await lockedWallet(disbursement.clearingWalletID, queries)
            // A frozen wallet still takes its own money back.
            let payee = wallet.state
            let open = WalletState(
                id: payee.id, ownerID: payee.ownerID, assetID: payee.assetID, kind: payee.kind, purpose: payee.purpose,
                allowNegative: payee.allowNegative, status: .active, balance: payee.balance, version: payee.version)
            var legs = [PostingLeg(debit: clearing.id, credit: wallet.id, amount: disbursement.amount)]
            if disbursement.fee > 0 {
                legs.append(PostingLeg(debit: clearing.id, credit: wallet.id, amount: disbursement.fee))
            }
            let plan = try PostingPlanner.plan(legs: legs, wallets: [clearing.id: clearing.state, wallet.id: open])
            let now = clock.now()
            guard
                let row = try await queries.markDisbursementFailed(
                    MarkDisbursementFailedParams(
                        refundTransactionId: context.transactionID, failureReason: reason,
                        resolvedBy: initiator?.userID, now: now, id: disbursement.id))
            else { throw CorruptRow(description: "disbursement \(disbursement.id) moved while locked") }
            try await markHold(disbursement, .failed, now: now, queries)
            let record = try DisbursementRecord(row)
            refunded = record
            let header = PostingHeader(
                type: .withdrawalRefund, status: .completed, amount: disbursement.amount,
                description: "Refund of withdrawal \(disbursement.referenceID)",
                events: [.disbursement(record, transactionID: context.transactionID)])
            return (header, plan)
        }
        guard let refunded else { throw CorruptRow(description: "a refund wrote no disbursement") }
        return refunded
    }

    // MARK: - Shared checks

    /// A withdrawal that is already where the caller wanted it (or, for the sweeper, no longer eligible): the
    /// lifecycle's `.unchanged`, thrown out of a posting closure so that it writes nothing (a posting cannot be
    /// empty), and answered with the stored row.
    private struct Unchanged: Error {
        let disbursement: DisbursementRecord
    }

    /// Goes on when the lifecycle applies `event` to the locked `disbursement`; otherwise leaves the posting:
    /// ``Unchanged`` for a repeat, `INVALID_STATE_TRANSITION` for an illegal move.
    private static func proceed(_ event: DisbursementLifecycle.Event, _ disbursement: DisbursementRecord) throws {
        switch DisbursementLifecycle.action(event, status: disbursement.status, createdAt: disbursement.createdAt) {
        case .apply: return
        case .unchanged: throw Unchanged(disbursement: disbursement)
        case .illegal(let from, let to): throw illegalTransition(from: from, to: to)
        }
    }

    private static func illegalTransition(from: DisbursementStatus, to: DisbursementStatus) -> DomainError {
        DomainError(.invalidStateTransition, detail: "\(from.rawValue) cannot become \(to.rawValue)")
    }

    /// The hold's transaction follows its withdrawal's outcome; exactly one row must change.
    private func markHold(
        _ disbursement: DisbursementRecord, _ status: TransactionStatus, now: Date, _ queries: Queries
    ) async throws {
        let changed = try await queries.setTransactionStatus(
            status: status.rawValue, now: now, id: disbursement.holdTransactionID)
        guard changed == 1 else {
            throw CorruptRow(description: "withdrawal \(disbursement.id) has no hold transaction")
        }
    }

    /// The withdrawal with `referenceID` (a UUID; any letter case), locked.
    private func lockedDisbursement(_ referenceID: String, _ queries: Queries) async throws -> DisbursementRecord {
        guard let reference = DisbursementRecord.reference(referenceID),
            let row = try await queries.lockDisbursementByReference(referenceId: reference)
        else { throw DomainError(.disbursementNotFound, field: ["referenceId"]) }
        return try DisbursementRecord(row)
    }

    private func lockedWallet(_ id: UUID, _ queries: Queries) async throws -> WalletRecord {
        guard let row = try await queries.lockWallet(id: id) else {
            throw CorruptRow(description: "wallet \(id) is missing")
        }
        return try WalletRecord(row)
    }

    /// Withdrawals pay out only in the policy's asset (IDR); returns its scale, which the limits and fees
    /// (written in rupiah) are converted with.
    private func withdrawalAssetScale(
        _ wallet: WalletRecord, policy: WithdrawalPolicy, _ queries: Queries
    ) async throws -> Int {
        guard let asset = try await queries.getAssetByCode(code: policy.assetCode), asset.id == wallet.assetID else {
            throw DomainError(.assetNotSupported, field: ["walletId"])
        }
        return Int(asset.scale)
    }

    static func checkLimits(_ amount: Int64, minimum: Int64, maximum: Int64) throws(DomainError) {
        guard amount >= minimum else { throw DomainError(.minimumAmount, field: ["amount"]) }
        guard amount <= maximum else { throw DomainError(.maximumAmount, field: ["amount"]) }
    }

    /// The initiator's method `id`, or their default method when nil; missing, removed or another user's is
    /// ``ErrorCode/methodNotFound``.
    private func withdrawalMethod(
        _ id: UUID?, of userID: UUID, _ queries: Queries
    ) async throws -> DisbursementMethodRecord {
        if let id {
            guard let row = try await queries.getActiveDisbursementMethod(id: id, userId: userID) else {
                throw DomainError(.methodNotFound, field: ["methodId"])
            }
            return try DisbursementMethodRecord(row)
        }
        guard let row = try await queries.getDefaultDisbursementMethod(userId: userID) else {
            throw DomainError(.methodNotFound, field: ["methodId"], detail: "no default disbursement method")
        }
        return try DisbursementMethodRecord(row)
    }

    private func fee(
        for amount: Int64, method: DisbursementMethodRecord, scale: Int, _ queries: Queries
    ) async throws -> Int64 {
        guard
            let row = try await queries.getDisbursementFee(
                type: method.type.rawValue, provider: method.provider.rawValue)
        else { throw CorruptRow(description: "no fee for \(method.provider.rawValue)") }
        let rule = FeeRule(
            flatFee: row.flatFee, percentBasisPoints: Int64(row.percentBps), minimumFee: row.minimumFee,
            maximumFee: row.maximumFee)
        return try rule.inMinorUnits(scale: scale).fee(for: amount)
    }
}
