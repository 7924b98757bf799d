-- name: Total :one
SELECT sum(balance) AS total FROM accounts;
