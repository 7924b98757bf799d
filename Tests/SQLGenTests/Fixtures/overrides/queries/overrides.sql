-- name: OwnerOfLargestEntry :one
-- override: owner String
-- override: @amount Int64
SELECT a.owner
FROM entries e
LEFT JOIN accounts a ON a.id = e.account_id
WHERE e.amount >= coalesce($1, 0)
ORDER BY e.amount DESC
LIMIT 1;

-- name: NotesByID :many
-- override: @ids [Int64]?
SELECT note FROM accounts WHERE (sqlc.narg(ids)::bigint[] IS NULL OR id = ANY(sqlc.narg(ids))) ORDER BY id;
