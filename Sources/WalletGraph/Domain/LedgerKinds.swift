/// Whose a wallet is.
public enum WalletKind: String, Sendable, Hashable {
    /// Owned by a user; never below zero.
    case user
    /// The ledger's own side of top-ups, spends, bonuses, fees and payouts; no owner.
    case system
}

/// Whether money may move out of or into a wallet.
public enum WalletStatus: String, Sendable, Hashable {
    case active
    case frozen
}

/// What a system wallet stands for. Each asset has every purpose, in several shards.
public enum SystemPurpose: String, Sendable, Hashable, CaseIterable {
    /// The source of top-ups: money held at the bank. Goes negative as users top up.
    case funding
    /// Where spent value goes.
    case redemption
    /// The source of bonuses. Goes negative as bonuses are granted.
    case bonusExpense = "bonus_expense"
    /// Fees earned.
    case feeRevenue = "fee_revenue"
    /// Money on its way out to a bank or e-wallet, between a withdrawal and its outcome.
    case payoutClearing = "payout_clearing"

    /// Whether the wallet's balance may go below zero: only the two that stand for money coming in from
    /// outside the ledger.
    public var allowsNegative: Bool { self == .funding || self == .bonusExpense }
}

/// What a transaction does. Stored lowercase in `transactions.type`.
public enum TransactionType: String, Sendable, Hashable, CaseIterable {
    case topUp = "topup"
    case spend
    case bonus
    case transfer
    case withdrawal
    case withdrawalSettlement = "withdrawal_settlement"
    case withdrawalRefund = "withdrawal_refund"
}

/// Where a transaction stands. Top-ups, spends, bonuses and transfers are completed when they exist.
public enum TransactionStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case completed
    case failed
}
