-- name: AccountsWithEntries :many
SELECT a.id AS account, sqlc.embed(e)
FROM accounts a
LEFT JOIN entries e ON e.account_id = a.id;
