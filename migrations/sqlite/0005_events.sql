-- The outbox (issue 17): same table, columns and constraints as migrations/postgres/0005_events.sql.
-- SQLite has one writer at a time (BEGIN IMMEDIATE), so positions commit in order: `xact` is always 0 and
-- the feed's order is the position's.
CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    xact INTEGER NOT NULL DEFAULT 0,
    type TEXT NOT NULL,
    wallet_id TEXT,
    owner_id TEXT,
    peer_wallet_id TEXT,
    peer_owner_id TEXT,
    transaction_id TEXT REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    disbursement_id TEXT REFERENCES disbursements (id) DEFERRABLE INITIALLY DEFERRED,
    wallet_version INTEGER,
    balance INTEGER,
    status TEXT,
    occurred_at INTEGER NOT NULL,
    CONSTRAINT events_type_valid CHECK (type IN (
        'transaction_created', 'wallet_balance_changed', 'disbursement_status_changed', 'wallet_frozen',
        'wallet_unfrozen'))
) STRICT;
CREATE INDEX events_feed_idx ON events (xact, position);
CREATE INDEX events_owner_idx ON events (owner_id, xact, position) WHERE owner_id IS NOT NULL;
CREATE INDEX events_peer_owner_idx ON events (peer_owner_id, xact, position) WHERE peer_owner_id IS NOT NULL;
CREATE INDEX events_wallet_idx ON events (wallet_id, xact, position) WHERE wallet_id IS NOT NULL;
CREATE INDEX events_peer_wallet_idx ON events (peer_wallet_id, xact, position) WHERE peer_wallet_id IS NOT NULL;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: DELETE is not allowed');
END;
