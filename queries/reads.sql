-- Reads for the GraphQL API (issue 6): connection pages, their counts, and batched loads (one statement per
-- level of a query, `= ANY(@ids)`).
--
-- Connections are newest first by (created_at DESC, id DESC), paged by keyset: `after_*` is the (created_at, id)
-- of the last row seen going forward (older rows follow), `before_*` of the first row seen going backward.
-- Both bounds are always given (Swift passes a far-future / far-past sentinel for a missing cursor, see
-- `PageRequest.bounds`), so that they are plain range conditions an index can seek to on both engines.
-- Each page query exists twice: *Newest reads forward (descending), *Oldest reads backward (ascending; the
-- caller reverses the rows), so that both can walk an index instead of sorting. Callers ask for one row more
-- than the page to learn whether another page follows.
--
-- History is read through ledger_entries (wallet_id, created_at, transaction_id) (migration 0003): an entry's
-- created_at is its transaction's and a wallet has at most one entry per transaction, so a wallet's entries in
-- that index are its transactions in page order. A page of a wallet is bounded by a "cutoff": the created_at
-- of the `limit`-th matching row of that wallet from the cursor (`min`/`max` over an index-ordered LIMIT, NULL
-- when nothing matches). Rows at or past the cutoff hold the page; ties on created_at are settled by the final
-- ORDER BY / row_number. Neither engine then reads more than the page (plus the rows the filters reject) per
-- wallet, whatever the size of the ledger (docs/api.md, "Query plans").
--
-- Transaction filters (TransactionFilter): a NULL parameter, or a NULL list, is no constraint.
-- `wallet_id` keeps transactions that touch that wallet, and only when the viewer owns it (`viewer_id` NULL
-- is an admin, who may filter by any wallet). `min_table` / `max_table` hold the amount bounds converted to
-- minor units for every scale 0…18, 20 characters each (sign and 19 zero-padded digits; see
-- `AmountBounds` in Swift): each transaction is compared with the bound at its own asset's scale.

-- name: ListTransactionsNewest :many
-- Every transaction (an admin's Query.transactions without a `walletId` filter), newest first: walks
-- transactions_created_idx from the cursor.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE true
  AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
ORDER BY t.created_at DESC, t.id DESC
LIMIT @page_size;

-- name: ListTransactionsOldest :many
-- ListTransactionsNewest read backward (oldest first), for `last`/`before`.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE true
  AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
ORDER BY t.created_at, t.id
LIMIT @page_size;

-- name: CountTransactionsMatching :one
-- totalCount of an admin's Query.transactions without a `walletId` filter: every match across all pages.
SELECT count(*) AS total
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE true
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint));

-- name: ListUserTransactionsNewest :many
-- A page of a user's Query.transactions, newest first: the transactions touching the viewer's wallets
-- (only `wallet_id`, when given and theirs). Each wallet contributes the first `page_size` matches from the
-- cursor (its cutoff); `IN` keeps a transaction between two of the user's own wallets once.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE t.id IN (
    SELECT e.transaction_id
    FROM wallets w
    CROSS JOIN ledger_entries e
    WHERE e.wallet_id = w.id AND w.owner_id = @viewer_id
      AND (sqlc.narg(wallet_id)::uuid IS NULL OR w.id = sqlc.narg(wallet_id))
      AND e.created_at <= @after_created_at::timestamptz
      AND e.created_at >= (
          SELECT min(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              JOIN transactions kt ON kt.id = ke.transaction_id
              JOIN assets ka ON ka.id = kt.asset_id
              WHERE ke.wallet_id = w.id
                AND (ke.created_at, ke.transaction_id) < (@after_created_at::timestamptz, @after_id::uuid)
                AND (ke.created_at, ke.transaction_id) > (@before_created_at::timestamptz, @before_id::uuid)
                AND (sqlc.narg(types)::text[] IS NULL OR kt.type = ANY(sqlc.narg(types)))
                AND (sqlc.narg(statuses)::text[] IS NULL OR kt.status = ANY(sqlc.narg(statuses)))
                AND (sqlc.narg(created_after)::timestamptz IS NULL OR kt.created_at >= sqlc.narg(created_after))
                AND (sqlc.narg(created_before)::timestamptz IS NULL OR kt.created_at < sqlc.narg(created_before))
                AND (sqlc.narg(min_table)::text IS NULL OR kt.amount >= CAST(substr(sqlc.narg(min_table), ka.scale * 20 + 1, 20) AS bigint))
                AND (sqlc.narg(max_table)::text IS NULL OR kt.amount <= CAST(substr(sqlc.narg(max_table), ka.scale * 20 + 1, 20) AS bigint))
              ORDER BY ke.created_at DESC
              LIMIT @page_size) k))
  AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
