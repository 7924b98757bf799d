-- name: Broken :one
SELECT id, FROM accounts WHERE id = $1;
