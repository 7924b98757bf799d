-- Webhooks (issue 17): same tables, columns and constraints as migrations/postgres/0006_webhooks.sql.
CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    description TEXT,
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    status TEXT NOT NULL,
    cursor_xact INTEGER NOT NULL,
    cursor_position INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    failing_since INTEGER,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT webhook_endpoints_status_valid CHECK (status IN ('active', 'failing', 'disabled')),
    CONSTRAINT webhook_endpoints_url_length CHECK (length(url) BETWEEN 1 AND 2048),
    CONSTRAINT webhook_endpoints_description_length CHECK (description IS NULL OR length(description) <= 500),
    CONSTRAINT webhook_endpoints_attempts_non_negative CHECK (attempts >= 0)
) STRICT;
CREATE INDEX webhook_endpoints_due_idx ON webhook_endpoints (next_attempt_at) WHERE status = 'active';

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
    event_position INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status_code INTEGER,
    latency_micros INTEGER NOT NULL,
    error TEXT,
    succeeded INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    CONSTRAINT webhook_deliveries_attempt_positive CHECK (attempt > 0),
    CONSTRAINT webhook_deliveries_error_length CHECK (error IS NULL OR length(error) <= 1000),
    CONSTRAINT webhook_deliveries_booleans CHECK (succeeded IN (0, 1))
) STRICT;
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, attempted_at, id);