ORDER BY t.created_at DESC, t.id DESC
LIMIT @page_size;

-- name: ListUserTransactionsOldest :many
-- ListUserTransactionsNewest read backward (oldest first), for `last`/`before`.
SELECT t.id, t.type, t.status, t.asset_id, t.amount, t.description, t.initiator_id, t.idempotency_key, t.created_at, t.updated_at
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE t.id IN (
    SELECT e.transaction_id
    FROM wallets w
    CROSS JOIN ledger_entries e
    WHERE e.wallet_id = w.id AND w.owner_id = @viewer_id
      AND (sqlc.narg(wallet_id)::uuid IS NULL OR w.id = sqlc.narg(wallet_id))
      AND e.created_at >= @before_created_at::timestamptz
      AND e.created_at <= (
          SELECT max(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              JOIN transactions kt ON kt.id = ke.transaction_id
              JOIN assets ka ON ka.id = kt.asset_id
              WHERE ke.wallet_id = w.id
                AND (ke.created_at, ke.transaction_id) < (@after_created_at::timestamptz, @after_id::uuid)
                AND (ke.created_at, ke.transaction_id) > (@before_created_at::timestamptz, @before_id::uuid)
                AND (sqlc.narg(types)::text[] IS NULL OR kt.type = ANY(sqlc.narg(types)))
                AND (sqlc.narg(statuses)::text[] IS NULL OR kt.status = ANY(sqlc.narg(statuses)))
                AND (sqlc.narg(created_after)::timestamptz IS NULL OR kt.created_at >= sqlc.narg(created_after))
                AND (sqlc.narg(created_before)::timestamptz IS NULL OR kt.created_at < sqlc.narg(created_before))
                AND (sqlc.narg(min_table)::text IS NULL OR kt.amount >= CAST(substr(sqlc.narg(min_table), ka.scale * 20 + 1, 20) AS bigint))
                AND (sqlc.narg(max_table)::text IS NULL OR kt.amount <= CAST(substr(sqlc.narg(max_table), ka.scale * 20 + 1, 20) AS bigint))
              ORDER BY ke.created_at
              LIMIT @page_size) k))
  AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
ORDER BY t.created_at, t.id
LIMIT @page_size;

-- name: CountUserTransactions :one
-- totalCount of a user's Query.transactions: read through the user's own entries, never the whole ledger.
SELECT count(*) AS total
FROM transactions t
JOIN assets a ON a.id = t.asset_id
WHERE t.id IN (
    SELECT e.transaction_id
    FROM wallets w
    JOIN ledger_entries e ON e.wallet_id = w.id
    WHERE w.owner_id = @viewer_id
      AND (sqlc.narg(wallet_id)::uuid IS NULL OR w.id = sqlc.narg(wallet_id)))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint));

