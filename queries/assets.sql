-- Assets: what wallets hold.

-- name: CreateAsset :one
INSERT INTO assets (id, code, name, scale, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO NOTHING
RETURNING id, code, name, scale, created_at;

-- name: GetAssetByCode :one
SELECT id, code, name, scale, created_at FROM assets WHERE code = $1;

-- name: ListAssets :many
-- Every asset, by code: the API caches them for the process (assets are never changed or deleted).
SELECT id, code, name, scale, created_at FROM assets ORDER BY code;
