-- Reads for the GraphQL API (issue 6): connection pages, their counts, and batched loads (one statement per
-- level of a query, `= ANY(@ids)`).
--
-- Connections are newest first by (created_at DESC, id DESC), paged by keyset: `after_*` is the (created_at, id)
-- of the last row seen going forward (older rows follow), `before_*` of the first row seen going backward.
-- Each page query exists twice: *Newest reads forward (descending), *Oldest reads backward (ascending; the
-- caller reverses the rows), so that both can walk an index instead of sorting. Callers ask for one row more
-- than the page to learn whether another page follows.
--
-- Transaction filters (TransactionFilter): a NULL parameter, or a NULL list, is no constraint.
-- `wallet_id` keeps transactions that touch that wallet, and only when the viewer owns it (`viewer_id` NULL
-- is an admin, who may filter by any wallet). `min_table` / `max_table` hold the amount bounds converted to
-- minor units for every scale 0…18, 20 characters each (sign and 19 zero-padded digits; see
-- `AmountBounds` in Swift): each transaction is compared with the bound at its own asset's scale.

-- name: ListTransactionsNewest :many
-- A page of the viewer's transactions (every transaction when `viewer_id` is NULL, for an admin), newest first.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE (sqlc.narg(viewer_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries ve JOIN wallets vw ON vw.id = ve.wallet_id
        WHERE ve.transaction_id = t.id AND vw.owner_id = sqlc.narg(viewer_id)))
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
ORDER BY t.created_at DESC, t.id DESC
LIMIT @page_size;

-- name: ListTransactionsOldest :many
-- ListTransactionsNewest read backward (oldest first), for `last`/`before`.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE (sqlc.narg(viewer_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries ve JOIN wallets vw ON vw.id = ve.wallet_id
        WHERE ve.transaction_id = t.id AND vw.owner_id = sqlc.narg(viewer_id)))
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
ORDER BY t.created_at, t.id
LIMIT @page_size;

-- name: CountTransactionsMatching :one
-- totalCount of Query.transactions: every match across all pages (cursors do not apply).
SELECT count(*) AS total
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE (sqlc.narg(viewer_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries ve JOIN wallets vw ON vw.id = ve.wallet_id
        WHERE ve.transaction_id = t.id AND vw.owner_id = sqlc.narg(viewer_id)))
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint));

-- name: ListWalletTransactionsNewest :many
-- A page of transactions for each wallet in `wallet_ids` (already visible to the viewer), newest first:
-- one statement for the Wallet.transactions of every wallet at one level. `rank` numbers the rows per wallet.
SELECT page_wallet_id, id, type, status, asset_id, amount, description, initiator_id, idempotency_key, created_at, updated_at, rank
FROM (
    SELECT e.wallet_id AS page_wallet_id, t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY t.created_at DESC, t.id DESC) AS rank
    FROM ledger_entries e
    JOIN transactions t ON t.id = e.transaction_id
    JOIN assets a ON a.id = t.asset_id
    WHERE e.wallet_id = ANY(@wallet_ids::uuid[])
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
) ranked
WHERE rank <= @per_wallet
ORDER BY page_wallet_id, rank;

-- name: ListWalletTransactionsOldest :many
-- ListWalletTransactionsNewest read backward (oldest first), for `last`/`before`.
SELECT page_wallet_id, id, type, status, asset_id, amount, description, initiator_id, idempotency_key, created_at, updated_at, rank
FROM (
    SELECT e.wallet_id AS page_wallet_id, t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY t.created_at, t.id) AS rank
    FROM ledger_entries e
    JOIN transactions t ON t.id = e.transaction_id
    JOIN assets a ON a.id = t.asset_id
    WHERE e.wallet_id = ANY(@wallet_ids::uuid[])
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (t.created_at, t.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
) ranked
WHERE rank <= @per_wallet
ORDER BY page_wallet_id, rank;

-- name: CountWalletTransactions :many
-- totalCount of Wallet.transactions, for every wallet at one level.
SELECT e.wallet_id, count(*) AS total
FROM ledger_entries e
JOIN transactions t ON t.id = e.transaction_id
JOIN assets a ON a.id = t.asset_id
WHERE e.wallet_id = ANY(@wallet_ids::uuid[])
  AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
        WHERE fe.transaction_id = t.id AND fe.wallet_id = sqlc.narg(wallet_id)
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
GROUP BY e.wallet_id;

