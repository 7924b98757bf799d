-- Query shapes over the users table that the product does not call: keyset pages, optional filters,
-- list parameters, window functions, aggregates, outer joins, nullable parameters and computed columns.

-- name: DeleteUser :exec
DELETE FROM users WHERE id = $1;

-- name: ListUsersPage :many
-- Keyset pagination, newest first: pass the last row's (created_at, id) to get the next page.
SELECT id, username, created_at
FROM users
WHERE (sqlc.narg(after_created_at)::timestamptz IS NULL OR (created_at, id) < (sqlc.narg(after_created_at), sqlc.narg(after_id)::uuid))
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: SearchUsers :many
-- Optional filters: a NULL parameter leaves its filter out; a NULL list means every role.
SELECT id, username, role
FROM users
WHERE (@username_pattern::text IS NULL OR username LIKE @username_pattern)
  AND (@roles::text[] IS NULL OR role = ANY(@roles))
  AND (@has_nik::bool IS NULL OR (nik IS NOT NULL) = @has_nik)
ORDER BY username;

-- name: ListUsersByIDs :many
SELECT id, username FROM users WHERE id = ANY(@ids::uuid[]) ORDER BY username;

-- name: ListUsersExcept :many
SELECT username FROM users WHERE id <> ALL($1::uuid[]) ORDER BY username;

-- name: NewestUsersPerRole :many
-- A per-parent limit for batched loads: the newest `per_role` users of each requested role.
SELECT id, username, role, rank
FROM (
    SELECT id, username, role, created_at,
           row_number() OVER (PARTITION BY role ORDER BY created_at DESC, id DESC) AS rank
    FROM users
    WHERE role = ANY(@roles)
) ranked
WHERE rank <= @per_role
ORDER BY role, rank;

-- name: CountUsersByRole :many
SELECT role, count(*) AS users, CAST(sum(token_version) AS bigint) AS token_versions, max(created_at) AS newest
FROM users
GROUP BY role
HAVING count(*) >= @min_users
ORDER BY role;

-- name: UsersWithSameNamePrefix :many
-- Self LEFT JOIN: `other` columns are nullable even though the table's are NOT NULL.
WITH admins AS (
    SELECT id, username FROM users WHERE role = 'admin'
)
SELECT u.username, a.username AS admin_username, coalesce(a.username, '-') AS admin_or_dash,
       (SELECT count(*) FROM users x WHERE x.role = u.role) AS same_role
FROM users u
LEFT JOIN admins a ON a.id = u.id
WHERE EXISTS (SELECT 1 FROM users y WHERE y.id = u.id)
ORDER BY u.username;

-- name: UserNik :one
SELECT nik FROM users WHERE id = $1;

-- name: SetNik :execrows
UPDATE users SET nik = $2, updated_at = $3 WHERE id = $1 AND nik IS DISTINCT FROM $2;

-- name: UpdateUserContact :execrows
UPDATE users
SET email = coalesce(sqlc.narg(email), email),
    phone = coalesce(sqlc.narg(phone), phone),
    updated_at = @now
WHERE id = @id;

-- name: UserSummary :one
SELECT username, length(name) AS name_length, greatest(token_version, 1) AS version_floor,
       CASE WHEN role = 'admin' THEN true ELSE false END AS is_admin,
       updated_at >= @since AS recently_updated
FROM users WHERE id = @id;
