-- The outbox (issue 17): every committed change that clients are told about, written in the same database
-- transaction as the change itself, so an event exists exactly when its change committed (docs/events.md).
--
-- The feed's order is (xact, position): `xact` is the writing transaction's id (txid_current(), 64-bit, never
-- wraps) and `position` a sequence. A reader serves only rows whose xact is below the oldest transaction still
-- running (txid_snapshot_xmin of its own snapshot): every transaction that could still add a row sorts after
-- everything served, so a consumer that pages with a cursor never misses one. A sequence alone would not do:
-- a position taken by one transaction can commit after a larger one was already read.
--
-- `wallet_id`/`owner_id` are the wallet the event is about and its owner. TRANSACTION_CREATED also names the
-- second user wallet of a transfer in `peer_wallet_id`, and its owner in `peer_owner_id` when that is another
-- user. Rows are never changed or removed. The wallet and owner columns carry no foreign key: checking one
-- would take a share lock on a wallet row that the writer may not hold (a withdrawal's settlement names the
-- user's wallet without locking it), and that lock can deadlock against a payment from the same wallet.
CREATE TABLE events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xact bigint NOT NULL DEFAULT txid_current(),
    type text NOT NULL,
    wallet_id uuid,
    owner_id uuid,
    peer_wallet_id uuid,
    peer_owner_id uuid,
    transaction_id uuid REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    disbursement_id uuid REFERENCES disbursements (id) DEFERRABLE INITIALLY DEFERRED,
    wallet_version bigint,
    balance bigint,
    status text,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT events_type_valid CHECK (type IN (
        'transaction_created', 'wallet_balance_changed', 'disbursement_status_changed', 'wallet_frozen',
        'wallet_unfrozen'))
);
CREATE INDEX events_feed_idx ON events (xact, position);
CREATE INDEX events_owner_idx ON events (owner_id, xact, position) WHERE owner_id IS NOT NULL;
CREATE INDEX events_peer_owner_idx ON events (peer_owner_id, xact, position) WHERE peer_owner_id IS NOT NULL;
CREATE INDEX events_wallet_idx ON events (wallet_id, xact, position) WHERE wallet_id IS NOT NULL;
CREATE INDEX events_peer_wallet_idx ON events (peer_wallet_id, xact, position) WHERE peer_wallet_id IS NOT NULL;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_reject_change();
CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_reject_change();

-- A wake-up for listeners in every server process (LISTEN walletgraph_events). PostgreSQL sends it at COMMIT
-- and folds the transaction's duplicates into one; it carries nothing, because the table is the truth: a lost
-- notification only delays an event until the next one or the listener's poll.
CREATE FUNCTION events_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('walletgraph_events', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_wake
    AFTER INSERT ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_wake();
