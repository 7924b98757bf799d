-- Webhook endpoints and their deliveries (migrations 0006, docs/events.md).

-- name: CreateWebhookEndpoint :one
INSERT INTO webhook_endpoints (id, url, description, event_types, secret, status, cursor_xact, cursor_position,
                               attempts, failing_since, next_attempt_at, lease_until, created_by, created_at,
                               updated_at)
VALUES (@id, @url, sqlc.narg(description), @event_types, @secret, 'active', @cursor_xact, @cursor_position, 0, NULL,
        @now, NULL, @created_by, @now, @now)
RETURNING *;

-- name: GetWebhookEndpoint :one
SELECT * FROM webhook_endpoints WHERE id = @id;

-- name: ListWebhookEndpoints :many
SELECT * FROM webhook_endpoints ORDER BY created_at, id;

-- name: DisableWebhookEndpoint :one
UPDATE webhook_endpoints SET status = 'disabled', lease_until = NULL, updated_at = @now
WHERE id = @id
RETURNING *;

-- name: ListDueWebhookEndpoints :many
-- Active endpoints whose next attempt is due and that no process holds, soonest first.
SELECT id FROM webhook_endpoints
WHERE status = 'active' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
ORDER BY next_attempt_at
LIMIT @max_rows;

-- name: LeaseWebhookEndpoint :one
-- Takes an endpoint for one round of deliveries, unless another process holds it.
UPDATE webhook_endpoints SET lease_until = @lease_until
WHERE id = @id AND status = 'active' AND (lease_until IS NULL OR lease_until < @now)
RETURNING *;

-- name: AcknowledgeWebhookEvent :exec
-- The receiver took the event: the cursor moves past it, the retry state clears, and the lease is renewed.
UPDATE webhook_endpoints
SET cursor_xact = @cursor_xact, cursor_position = @cursor_position, attempts = 0, failing_since = NULL,
    next_attempt_at = @now, lease_until = @lease_until, updated_at = @now
WHERE id = @id;

-- name: RecordWebhookFailure :exec
-- The receiver did not take the event: try again at `next_attempt_at`, or stop (`failing`) after the window.
UPDATE webhook_endpoints
SET attempts = attempts + 1, failing_since = coalesce(failing_since, @now), next_attempt_at = @next_attempt_at,
    status = @status, lease_until = NULL, updated_at = @now
WHERE id = @id;

-- name: ReleaseWebhookEndpoint :exec
UPDATE webhook_endpoints SET lease_until = NULL WHERE id = @id;

-- name: InsertWebhookDelivery :exec
INSERT INTO webhook_deliveries (id, endpoint_id, event_position, event_type, attempt, status_code, latency_micros,
                                error, succeeded, attempted_at)
VALUES (@id, @endpoint_id, @event_position, @event_type, @attempt, sqlc.narg(status_code), @latency_micros,
        sqlc.narg(error), @succeeded, @attempted_at);

-- name: ListWebhookDeliveries :many
-- An endpoint's attempts, newest first, from a keyset cursor.
SELECT * FROM webhook_deliveries
WHERE endpoint_id = @endpoint_id AND (attempted_at, id) < (@before_attempted_at, @before_id)
ORDER BY attempted_at DESC, id DESC
LIMIT @page_size;
