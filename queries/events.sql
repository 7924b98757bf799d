-- The outbox (migrations 0005, docs/events.md): written by every money operation in its own transaction, read
-- as a feed in (xact, position) order. Every read serves only rows below the commit horizon,
-- txid_snapshot_xmin(txid_current_snapshot()) (SQLite: no limit), so that nothing can later appear before a
-- cursor already handed out.

-- name: InsertEvent :execdeferred
INSERT INTO events (type, wallet_id, owner_id, peer_wallet_id, peer_owner_id, transaction_id, disbursement_id,
                    wallet_version, balance, status, occurred_at)
VALUES (@type, sqlc.narg(wallet_id), sqlc.narg(owner_id), sqlc.narg(peer_wallet_id), sqlc.narg(peer_owner_id),
        sqlc.narg(transaction_id), sqlc.narg(disbursement_id), sqlc.narg(wallet_version), sqlc.narg(balance),
        sqlc.narg(status), @occurred_at);

-- name: ListEvents :many
-- Every event after the cursor (an admin's feed, and the webhooks'), oldest first.
SELECT * FROM events
WHERE (xact, position) > (@after_xact, @after_position)
  AND xact < txid_snapshot_xmin(txid_current_snapshot())
  AND (@types::text[] IS NULL OR type = ANY(@types))
ORDER BY xact, position
LIMIT @page_size;

-- name: ListOperatorEvents :many
-- An operator's feed: the events of their own wallets and every withdrawal's status change.
SELECT * FROM events
WHERE (xact, position) > (@after_xact, @after_position)
  AND xact < txid_snapshot_xmin(txid_current_snapshot())
  AND (owner_id = @viewer_id OR peer_owner_id = @viewer_id OR type = 'disbursement_status_changed')
  AND (@types::text[] IS NULL OR type = ANY(@types))
ORDER BY xact, position
LIMIT @page_size;

-- name: ListOwnerEvents :many
-- The events of one user's wallets: those about them, and the transfers they received (peer). Each side is read
-- in index order from the cursor and stops after the page.
SELECT * FROM (
    SELECT * FROM (
        SELECT * FROM events
        WHERE owner_id = @owner_id AND (xact, position) > (@after_xact, @after_position)
          AND xact < txid_snapshot_xmin(txid_current_snapshot())
          AND (@types::text[] IS NULL OR type = ANY(@types))
        ORDER BY xact, position
        LIMIT @page_size
    ) own
    UNION ALL
    SELECT * FROM (
        SELECT * FROM events
        WHERE peer_owner_id = @owner_id AND (xact, position) > (@after_xact, @after_position)
          AND xact < txid_snapshot_xmin(txid_current_snapshot())
          AND (@types::text[] IS NULL OR type = ANY(@types))
        ORDER BY xact, position
        LIMIT @page_size
    ) received
) feed
ORDER BY xact, position
LIMIT @page_size;

-- name: ListWalletEvents :many
-- The events of one wallet, as ListOwnerEvents reads a user's.
SELECT * FROM (
    SELECT * FROM (
        SELECT * FROM events
        WHERE wallet_id = @wallet_id AND (xact, position) > (@after_xact, @after_position)
          AND xact < txid_snapshot_xmin(txid_current_snapshot())
          AND (@types::text[] IS NULL OR type = ANY(@types))
        ORDER BY xact, position
        LIMIT @page_size
    ) own
    UNION ALL
    SELECT * FROM (
        SELECT * FROM events
        WHERE peer_wallet_id = @wallet_id AND (xact, position) > (@after_xact, @after_position)
          AND xact < txid_snapshot_xmin(txid_current_snapshot())
          AND (@types::text[] IS NULL OR type = ANY(@types))
        ORDER BY xact, position
        LIMIT @page_size
    ) received
) feed
ORDER BY xact, position
LIMIT @page_size;

-- name: GetEvent :one
-- An event by its position, once it is below the commit horizon (node(id:)).
SELECT * FROM events
WHERE position = @position AND xact < txid_snapshot_xmin(txid_current_snapshot());

-- name: GetEventsTail :one
-- The last event a reader can be served now: where a subscription with no cursor starts.
SELECT xact, position FROM events
WHERE xact < txid_snapshot_xmin(txid_current_snapshot())
ORDER BY xact DESC, position DESC
LIMIT 1;

-- name: ListWalletEntriesAfter :many
-- A wallet's entries after a version, oldest first: walletUpdated's source. A wallet's versions commit in
-- order (its row is locked), so this needs no horizon.
SELECT * FROM ledger_entries
WHERE wallet_id = @wallet_id AND wallet_version > @after_version
ORDER BY wallet_version
LIMIT @page_size;
