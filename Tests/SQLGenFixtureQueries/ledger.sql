-- Query shapes over the ledger: a table star with a joined column and a nullable keyset.

-- name: ListEntriesForWallet :many
-- Newest first; pass the last row's version to get the next page.
SELECT e.*, w.owner_id AS wallet_owner_id
FROM ledger_entries e
JOIN wallets w ON w.id = e.wallet_id
WHERE e.wallet_id = @wallet_id
  AND (sqlc.narg(before_version)::bigint IS NULL OR e.wallet_version < sqlc.narg(before_version))
ORDER BY e.wallet_version DESC
LIMIT @page_size;

-- name: InsertLedgerEntry :exec
-- An entry written as given, with no check against its wallet: how reconcile's tests forge a broken ledger.
INSERT INTO ledger_entries (id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, created_at)
VALUES (@id, @transaction_id, @line, @wallet_id, @amount, @balance_after, @wallet_version, @created_at);
