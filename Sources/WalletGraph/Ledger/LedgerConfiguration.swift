import SQLDriver

/// How a ``Ledger`` behaves.
public struct LedgerConfiguration: Sendable {
    /// Whether users may top up their own wallets, as in the seeds: a development and demo convenience, so off
    /// unless asked for.
    public var allowSelfTopUp: Bool
    /// How many shards each system wallet of a new asset gets, so that top-ups and spends into different
    /// wallets do not queue on one row (docs/ledger.md measures it).
    public var systemShards: Int
    /// How often a transaction that hit a deadlock, a serialization failure or a busy database runs again.
    public var retry: SQLRetryPolicy
    /// Withdrawal limits and the hold timeout.
    public var withdrawals: WithdrawalPolicy
    /// The most active wallets one user may hold, all assets together (`MAX_WALLETS_PER_USER`); a wallet past it
    /// is refused with ``ErrorCode/walletLimitReached``. Checked under the owner's row lock.
    public var maxWalletsPerUser: Int
    /// Whether money operations write their outbox events (docs/events.md). Always on in the server; only the
    /// ledger benchmark turns it off, to measure what the outbox costs. With it off the feed, subscriptions and
    /// webhooks see nothing.
    public var recordsEvents = true
    public static let defaultMaxWalletsPerUser = 20

    public init(
        allowSelfTopUp: Bool = false, systemShards: Int = 16, retry: SQLRetryPolicy = .standard,
        withdrawals: WithdrawalPolicy = WithdrawalPolicy(), maxWalletsPerUser: Int = defaultMaxWalletsPerUser
    ) {
        self.allowSelfTopUp = allowSelfTopUp
        self.maxWalletsPerUser = max(1, maxWalletsPerUser)
        self.withdrawals = withdrawals
        self.systemShards = max(1, min(systemShards, 256))
        self.retry = retry
    }
}
