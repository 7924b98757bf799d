-- Credentials: what signing in and changing a password read and write. The password hash never leaves
-- these queries except to be verified.

-- name: GetCredentialsByUsername :one
-- Sign-in: the user and its hash, by the normalised (lower-case) username.
SELECT id, username, name, email, phone, nik, role, token_version, created_at, password_hash
FROM users
WHERE username = @username;

-- name: GetCredentialsByID :one
-- Password change: the signed-in user's current hash.
SELECT id, username, name, email, phone, nik, role, token_version, created_at, password_hash
FROM users
WHERE id = @id;

-- name: ReplacePassword :one
-- Sets a new hash and bumps the token version in one statement, so every older token stops working. Only
-- when the version is still the one the caller verified against: two concurrent changes cannot both win.
UPDATE users
SET password_hash = @password_hash, token_version = token_version + 1, updated_at = @now
WHERE id = @id AND token_version = @expected_token_version
RETURNING token_version;
