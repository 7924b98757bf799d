-- name: Search :many
SELECT id FROM accounts WHERE owner ILIKE $1;

-- name: First :many
SELECT DISTINCT ON (owner) id FROM accounts;

-- name: Arrays :one
SELECT id FROM accounts WHERE id = ANY(ARRAY[1, 2]);

-- name: Now :one
SELECT now() AS at;

-- name: Moved :many
WITH moved AS (UPDATE accounts SET balance = 0 RETURNING id)
SELECT id FROM moved;
