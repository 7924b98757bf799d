-- name: GetAccount :one
SELECT id, ownr FROM accounts WHERE id = $1;

-- name: SetBalance :exec
UPDATE accounts SET balanse = $1 WHERE id = $2;