-- name: ListWalletTransactionsNewest :many
-- A page of transactions for each wallet in `wallet_ids` (already visible to the viewer), newest first:
-- one statement for the Wallet.transactions of every wallet at one level (also an admin's Query.transactions
-- with a `walletId` filter). Each wallet's rows are bounded by its cutoff; `rank` numbers them per wallet.
SELECT page_wallet_id, id, type, status, asset_id, amount, description, initiator_id, idempotency_key, created_at, updated_at, rank
FROM (
    SELECT w.id AS page_wallet_id, sqlc.embed(t),
           row_number() OVER (PARTITION BY w.id ORDER BY t.created_at DESC, t.id DESC) AS rank
    FROM wallets w
    CROSS JOIN ledger_entries e
    JOIN transactions t ON t.id = e.transaction_id
    JOIN assets a ON a.id = t.asset_id
    WHERE e.wallet_id = w.id AND w.id = ANY(@wallet_ids::uuid[])
      AND e.created_at <= @after_created_at::timestamptz
      AND e.created_at >= (
          SELECT min(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              JOIN transactions kt ON kt.id = ke.transaction_id
              JOIN assets ka ON ka.id = kt.asset_id
              WHERE ke.wallet_id = w.id
                AND (ke.created_at, ke.transaction_id) < (@after_created_at::timestamptz, @after_id::uuid)
                AND (ke.created_at, ke.transaction_id) > (@before_created_at::timestamptz, @before_id::uuid)
                AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
                      SELECT 1 FROM ledger_entries kfe JOIN wallets kfw ON kfw.id = kfe.wallet_id
                      WHERE kfe.wallet_id = sqlc.narg(wallet_id) AND kfe.created_at = kt.created_at AND kfe.transaction_id = kt.id
                        AND (sqlc.narg(viewer_id)::uuid IS NULL OR kfw.owner_id = sqlc.narg(viewer_id))))
                AND (sqlc.narg(types)::text[] IS NULL OR kt.type = ANY(sqlc.narg(types)))
                AND (sqlc.narg(statuses)::text[] IS NULL OR kt.status = ANY(sqlc.narg(statuses)))
                AND (sqlc.narg(created_after)::timestamptz IS NULL OR kt.created_at >= sqlc.narg(created_after))
                AND (sqlc.narg(created_before)::timestamptz IS NULL OR kt.created_at < sqlc.narg(created_before))
                AND (sqlc.narg(min_table)::text IS NULL OR kt.amount >= CAST(substr(sqlc.narg(min_table), ka.scale * 20 + 1, 20) AS bigint))
                AND (sqlc.narg(max_table)::text IS NULL OR kt.amount <= CAST(substr(sqlc.narg(max_table), ka.scale * 20 + 1, 20) AS bigint))
              ORDER BY ke.created_at DESC
              LIMIT @per_wallet) k)
      AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
      AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
      AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
            SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
            WHERE fe.wallet_id = sqlc.narg(wallet_id) AND fe.created_at = t.created_at AND fe.transaction_id = t.id
              AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
      AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
      AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
      AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
      AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
      AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
      AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
) ranked
WHERE rank <= @per_wallet
ORDER BY page_wallet_id, rank;

-- name: ListWalletTransactionsOldest :many
-- ListWalletTransactionsNewest read backward (oldest first), for `last`/`before`.
SELECT page_wallet_id, id, type, status, asset_id, amount, description, initiator_id, idempotency_key, created_at, updated_at, rank
FROM (
    SELECT w.id AS page_wallet_id, sqlc.embed(t),
           row_number() OVER (PARTITION BY w.id ORDER BY t.created_at, t.id) AS rank
    FROM wallets w
    CROSS JOIN ledger_entries e
    JOIN transactions t ON t.id = e.transaction_id
    JOIN assets a ON a.id = t.asset_id
    WHERE e.wallet_id = w.id AND w.id = ANY(@wallet_ids::uuid[])
      AND e.created_at >= @before_created_at::timestamptz
      AND e.created_at <= (
          SELECT max(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              JOIN transactions kt ON kt.id = ke.transaction_id
              JOIN assets ka ON ka.id = kt.asset_id
              WHERE ke.wallet_id = w.id
                AND (ke.created_at, ke.transaction_id) < (@after_created_at::timestamptz, @after_id::uuid)
                AND (ke.created_at, ke.transaction_id) > (@before_created_at::timestamptz, @before_id::uuid)
                AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
                      SELECT 1 FROM ledger_entries kfe JOIN wallets kfw ON kfw.id = kfe.wallet_id
                      WHERE kfe.wallet_id = sqlc.narg(wallet_id) AND kfe.created_at = kt.created_at AND kfe.transaction_id = kt.id
                        AND (sqlc.narg(viewer_id)::uuid IS NULL OR kfw.owner_id = sqlc.narg(viewer_id))))
                AND (sqlc.narg(types)::text[] IS NULL OR kt.type = ANY(sqlc.narg(types)))
                AND (sqlc.narg(statuses)::text[] IS NULL OR kt.status = ANY(sqlc.narg(statuses)))
                AND (sqlc.narg(created_after)::timestamptz IS NULL OR kt.created_at >= sqlc.narg(created_after))
                AND (sqlc.narg(created_before)::timestamptz IS NULL OR kt.created_at < sqlc.narg(created_before))
                AND (sqlc.narg(min_table)::text IS NULL OR kt.amount >= CAST(substr(sqlc.narg(min_table), ka.scale * 20 + 1, 20) AS bigint))
                AND (sqlc.narg(max_table)::text IS NULL OR kt.amount <= CAST(substr(sqlc.narg(max_table), ka.scale * 20 + 1, 20) AS bigint))
              ORDER BY ke.created_at
              LIMIT @per_wallet) k)
      AND (t.created_at, t.id) < (@after_created_at::timestamptz, @after_id::uuid)
      AND (t.created_at, t.id) > (@before_created_at::timestamptz, @before_id::uuid)
      AND (sqlc.narg(wallet_id)::uuid IS NULL OR EXISTS (
            SELECT 1 FROM ledger_entries fe JOIN wallets fw ON fw.id = fe.wallet_id
            WHERE fe.wallet_id = sqlc.narg(wallet_id) AND fe.created_at = t.created_at AND fe.transaction_id = t.id
              AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
      AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
      AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
      AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
      AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
      AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
      AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
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
        WHERE fe.wallet_id = sqlc.narg(wallet_id) AND fe.created_at = t.created_at AND fe.transaction_id = t.id
          AND (sqlc.narg(viewer_id)::uuid IS NULL OR fw.owner_id = sqlc.narg(viewer_id))))
  AND (sqlc.narg(types)::text[] IS NULL OR t.type = ANY(sqlc.narg(types)))
  AND (sqlc.narg(statuses)::text[] IS NULL OR t.status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR t.created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR t.created_at < sqlc.narg(created_before))
  AND (sqlc.narg(min_table)::text IS NULL OR t.amount >= CAST(substr(sqlc.narg(min_table), a.scale * 20 + 1, 20) AS bigint))
  AND (sqlc.narg(max_table)::text IS NULL OR t.amount <= CAST(substr(sqlc.narg(max_table), a.scale * 20 + 1, 20) AS bigint))
