-- Wallets: user wallets (one asset each, one default per user and asset) and the system wallets' shards.

-- name: CreateWallet :one
INSERT INTO wallets (id, owner_id, asset_id, label, kind, purpose, shard, allow_negative, balance, version,
                     status, is_default, created_at, updated_at)
VALUES (@id, @owner_id, @asset_id, @label, 'user', NULL, 0, false, 0, 0, 'active', @is_default, @now, @now)
RETURNING *;

-- name: CreateSystemWallet :execrows
-- One shard of a system wallet; an existing shard is left alone, so this can repair a partial set.
INSERT INTO wallets (id, owner_id, asset_id, label, kind, purpose, shard, allow_negative, balance, version,
                     status, is_default, created_at, updated_at)
VALUES (@id, NULL, @asset_id, @label, 'system', @purpose, @shard, @allow_negative, 0, 0, 'active', false, @now, @now)
ON CONFLICT DO NOTHING;

-- name: GetWallet :one
SELECT * FROM wallets WHERE id = $1;

-- name: GetWalletScale :one
-- The scale of a wallet's asset, read inside a money operation before its key is looked up, to put the client's
-- decimal amount into minor units for the fingerprint. Unlocked: a wallet's asset and an asset's scale never change.
SELECT a.scale FROM wallets w JOIN assets a ON a.id = w.asset_id WHERE w.id = @id;

-- name: ListWalletsByIDs :many
SELECT * FROM wallets WHERE id = ANY(@ids::uuid[]) ORDER BY id;

-- name: ListWalletsByOwner :many
SELECT * FROM wallets WHERE owner_id = $1 ORDER BY created_at, id;

-- name: ListSystemWallets :many
SELECT * FROM wallets WHERE asset_id = @asset_id AND kind = 'system' ORDER BY purpose, shard;

-- name: CountActiveOwnerWallets :one
-- The owner's active user wallets in every asset, against MAX_WALLETS_PER_USER (under the owner's row lock).
SELECT count(*) AS total FROM wallets WHERE owner_id = @owner_id AND kind = 'user' AND status = 'active';

-- name: CountOwnerWalletsForAsset :one
SELECT count(*) AS total FROM wallets WHERE owner_id = @owner_id AND asset_id = @asset_id;

-- name: GetDefaultWalletByUsername :one
-- Paying a user by username credits their default wallet in the asset. The username comes normalised.
SELECT w.*
FROM wallets w
JOIN users u ON u.id = w.owner_id
WHERE u.username = @username AND w.asset_id = @asset_id AND w.is_default;

-- name: LockUserWallets :many
-- The user wallets a money operation touches, locked in ascending id order so that two operations on the
-- same wallets never wait for each other in a cycle. System wallets are never locked here, whatever ids a
-- caller passes: their shards are locked last (below). SQLite drops FOR UPDATE: BEGIN IMMEDIATE serialises.
SELECT * FROM wallets WHERE id = ANY(@ids::uuid[]) AND kind = 'user' ORDER BY id FOR UPDATE;

-- name: LockFreeSystemShard :one
-- The first shard of a system wallet that no other transaction holds, taken after the user wallets. A
-- transaction holds at most one shard while it waits for another (LockSystemShard, when all are busy), and
-- user wallets are always locked before shards, so shards cannot close a lock cycle.
SELECT * FROM wallets
WHERE asset_id = @asset_id AND purpose = @purpose AND kind = 'system'
ORDER BY shard
LIMIT 1
FOR UPDATE SKIP LOCKED;

-- name: LockSystemShard :one
-- A given shard, waiting for it: used when every shard is busy.
SELECT * FROM wallets
WHERE asset_id = @asset_id AND purpose = @purpose AND kind = 'system' AND shard = @shard
FOR UPDATE;

-- name: ApplyWalletDelta :execdeferred
-- Moves a locked wallet's cached balance by one entry's amount. Deferred: the entry that follows it
-- (PostLedgerEntry) proves it moved the wallet to exactly the planned balance and version.
UPDATE wallets
SET balance = balance + @delta, version = version + 1, updated_at = @now
WHERE id = @id;

-- name: SetWalletStatus :one
UPDATE wallets SET status = @status, updated_at = @now
WHERE id = @id AND kind = 'user'
RETURNING *;

-- name: ClearDefaultWallet :execrows
-- Two statements rather than one swap: unique indexes are checked row by row.
UPDATE wallets SET is_default = false, updated_at = @now
WHERE owner_id = @owner_id AND asset_id = @asset_id AND is_default AND id <> @keep_id;

-- name: MarkDefaultWallet :one
UPDATE wallets SET is_default = true, updated_at = @now
WHERE id = @id
RETURNING *;
