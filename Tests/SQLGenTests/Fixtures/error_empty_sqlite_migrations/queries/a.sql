-- name: GetAccount :one
SELECT id FROM accounts WHERE id = $1;
