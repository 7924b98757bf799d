-- Ledger invariants, for `reconcile`. Each query returns breaches only; a clean ledger returns no rows.
-- They run in one read-only snapshot.

-- name: ReconcileCounts :one
SELECT (SELECT count(*) FROM assets) AS assets,
       (SELECT count(*) FROM wallets) AS wallets,
       (SELECT count(*) FROM transactions) AS transactions,
       (SELECT count(*) FROM ledger_entries) AS entries;

-- name: ReconcileAssetImbalances :many
-- Per asset, the entries of all wallets in it must sum to zero. Summed per transaction first: a sound
-- transaction nets to zero, so the outer sum stays small, where summing all entries of an asset at once
-- could pass through totals beyond bigint (SQLite's sum() then fails instead of reporting).
SELECT a.code, CAST(sum(p.entries) AS bigint) AS entries, CAST(sum(p.total) AS bigint) AS total
FROM (
    SELECT w.asset_id, e.transaction_id, count(*) AS entries, sum(e.amount) AS total
    FROM ledger_entries e
    JOIN wallets w ON w.id = e.wallet_id
    GROUP BY w.asset_id, e.transaction_id
) p
JOIN assets a ON a.id = p.asset_id
GROUP BY a.code
HAVING sum(p.total) <> 0
ORDER BY a.code;

-- name: ReconcileWalletMismatches :many
-- A wallet's cached balance and version must equal the sum and count of its entries.
SELECT w.id, w.balance, w.version,
       CAST(coalesce(s.total, 0) AS bigint) AS entries_total,
       coalesce(s.entries, 0) AS entries
FROM wallets w
LEFT JOIN (
    SELECT wallet_id, sum(amount) AS total, count(*) AS entries
    FROM ledger_entries
    GROUP BY wallet_id
) s ON s.wallet_id = w.id
WHERE w.balance <> coalesce(s.total, 0) OR w.version <> coalesce(s.entries, 0)
ORDER BY w.id
LIMIT @max_rows;

-- name: ReconcileEntryChainBreaks :many
-- Each entry's balance_after must be the running sum of its wallet's entries, and its wallet_version the
-- position in that run (1, 2, 3, …).
SELECT id, wallet_id, wallet_version, balance_after, running_total, position
FROM (
    SELECT id, wallet_id, wallet_version, balance_after,
           CAST(sum(amount) OVER (PARTITION BY wallet_id ORDER BY wallet_version) AS bigint) AS running_total,
           row_number() OVER (PARTITION BY wallet_id ORDER BY wallet_version) AS position
    FROM ledger_entries
) chain
WHERE balance_after <> running_total OR wallet_version <> position
ORDER BY wallet_id, wallet_version
LIMIT @max_rows;

-- name: ReconcileNegativeWallets :many
-- Only system wallets marked for it may go below zero, now or at any entry in their history.
SELECT w.id, w.kind, w.balance,
       (SELECT min(e.balance_after) FROM ledger_entries e WHERE e.wallet_id = w.id) AS lowest_balance
FROM wallets w
WHERE NOT w.allow_negative
  AND (w.balance < 0 OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.wallet_id = w.id AND e.balance_after < 0))
ORDER BY w.id
LIMIT @max_rows;

-- name: ReconcileUnbalancedTransactions :many
-- Every transaction's entries sum to zero, and it has at least two; their wallets hold the transaction's asset;
-- and each entry carries its transaction's time (history pages find transactions through the entries' time,
-- ledger_entries_wallet_created_idx).
SELECT t.id, t.type, count(e.id) AS entries, CAST(coalesce(sum(e.amount), 0) AS bigint) AS total,
       count(w.id) FILTER (WHERE w.asset_id <> t.asset_id) AS foreign_asset_entries,
       count(e.id) FILTER (WHERE e.created_at <> t.created_at) AS mistimed_entries
FROM transactions t
LEFT JOIN ledger_entries e ON e.transaction_id = t.id
LEFT JOIN wallets w ON w.id = e.wallet_id
GROUP BY t.id, t.type
HAVING count(e.id) < 2 OR coalesce(sum(e.amount), 0) <> 0 OR count(w.id) FILTER (WHERE w.asset_id <> t.asset_id) > 0
    OR count(e.id) FILTER (WHERE e.created_at <> t.created_at) > 0
