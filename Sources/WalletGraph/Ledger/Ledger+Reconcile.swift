import Foundation
import WalletGraphQueries

extension Ledger {
    /// The most breaches of each kind a report lists.
    public static let reconcileRowLimit: Int64 = 100

    /// Checks, in one read-only snapshot: per asset, all entries sum to zero; per wallet, the cached balance and
    /// version equal the sum and count of its entries, and every entry's `balance_after` and `wallet_version`
    /// follow from the ones before; no wallet is, or ever was, below zero unless allowed; every transaction has at least two
    /// entries, in its own asset, summing to zero; each payout-clearing
    /// shard holds exactly the open withdrawals it took; and each withdrawal's transactions match its row.
    ///
    /// No authority check: the CLI runs it as the operator of the machine, and GraphQL checks for an admin.
    public func reconcile() async throws -> ReconcileReport {
        try await readSnapshot { queries in try await reconcile(using: queries) }
    }

    /// ``reconcile()`` on queries the caller already holds, which must be a read snapshot (a GraphQL query
    /// operation's shared connection), so that a request never holds one connection while waiting for another.
    public func reconcile(using queries: Queries) async throws -> ReconcileReport {
        let limit = Self.reconcileRowLimit
        do {
            let counts = try await queries.reconcileCounts()
            return ReconcileReport(
                checkedAt: clock.now(),
                assets: counts?.assets ?? 0, wallets: counts?.wallets ?? 0,
                transactions: counts?.transactions ?? 0, entries: counts?.entries ?? 0,
                assetImbalances: try await queries.reconcileAssetImbalances().map {
                    .init(assetCode: $0.code, entries: $0.entries ?? 0, total: $0.total)
                },
                walletMismatches: try await queries.reconcileWalletMismatches(maxRows: limit).map {
                    .init(walletID: $0.id, balance: $0.balance, version: $0.version, entriesTotal: $0.entriesTotal, entries: $0.entries)
                },
                entryChainBreaks: try await queries.reconcileEntryChainBreaks(maxRows: limit).map {
                    .init(
                        entryID: $0.id, walletID: $0.walletId, walletVersion: $0.walletVersion,
                        balanceAfter: $0.balanceAfter, runningTotal: $0.runningTotal, position: $0.position)
                },
                negativeWallets: try await queries.reconcileNegativeWallets(maxRows: limit).map {
                    .init(walletID: $0.id, kind: $0.kind, balance: $0.balance, lowestBalance: $0.lowestBalance)
                },
                unbalancedTransactions: try await queries.reconcileUnbalancedTransactions(maxRows: limit).map {
                    .init(
                        transactionID: $0.id, type: $0.type, entries: $0.entries, total: $0.total,
                        foreignAssetEntries: $0.foreignAssetEntries, mistimedEntries: $0.mistimedEntries)
                },
                clearingMismatches: try await queries.reconcileClearingMismatches().map {
                    .init(
                        assetCode: $0.code, walletID: $0.walletId, clearingBalance: $0.clearingBalance,
                        openWithdrawals: $0.openWithdrawals)
                },
                withdrawalMismatches: try await queries.reconcileWithdrawalMismatches(maxRows: limit).map {
                    .init(
                        disbursementID: $0.id, referenceID: $0.referenceId, status: $0.status, holdStatus: $0.holdStatus,
                        total: $0.total, heldFromWallet: $0.heldFromWallet, heldInClearing: $0.heldInClearing,
                        releasedFromClearing: $0.releasedFromClearing, refundedToWallet: $0.refundedToWallet,
                        paidToUsers: $0.paidToUsers ?? 0)
                },
                outboxGaps: try await queries.reconcileOutboxGaps(maxRows: limit).map {
                    .init(transactionID: $0.id, events: $0.events)
                })
        }
    }
}