GROUP BY e.wallet_id;

-- name: ListWalletEntriesNewest :many
-- A page of ledger entries for each wallet in `wallet_ids`, newest first (Wallet.entries, batched), each
-- wallet's rows bounded by its cutoff. The created_at bounds repeat the cursors so that the index can seek.
SELECT id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, created_at, wallet_owner_id, rank
FROM (
    SELECT sqlc.embed(e), w.owner_id AS wallet_owner_id,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY e.created_at DESC, e.id DESC) AS rank
    FROM wallets w
    CROSS JOIN ledger_entries e
    WHERE e.wallet_id = w.id AND w.id = ANY(@wallet_ids::uuid[])
      AND e.created_at <= @after_created_at::timestamptz
      AND e.created_at >= (
          SELECT min(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              WHERE ke.wallet_id = w.id
                AND ke.created_at <= @after_created_at::timestamptz AND ke.created_at >= @before_created_at::timestamptz
                AND NOT (ke.created_at = @after_created_at::timestamptz AND ke.id >= @after_id::uuid)
                AND NOT (ke.created_at = @before_created_at::timestamptz AND ke.id <= @before_id::uuid)
              ORDER BY ke.created_at DESC
              LIMIT @per_wallet) k)
      AND NOT (e.created_at = @after_created_at::timestamptz AND e.id >= @after_id::uuid)
      AND NOT (e.created_at = @before_created_at::timestamptz AND e.id <= @before_id::uuid)
) ranked
WHERE rank <= @per_wallet
ORDER BY wallet_id, rank;

-- name: ListWalletEntriesOldest :many
-- ListWalletEntriesNewest read backward (oldest first), for `last`/`before`.
SELECT id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, created_at, wallet_owner_id, rank
FROM (
    SELECT sqlc.embed(e), w.owner_id AS wallet_owner_id,
           row_number() OVER (PARTITION BY e.wallet_id ORDER BY e.created_at, e.id) AS rank
    FROM wallets w
    CROSS JOIN ledger_entries e
    WHERE e.wallet_id = w.id AND w.id = ANY(@wallet_ids::uuid[])
      AND e.created_at >= @before_created_at::timestamptz
      AND e.created_at <= (
          SELECT max(k.created_at) FROM (
              SELECT ke.created_at
              FROM ledger_entries ke
              WHERE ke.wallet_id = w.id
                AND ke.created_at <= @after_created_at::timestamptz AND ke.created_at >= @before_created_at::timestamptz
                AND NOT (ke.created_at = @after_created_at::timestamptz AND ke.id >= @after_id::uuid)
                AND NOT (ke.created_at = @before_created_at::timestamptz AND ke.id <= @before_id::uuid)
              ORDER BY ke.created_at
              LIMIT @per_wallet) k)
      AND NOT (e.created_at = @after_created_at::timestamptz AND e.id >= @after_id::uuid)
      AND NOT (e.created_at = @before_created_at::timestamptz AND e.id <= @before_id::uuid)
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
-- row: UserProfileRow
-- Users with their profiles (Wallet.owner, batched). Never the password hash.
SELECT id, username, name, email, phone, nik, role, token_version, created_at, updated_at
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
SELECT sqlc.embed(e), w.owner_id AS wallet_owner_id, w.asset_id
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
