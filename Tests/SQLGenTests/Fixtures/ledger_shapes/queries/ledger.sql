-- name: LockWallets :many
SELECT id, owner_id, asset_id, balance, version, status, may_go_negative
FROM wallets WHERE id = ANY(@ids::uuid[]) ORDER BY id FOR UPDATE;

-- name: ApplyEntry :one
UPDATE wallets SET balance = balance + @amount, version = version + 1, updated_at = @now
WHERE id = @id
RETURNING balance, version;

-- name: InsertEntry :exec
INSERT INTO ledger_entries (transaction_id, wallet_id, amount, balance_after, wallet_version, created_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: ClaimKey :one
INSERT INTO idempotency_keys (user_id, key, fingerprint, transaction_id, created_at)
VALUES ($1, $2, $3, NULL, $4)
ON CONFLICT (user_id, key) DO NOTHING
RETURNING created_at;

-- name: GetKey :one
SELECT k.fingerprint, k.transaction_id, t.type, t.amount
FROM idempotency_keys k LEFT JOIN transactions t ON t.id = k.transaction_id
WHERE k.user_id = $1 AND k.key = $2;

-- name: AssetImbalances :many
SELECT t.asset_id, sum(e.amount)::bigint AS total
FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id
GROUP BY t.asset_id
HAVING sum(e.amount) <> 0;

-- name: WalletMismatches :many
SELECT w.id, w.balance, coalesce(e.total, 0)::bigint AS entries_total, w.version, coalesce(e.n, 0) AS entries_count
FROM wallets w
LEFT JOIN (SELECT wallet_id, sum(amount) AS total, count(*) AS n FROM ledger_entries GROUP BY wallet_id) e
  ON e.wallet_id = w.id
WHERE w.balance <> coalesce(e.total, 0) OR w.version <> coalesce(e.n, 0);

-- name: DefaultWallet :one
SELECT w.id FROM wallets w JOIN users u ON u.id = w.owner_id
WHERE u.username = $1 AND w.asset_id = $2 AND w.is_default;

-- name: SetDefault :execrows
UPDATE wallets SET is_default = (id = @wallet_id) WHERE owner_id = @owner_id AND asset_id = @asset_id;

-- name: NegativeUserWallets :one
SELECT count(*) AS n FROM wallets WHERE kind = 'user' AND balance < 0;

-- name: TransactionsForWallets :many
SELECT * FROM (
  SELECT e.wallet_id, t.id, t.type, t.amount, t.created_at,
         row_number() OVER (PARTITION BY e.wallet_id ORDER BY t.created_at DESC, t.id DESC) AS rn
  FROM ledger_entries e JOIN transactions t ON t.id = e.transaction_id
  WHERE e.wallet_id = ANY($1::uuid[])
) ranked WHERE rn <= $2 ORDER BY wallet_id, rn;

-- name: MoveBoth :execrows
UPDATE wallets
SET balance = balance + CASE id WHEN @from_id THEN -@amount WHEN @to_id THEN @amount END,
    version = version + 1
WHERE id IN (@from_id, @to_id) AND status = 'active';

-- name: Debit :one
UPDATE wallets SET balance = balance - $2, version = version + 1
WHERE id = $1 AND (may_go_negative OR balance - $2 >= 0)
RETURNING balance, version;

-- name: CountByType :one
SELECT count(*) FILTER (WHERE type = 'topup') AS topups, count(*) FILTER (WHERE type = 'spend') AS spends
FROM transactions WHERE asset_id = $1;

-- name: UnbalancedTransactions :many
SELECT t.id FROM transactions t
WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)
   OR t.id IN (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0)
ORDER BY t.id
LIMIT 100;

-- name: LockWithOwner :many
SELECT w.id, u.username FROM wallets w JOIN users u ON u.id = w.owner_id
WHERE w.id = ANY($1::uuid[]) ORDER BY w.id FOR UPDATE OF w;

-- name: RecordTransaction :exec
INSERT INTO transactions (id, type, asset_id, amount, description, initiator_id, created_at)
VALUES (@id, @type, @asset_id, @amount, sqlc.narg(description), @initiator_id, @created_at);

-- name: WalletsPage :many
SELECT id, label, balance FROM wallets
WHERE owner_id = @owner_id AND (sqlc.narg(after_id)::uuid IS NULL OR id > sqlc.narg(after_id))
ORDER BY id LIMIT @limit;
