-- name: GetAccount :many
SELECT id FROM accounts;
