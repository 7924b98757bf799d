-- Users. Roles are 'user', 'operator' and 'admin'.

-- name: CreateUser :one
INSERT INTO users (id, username, name, email, phone, nik, password_hash, role, token_version, created_at, updated_at)
VALUES (@id, @username, @name, @email, @phone, @nik, @password_hash, @role, 0, @now, @now)
RETURNING id, username, created_at;

-- name: GetUser :one
-- row: UserProfileRow
-- A user without the password hash.
SELECT id, username, name, email, phone, nik, role, token_version, created_at, updated_at
FROM users
WHERE id = $1;

-- name: GetUserByUsername :one
SELECT * FROM users WHERE username = lower($1);

-- name: BumpTokenVersion :one
-- A password change: older tokens stop working.
UPDATE users
SET password_hash = @password_hash, token_version = token_version + 1, updated_at = @now
WHERE id = @id
RETURNING token_version;

-- name: LockUser :one
-- Serialises a user's wallet creation and default changes (and, later, withdrawal limits). NO KEY UPDATE,
-- because the foreign keys to users take KEY SHARE on the row: FOR UPDATE would deadlock two transactions
-- of one user that both inserted a row referring to it first.
SELECT id, role, token_version FROM users WHERE id = $1 FOR NO KEY UPDATE;
