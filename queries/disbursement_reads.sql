-- Reads for the withdrawals API (docs/api.md, "Withdrawals"): payout methods and disbursements, inside a
-- request's snapshot. Visibility is decided in Swift from the returned `user_id`; batched loads take every
-- parent of a level at once (`= ANY(@ids)`). Pages are keyset, newest first on (created_at, id), with the
-- sentinel cursors of reads.sql, and walk disbursements_user_created_idx (a user) or disbursements_created_idx
-- (operators and admins).

-- name: ListDisbursementMethodsForUser :many
-- Query.disbursementMethods: the user's methods that have not been removed, oldest first.
SELECT * FROM disbursement_methods
WHERE user_id = @user_id AND removed_at IS NULL
ORDER BY created_at, id;

-- name: ListDisbursementMethodsByIDs :many
-- Disbursement.method for a level (removed ones included: history keeps its method), and node(id:).
SELECT * FROM disbursement_methods WHERE id = ANY(@ids::uuid[]) ORDER BY id;

-- name: GetDisbursementByReference :one
SELECT * FROM disbursements WHERE reference_id = @reference_id;

-- name: GetDisbursement :one
-- node(id:).
SELECT * FROM disbursements WHERE id = @id;

-- name: ListUserDisbursementsNewest :many
-- A user's Query.disbursements: one page (plus one) after the cursor, newest first.
SELECT * FROM disbursements
WHERE user_id = @user_id
  AND (created_at, id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (sqlc.narg(statuses)::text[] IS NULL OR status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR created_at < sqlc.narg(created_before))
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: ListAllDisbursementsNewest :many
-- An operator's or admin's Query.disbursements: everyone's, newest first (the back office's queue).
SELECT * FROM disbursements
WHERE (created_at, id) < (@after_created_at::timestamptz, @after_id::uuid)
  AND (sqlc.narg(statuses)::text[] IS NULL OR status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR created_at < sqlc.narg(created_before))
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: CountUserDisbursements :one
-- totalCount of a user's Query.disbursements.
SELECT count(*) AS total FROM disbursements
WHERE user_id = @user_id
  AND (sqlc.narg(statuses)::text[] IS NULL OR status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR created_at < sqlc.narg(created_before));

-- name: CountAllDisbursements :one
-- totalCount of an operator's or admin's Query.disbursements.
SELECT count(*) AS total FROM disbursements
WHERE (sqlc.narg(statuses)::text[] IS NULL OR status = ANY(sqlc.narg(statuses)))
  AND (sqlc.narg(created_after)::timestamptz IS NULL OR created_at >= sqlc.narg(created_after))
  AND (sqlc.narg(created_before)::timestamptz IS NULL OR created_at < sqlc.narg(created_before));

-- name: CountDisbursementsByStatus :many
-- Withdrawals by status, for the metrics gauge.
SELECT status, COUNT(*) AS total
FROM disbursements
GROUP BY status
ORDER BY status;
