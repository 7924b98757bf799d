-- name: LockAccounts :many
SELECT id, balance FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE SKIP LOCKED;

-- name: Filtered :many
SELECT id FROM accounts
WHERE ($1::text IS NULL OR owner = $1)
  AND ($2::text[] IS NULL OR owner = ANY($2))
  AND id <> ALL($3::bigint[])
ORDER BY id;

-- name: Casts :one
SELECT CAST(balance AS integer) AS small, (balance * 2)::bigint AS doubled, greatest(balance, 0) AS floor_zero,
       btrim(owner) AS trimmed, char_length(owner) AS owner_length
FROM accounts WHERE id = $1 FOR SHARE;

-- name: Page :many
WITH recent AS (
    SELECT id, created_at FROM accounts WHERE created_at > $1
)
SELECT id, created_at FROM recent
WHERE (created_at, id) < ($2, $3)
ORDER BY created_at DESC, id DESC
LIMIT $4;

-- name: Upsert :one
INSERT INTO accounts AS a (id, owner, balance, note, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (owner) DO UPDATE SET balance = a.balance + excluded.balance
RETURNING balance;

-- name: CopyAccount :execrows
INSERT INTO accounts (id, owner, balance, note, created_at)
SELECT $2, owner || '-copy', balance, note, created_at FROM accounts WHERE id = $1
ON CONFLICT DO NOTHING;

-- name: SeedAccount :execrows
INSERT INTO accounts (id, owner, balance, note, created_at)
SELECT $1, $2, 0, NULL, $3
ON CONFLICT (id) DO UPDATE SET balance = accounts.balance + 1;

-- name: CopyAll :execrows
-- Without the rewrite SQLite reads `FROM accounts ON CONFLICT` as a join's ON and fails to parse.
INSERT INTO accounts (id, owner, balance, note, created_at)
SELECT id + 1000, owner || '-all', balance, note, created_at FROM accounts
ON CONFLICT DO NOTHING;
