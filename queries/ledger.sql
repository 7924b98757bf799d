-- Transactions and their ledger entries. Entries are append-only; a transaction's entries sum to zero.

-- name: InsertTransaction :execdeferred
INSERT INTO transactions (id, type, status, asset_id, amount, description, initiator_id, idempotency_key,
                          created_at, updated_at)
VALUES (@id, @type, @status, @asset_id, @amount, sqlc.narg(description), sqlc.narg(initiator_id),
        sqlc.narg(idempotency_key), @now, @now);

-- name: PostLedgerEntry :execdeferred
-- An entry of a locked wallet that ApplyWalletDelta has just moved. It records the wallet's state only when that
-- state is exactly the planned one: otherwise balance_after is NULL and the insert fails, which fails the
-- transaction before its COMMIT. So the check holds even when the writes travel unanswered with COMMIT.
INSERT INTO ledger_entries (id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, created_at)
VALUES (@id, @transaction_id, @line, @wallet_id, @amount,
        (SELECT w.balance FROM wallets w
         WHERE w.id = @wallet_id AND w.balance = @balance_after AND w.version = @wallet_version),
        @wallet_version, @created_at);

-- name: GetTransaction :one
SELECT * FROM transactions WHERE id = $1;

-- name: ListTransactionsByIDs :many
SELECT * FROM transactions WHERE id = ANY(@ids::uuid[]) ORDER BY created_at, id;

-- name: ListEntriesForTransactions :many
-- With each wallet's owner, so that a caller can show a user only the entries on their own wallets.
SELECT sqlc.embed(e), w.owner_id AS wallet_owner_id
FROM ledger_entries e
JOIN wallets w ON w.id = e.wallet_id
WHERE e.transaction_id = ANY(@transaction_ids::uuid[])
ORDER BY e.transaction_id, e.line;
