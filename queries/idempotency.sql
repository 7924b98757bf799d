-- Idempotency keys, scoped to the user who initiates the operation.

-- name: ClaimIdempotencyKey :one
-- Claims a key for a new transaction. Nothing comes back when the key exists; on PostgreSQL a concurrent
-- claim of the same key waits here until the first transaction commits (then nothing) or rolls back (then
-- this claim wins), so exactly one request with a key executes.
INSERT INTO idempotency_keys (initiator_id, key, operation, request, fingerprint, transaction_id, created_at)
VALUES (@initiator_id, @key, @operation, @request, @fingerprint, @transaction_id, @now)
ON CONFLICT DO NOTHING
RETURNING transaction_id;

-- name: GetIdempotencyKey :one
SELECT * FROM idempotency_keys WHERE initiator_id = @initiator_id AND key = @key;
