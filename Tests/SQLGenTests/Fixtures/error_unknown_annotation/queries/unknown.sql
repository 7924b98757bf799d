-- name: GetAccount :first
SELECT id FROM accounts WHERE id = $1;
