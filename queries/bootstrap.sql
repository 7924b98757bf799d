-- Startup work of the server: the configured admin (ADMIN_USERNAME / ADMIN_PASSWORD) and the demo seed.

-- name: CountUsers :one
-- Serve seeds the demo data only into a database without users.
SELECT count(*) AS total FROM users;

-- name: SetUserRole :execrows
-- The configured admin keeps the admin role even when the username already belonged to someone else.
UPDATE users SET role = @role, updated_at = @now WHERE id = @id;
