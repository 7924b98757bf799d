-- Withdrawals (docs/withdrawals.md): payout methods, the fee schedule, and the disbursement rows the ledger
-- writes with each hold, settlement and refund. Reads for the API are in disbursement_reads.sql.

-- name: InsertDisbursementMethod :one
INSERT INTO disbursement_methods (id, user_id, type, provider, bank_code, account_number, account_holder_name,
                                  is_default, created_at, updated_at)
VALUES (@id, @user_id, @type, @provider, sqlc.narg(bank_code), @account_number, @account_holder_name,
        @is_default, @now, @now)
RETURNING *;

-- name: CountActiveDisbursementMethods :one
SELECT count(*) AS total FROM disbursement_methods WHERE user_id = @user_id AND removed_at IS NULL;

-- name: CountAllDisbursementMethods :one
-- Removed ones included: a user cannot grow the table without bound by adding and removing.
SELECT count(*) AS total FROM disbursement_methods WHERE user_id = @user_id;

-- name: FindActiveDisbursementAccount :one
SELECT id FROM disbursement_methods
WHERE user_id = @user_id AND provider = @provider AND account_number = @account_number AND removed_at IS NULL;

-- name: GetActiveDisbursementMethod :one
-- A method of this user that has not been removed; another user's is missing.
SELECT * FROM disbursement_methods WHERE id = @id AND user_id = @user_id AND removed_at IS NULL;

-- name: GetDefaultDisbursementMethod :one
SELECT * FROM disbursement_methods WHERE user_id = @user_id AND is_default;

-- name: NewestActiveDisbursementMethod :one
-- The method that becomes the default when the default is removed.
SELECT * FROM disbursement_methods
WHERE user_id = @user_id AND removed_at IS NULL
ORDER BY created_at DESC, id DESC
LIMIT 1;

-- name: ClearDefaultDisbursementMethod :execrows
-- Two statements rather than one swap: the unique index on the default is checked row by row.
UPDATE disbursement_methods SET is_default = false, updated_at = @now
WHERE user_id = @user_id AND is_default AND id <> @keep_id;

-- name: MarkDefaultDisbursementMethod :one
UPDATE disbursement_methods SET is_default = true, updated_at = @now
WHERE id = @id AND removed_at IS NULL
RETURNING *;

-- name: RemoveDisbursementMethod :one
UPDATE disbursement_methods SET is_default = false, removed_at = @now, updated_at = @now
WHERE id = @id AND removed_at IS NULL
RETURNING *;

-- name: GetDisbursementFee :one
-- The provider's own row, else its type's.
SELECT flat_fee, percent_bps, minimum_fee, maximum_fee FROM disbursement_fees
WHERE type = @type AND (provider = @provider OR provider IS NULL)
ORDER BY provider IS NULL
LIMIT 1;

-- name: SumWithdrawnSince :one
-- What a user has withdrawn since `since`, fees excluded, counting every withdrawal that has not failed.
SELECT CAST(coalesce(sum(amount), 0) AS bigint) AS total FROM disbursements
WHERE user_id = @user_id AND created_at >= @since AND status <> 'FAILED';

-- name: InsertDisbursement :one
-- Written inside the hold's plan, before the hold transaction itself: the foreign keys to transactions are
-- deferred to commit.
INSERT INTO disbursements (id, reference_id, user_id, wallet_id, method_id, asset_id, amount, fee, status,
                           description, clearing_wallet_id, hold_transaction_id, remaining_balance,
                           created_at, updated_at)
VALUES (@id, @reference_id, @user_id, @wallet_id, @method_id, @asset_id, @amount, @fee, 'PENDING',
        sqlc.narg(description), @clearing_wallet_id, @hold_transaction_id, @remaining_balance, @now, @now)
RETURNING *;

-- name: GetDisbursementByHold :one
SELECT * FROM disbursements WHERE hold_transaction_id = @hold_transaction_id;

-- name: LockDisbursementByReference :one
-- Serialises the transitions of one withdrawal; locked before any wallet. SQLite drops FOR UPDATE.
SELECT * FROM disbursements WHERE reference_id = @reference_id FOR UPDATE;

-- name: MarkDisbursementProcessing :one
UPDATE disbursements SET status = 'PROCESSING', processed_by = sqlc.narg(processed_by), processing_at = @now,
                         updated_at = @now
WHERE id = @id AND status = 'PENDING'
RETURNING *;

-- name: MarkDisbursementCompleted :one
UPDATE disbursements SET status = 'COMPLETED', settlement_transaction_id = @settlement_transaction_id,
                         resolved_by = sqlc.narg(resolved_by), resolved_at = @now, updated_at = @now
WHERE id = @id AND status = 'PROCESSING'
RETURNING *;

-- name: MarkDisbursementFailed :one
UPDATE disbursements SET status = 'FAILED', refund_transaction_id = @refund_transaction_id,
                         failure_reason = @failure_reason, resolved_by = sqlc.narg(resolved_by),
                         resolved_at = @now, updated_at = @now
WHERE id = @id AND status IN ('PENDING', 'PROCESSING')
RETURNING *;

-- name: ListExpiredPendingDisbursements :many
-- The sweeper's work: withdrawals still PENDING that were held before `created_before`, oldest first, after the
-- keyset cursor (`after_created_at`, `after_id`) of the previous batch, so that one sweep tries each row once.
SELECT reference_id, created_at, id FROM disbursements
WHERE status = 'PENDING' AND created_at < @created_before
  AND (sqlc.narg(after_created_at)::timestamptz IS NULL
       OR created_at > sqlc.narg(after_created_at)
       OR (created_at = sqlc.narg(after_created_at) AND id > sqlc.narg(after_id)::uuid))
ORDER BY created_at, id
LIMIT @max_rows;

-- name: SetTransactionStatus :execrows
-- A hold's transaction follows its withdrawal: completed when settled, failed when refunded.
UPDATE transactions SET status = @status, updated_at = @now WHERE id = @id;

-- name: LockWallet :one
-- One wallet by id, whatever its kind: the exact payout-clearing shard that took a hold.
SELECT * FROM wallets WHERE id = @id FOR UPDATE;
