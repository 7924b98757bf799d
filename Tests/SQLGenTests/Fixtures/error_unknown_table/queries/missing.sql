-- name: Missing :many
SELECT id
FROM acounts;
