-- name: OwnerSummary :one
-- row: OwnerBalance
SELECT owner, balance FROM accounts WHERE id = $1;

-- name: OwnerNotes :many
-- row: OwnerBalance
SELECT owner, note FROM accounts;
