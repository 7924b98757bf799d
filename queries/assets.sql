-- Assets: what wallets hold.

-- name: CreateAsset :one
INSERT INTO assets (id, code, name, scale, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO NOTHING
RETURNING id, code, name, scale, created_at;

-- name: UpsertAsset :one
-- Inserts an asset, or renames the existing one with the same code.
INSERT INTO assets (id, code, name, scale, created_at)
VALUES (@id, @code, @name, @scale, @created_at)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
RETURNING *;

-- name: GetAssetByCode :one
SELECT id, code, name, scale, created_at FROM assets WHERE code = $1;

-- name: ListAssetsByCodes :many
SELECT id, code, scale FROM assets WHERE code = ANY($1) ORDER BY code;

-- name: LockAsset :one
SELECT id, scale FROM assets WHERE id = $1 FOR UPDATE;

-- name: RenameAsset :execrows
UPDATE assets SET name = @name WHERE code = @code;

-- name: CountAssets :one
SELECT count(*) AS total FROM assets;

-- name: MaxScale :one
SELECT max(scale) AS max_scale, CAST(sum(scale) AS bigint) AS total_scale FROM assets;

-- name: ListAssets :many
-- Every asset, by code: the API caches them for the process (assets are never changed or deleted).
SELECT id, code, name, scale, created_at FROM assets ORDER BY code;