-- name: ListWalletEntriesNewest :many
-- A page of ledger entries for each wallet in `wallet_ids`, newest first (Wallet.entries, batched).
SELECT id, transaction_id, line, wallet_id, wallet_owner_id, amount, balance_after, wallet_version, created_at, rank
FROM (
    SELECT e.id, e.transaction_id, e.line, e.wallet_id, w.owner_id AS wallet_owner_id, e.amount, e.balance_after, e.wallet_version, e.created_at,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY e.created_at DESC, e.id DESC) AS rank
    FROM ledger_entries e
    JOIN wallets w ON w.id = e.wallet_id
    WHERE e.wallet_id = ANY(@wallet_ids::uuid[])
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (e.created_at, e.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (e.created_at, e.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
) ranked
WHERE rank <= @per_wallet
ORDER BY wallet_id, rank;

-- name: ListWalletEntriesOldest :many
-- ListWalletEntriesNewest read backward (oldest first), for `last`/`before`.
SELECT id, transaction_id, line, wallet_id, wallet_owner_id, amount, balance_after, wallet_version, created_at, rank
FROM (
    SELECT e.id, e.transaction_id, e.line, e.wallet_id, w.owner_id AS wallet_owner_id, e.amount, e.balance_after, e.wallet_version, e.created_at,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY e.created_at, e.id) AS rank
    FROM ledger_entries e
    JOIN wallets w ON w.id = e.wallet_id
    WHERE e.wallet_id = ANY(@wallet_ids::uuid[])
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR (e.created_at, e.id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
  AND (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (e.created_at, e.id) > (sqlc.narg(before_created_at), sqlc.narg(before_id)::uuid))
) ranked
WHERE rank <= @per_wallet
ORDER BY wallet_id, rank;

-- name: CountWalletEntries :many
-- totalCount of Wallet.entries, for every wallet at one level.
SELECT wallet_id, count(*) AS total
FROM ledger_entries
WHERE wallet_id = ANY(@wallet_ids::uuid[])
GROUP BY wallet_id;

-- name: ListUserProfilesByIDs :many
-- Users with their profiles (Wallet.owner, batched). Never the password hash.
SELECT id, username, name, email, phone, nik, role, token_version, created_at
FROM users
WHERE id = ANY(@ids::uuid[]);

-- name: ListWalletsByOwners :many
-- User.wallets, batched.
SELECT * FROM wallets WHERE owner_id = ANY(@owner_ids::uuid[]) ORDER BY created_at, id;

-- name: GetVisibleTransaction :one
-- A transaction that touches one of the viewer's wallets (any transaction when `viewer_id` is NULL).
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key,
       t.created_at, t.updated_at
FROM transactions t
WHERE t.id = @id
  AND (sqlc.narg(viewer_id)::uuid IS NULL OR EXISTS (
        SELECT 1 FROM ledger_entries ve JOIN wallets vw ON vw.id = ve.wallet_id
        WHERE ve.transaction_id = t.id AND vw.owner_id = sqlc.narg(viewer_id)));

-- name: GetVisibleEntry :one
-- A ledger entry on one of the viewer's wallets (any entry when `viewer_id` is NULL).
SELECT e.id, e.transaction_id, e.line, e.wallet_id, w.owner_id AS wallet_owner_id, e.amount, e.balance_after,
       e.wallet_version, e.created_at, w.asset_id
FROM ledger_entries e
JOIN wallets w ON w.id = e.wallet_id
WHERE e.id = @id
  AND (sqlc.narg(viewer_id)::uuid IS NULL OR w.owner_id = sqlc.narg(viewer_id));

-- name: ListTransferParties :many
-- The user side of transfers (Transaction.counterparty, batched): each entry on a user wallet, with its owner.
-- The debited entry (amount < 0) is the sender, the credited one the receiver.
SELECT e.transaction_id, e.amount, u.id AS user_id, u.username, u.name
FROM ledger_entries e
JOIN transactions t ON t.id = e.transaction_id
JOIN wallets w ON w.id = e.wallet_id
JOIN users u ON u.id = w.owner_id
WHERE e.transaction_id = ANY(@transaction_ids::uuid[]) AND t.type = 'transfer'
ORDER BY e.transaction_id, e.line;
