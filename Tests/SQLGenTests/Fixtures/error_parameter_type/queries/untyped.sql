-- name: Untyped :many
SELECT id FROM accounts WHERE $1 IS NULL;
