-- Startup work of the server: the configured admin (ADMIN_USERNAME / ADMIN_PASSWORD) and the demo seed.

-- name: CountUsers :one
-- Serve seeds the demo data only into a database without users.
SELECT count(*) AS total FROM users;

-- name: CountAdmins :one
-- Development creates an `admin` only when the database has no administrator at all.
SELECT count(*) AS total FROM users WHERE role = 'admin';
