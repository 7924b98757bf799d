-- Webhooks (issue 17, docs/events.md): endpoints that receive the outbox's events, in order, at least once.
-- Each endpoint keeps its own cursor into the feed (`cursor_xact`, `cursor_position`: the last event it acknowledged
-- with a 2xx) and the state of the delivery it is retrying. A lease (`lease_until`) lets one server process at a
-- time deliver to an endpoint, so order holds with several processes.
CREATE TABLE webhook_endpoints (
    id uuid PRIMARY KEY,
    url text NOT NULL,
    description text,
    -- Stored event types joined with ',' ('' for every type).
    event_types text NOT NULL,
    -- The HMAC-SHA256 key; shown to the admin once, when the endpoint is created.
    secret text NOT NULL,
    status text NOT NULL,
    cursor_xact bigint NOT NULL,
    cursor_position bigint NOT NULL,
    -- Failed attempts at the event after the cursor, and when the first of them was.
    attempts integer NOT NULL,
    failing_since timestamptz,
    next_attempt_at timestamptz NOT NULL,
    lease_until timestamptz,
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT webhook_endpoints_status_valid CHECK (status IN ('active', 'failing', 'disabled')),
    CONSTRAINT webhook_endpoints_url_length CHECK (length(url) BETWEEN 1 AND 2048),
    CONSTRAINT webhook_endpoints_description_length CHECK (description IS NULL OR length(description) <= 500),
    CONSTRAINT webhook_endpoints_attempts_non_negative CHECK (attempts >= 0)
);
CREATE INDEX webhook_endpoints_due_idx ON webhook_endpoints (next_attempt_at) WHERE status = 'active';

-- Every attempt to deliver an event to an endpoint: what the receiver answered and how long it took.
CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
    event_position bigint NOT NULL,
    event_type text NOT NULL,
    attempt integer NOT NULL,
    status_code integer,
    latency_micros bigint NOT NULL,
    error text,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_attempt_positive CHECK (attempt > 0),
    CONSTRAINT webhook_deliveries_error_length CHECK (error IS NULL OR length(error) <= 1000)
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, attempted_at, id);