ORDER BY t.id
LIMIT @max_rows;

-- name: ReconcileClearingMismatches :many
-- Each payout-clearing shard must hold exactly the amount plus fee of the withdrawals still open (PENDING or
-- PROCESSING) that it took: a settlement or refund that moved money without closing its withdrawal, or the
-- reverse, shows here, even when another shard's error would cancel it out in a total.
SELECT a.code, w.id AS wallet_id, w.balance AS clearing_balance,
       CAST(coalesce(sum(d.amount + d.fee), 0) AS bigint) AS open_withdrawals
FROM wallets w
JOIN assets a ON a.id = w.asset_id
LEFT JOIN disbursements d ON d.clearing_wallet_id = w.id AND d.status IN ('PENDING', 'PROCESSING')
WHERE w.kind = 'system' AND w.purpose = 'payout_clearing'
GROUP BY a.code, w.id, w.balance
HAVING w.balance <> coalesce(sum(d.amount + d.fee), 0)
ORDER BY a.code, w.id;

-- name: ReconcileWithdrawalMismatches :many
-- Each withdrawal's ledger transactions must be what its row says: the hold moved amount + fee from its wallet
-- into its clearing shard; a COMPLETED one's settlement took that out of the shard and paid no user wallet; a
-- FAILED one's refund took it out of the shard back into its wallet; an open one has neither. The hold
-- transaction's status follows the withdrawal's (pending, completed, failed).
SELECT m.id, m.reference_id, m.status, m.hold_status, m.held_from_wallet, m.held_in_clearing, m.released_from_clearing,
       m.refunded_to_wallet, m.paid_to_users, m.total
FROM (
    SELECT d.id, d.reference_id, d.status, t.status AS hold_status, d.amount + d.fee AS total,
           CAST(coalesce((SELECT sum(e.amount) FROM ledger_entries e
                          WHERE e.transaction_id = d.hold_transaction_id AND e.wallet_id = d.wallet_id), 0) AS bigint)
               AS held_from_wallet,
           CAST(coalesce((SELECT sum(e.amount) FROM ledger_entries e
                          WHERE e.transaction_id = d.hold_transaction_id AND e.wallet_id = d.clearing_wallet_id), 0)
               AS bigint) AS held_in_clearing,
           CAST(coalesce((SELECT sum(e.amount) FROM ledger_entries e
                          WHERE e.wallet_id = d.clearing_wallet_id
                            AND (e.transaction_id = d.settlement_transaction_id
                                 OR e.transaction_id = d.refund_transaction_id)), 0) AS bigint)
               AS released_from_clearing,
           CAST(coalesce((SELECT sum(e.amount) FROM ledger_entries e
                          WHERE e.transaction_id = d.refund_transaction_id AND e.wallet_id = d.wallet_id), 0) AS bigint)
               AS refunded_to_wallet,
           (SELECT count(*) FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id
            WHERE e.transaction_id = d.settlement_transaction_id AND w.kind = 'user') AS paid_to_users
    FROM disbursements d
    JOIN transactions t ON t.id = d.hold_transaction_id
) m
WHERE m.held_from_wallet <> -m.total
   OR m.held_in_clearing <> m.total
   OR m.paid_to_users <> 0
   OR (m.status IN ('PENDING', 'PROCESSING') AND (m.released_from_clearing <> 0 OR m.hold_status <> 'pending'))
   OR (m.status = 'COMPLETED' AND (m.released_from_clearing <> -m.total OR m.hold_status <> 'completed'))
   OR (m.status = 'FAILED' AND (m.released_from_clearing <> -m.total OR m.refunded_to_wallet <> m.total
                                OR m.hold_status <> 'failed'))
ORDER BY m.id
LIMIT @max_rows;

-- name: ReconcileOutboxGaps :many
-- Every transaction has exactly one TRANSACTION_CREATED event (written by its own database transaction: none
-- means an event was lost, two that one was written twice).
SELECT t.id, coalesce(c.events, 0) AS events
FROM transactions t
LEFT JOIN (
    SELECT transaction_id, count(*) AS events
    FROM events
    WHERE type = 'transaction_created'
    GROUP BY transaction_id
) c ON c.transaction_id = t.id
WHERE coalesce(c.events, 0) <> 1
ORDER BY t.id
LIMIT @max_rows;
