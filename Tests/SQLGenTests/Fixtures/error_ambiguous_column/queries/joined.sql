-- name: Joined :many
SELECT id, amount
FROM accounts a JOIN entries e ON e.account_id = a.id;
