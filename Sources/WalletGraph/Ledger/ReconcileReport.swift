import Foundation

/// The result of checking the ledger's invariants over one consistent snapshot. Each list holds breaches
/// (at most ``Ledger/reconcileRowLimit`` of each kind); a sound ledger has none.
public struct ReconcileReport: Sendable, Hashable {
    /// An asset whose entries do not sum to zero.
    public struct AssetImbalance: Sendable, Hashable {
        public let assetCode: String
        public let entries: Int64
        public let total: Int64?
    }

    /// A wallet whose cached balance or version differs from the sum or count of its entries.
    public struct WalletMismatch: Sendable, Hashable {
        public let walletID: UUID
        public let balance: Int64
        public let version: Int64
        public let entriesTotal: Int64
        public let entries: Int64
    }

    /// An entry whose `balance_after` is not the running sum, or whose version is not its position.
    public struct EntryChainBreak: Sendable, Hashable {
        public let entryID: UUID
        public let walletID: UUID
        public let walletVersion: Int64
        public let balanceAfter: Int64
        public let runningTotal: Int64?
        public let position: Int64
    }

    /// A wallet that may not go below zero but is, or was at some entry (`lowestBalance`).
    public struct NegativeWallet: Sendable, Hashable {
        public let walletID: UUID
        public let kind: String
        public let balance: Int64
        public let lowestBalance: Int64?
    }

    /// A transaction whose entries do not sum to zero, number fewer than two, or touch another asset's wallet.
    public struct UnbalancedTransaction: Sendable, Hashable {
        public let transactionID: UUID
        public let type: String
        public let entries: Int64
        public let total: Int64
        public let foreignAssetEntries: Int64
        /// Entries whose time is not their transaction's.
        public let mistimedEntries: Int64
    }

    /// A payout-clearing shard that does not hold exactly the open withdrawals (PENDING or PROCESSING, amount
    /// plus fee) it took.
    public struct ClearingMismatch: Sendable, Hashable {
        public let assetCode: String
        public let walletID: UUID
        public let clearingBalance: Int64
        public let openWithdrawals: Int64
    }

    /// A withdrawal whose ledger transactions disagree with its row (amounts in minor units; `total` is amount
    /// plus fee): see `ReconcileWithdrawalMismatches` in queries/reconcile.sql.
    public struct WithdrawalMismatch: Sendable, Hashable {
        public let disbursementID: UUID
        public let referenceID: String
        public let status: String
        public let holdStatus: String
        public let total: Int64
        public let heldFromWallet: Int64
        public let heldInClearing: Int64
        public let releasedFromClearing: Int64
        public let refundedToWallet: Int64
        public let paidToUsers: Int64
    }

    /// A transaction without exactly one TRANSACTION_CREATED event in the outbox.
    public struct OutboxGap: Sendable, Hashable {
        public let transactionID: UUID
        public let events: Int64
    }

    public let checkedAt: Date
    public let assets: Int64
    public let wallets: Int64
    public let transactions: Int64
    public let entries: Int64
    public let assetImbalances: [AssetImbalance]
    public let walletMismatches: [WalletMismatch]
    public let entryChainBreaks: [EntryChainBreak]
    public let negativeWallets: [NegativeWallet]
    public let unbalancedTransactions: [UnbalancedTransaction]
    public let clearingMismatches: [ClearingMismatch]
    public let withdrawalMismatches: [WithdrawalMismatch]
    public var outboxGaps: [OutboxGap] = []

    /// Whether every invariant holds.
    public var isClean: Bool {
        assetImbalances.isEmpty && walletMismatches.isEmpty && entryChainBreaks.isEmpty && negativeWallets.isEmpty
            && unbalancedTransactions.isEmpty && clearingMismatches.isEmpty
            && withdrawalMismatches.isEmpty && outboxGaps.isEmpty
    }

    /// One line per breach kind, for logs and the CLI.
    public var summary: String {
        var lines = [
            "checked \(assets) assets, \(wallets) wallets, \(transactions) transactions, \(entries) entries",
        ]
        lines.append("asset imbalances: \(assetImbalances.count)")
        lines.append("wallet mismatches: \(walletMismatches.count)")
        lines.append("entry chain breaks: \(entryChainBreaks.count)")
        lines.append("negative wallets: \(negativeWallets.count)")
        lines.append("unbalanced transactions: \(unbalancedTransactions.count)")
        lines.append("payout clearing mismatches: \(clearingMismatches.count)")
        lines.append("withdrawal mismatches: \(withdrawalMismatches.count)")
        lines.append("outbox gaps: \(outboxGaps.count)")
        lines.append(isClean ? "clean" : "BREACHED")
        return lines.joined(separator: "\n")
    }
}
