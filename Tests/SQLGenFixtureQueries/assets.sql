-- Query shapes over the assets table: an upsert with RETURNING *, array parameters, FOR UPDATE, :execrows
-- and aggregates over no rows.

-- name: UpsertAsset :one
-- Inserts an asset, or renames the existing one with the same code.
INSERT INTO assets (id, code, name, scale, created_at)
VALUES (@id, @code, @name, @scale, @created_at)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
RETURNING *;

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
