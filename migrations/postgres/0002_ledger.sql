-- The double-entry ledger: wallets, transactions, their entries, and idempotency keys.
-- Money is bigint minor units of the wallet's asset. Ids and times come from Swift (docs/ledger.md).

-- A wallet holds one asset. `balance` and `version` are a cache of the wallet's entries (their sum and
-- count), updated in the same database transaction as the entries and proved by `reconcile`.
-- User wallets have an owner and never go below zero. System wallets have no owner and a purpose; each
-- (asset, purpose) has several shards so that top-ups into different wallets do not queue on one row.
CREATE TABLE wallets (
    id uuid PRIMARY KEY,
    owner_id uuid REFERENCES users (id),
    asset_id uuid NOT NULL REFERENCES assets (id),
    label text NOT NULL,
    kind text NOT NULL,
    purpose text,
    shard integer NOT NULL,
    allow_negative boolean NOT NULL,
    balance bigint NOT NULL,
    version bigint NOT NULL,
    status text NOT NULL,
    is_default boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT wallets_kind_valid CHECK (kind IN ('user', 'system')),
    CONSTRAINT wallets_status_valid CHECK (status IN ('active', 'frozen')),
    CONSTRAINT wallets_purpose_valid CHECK (
        purpose IS NULL OR purpose IN ('funding', 'redemption', 'bonus_expense', 'fee_revenue', 'payout_clearing')),
    CONSTRAINT wallets_user_shape CHECK (
        kind <> 'user' OR (owner_id IS NOT NULL AND purpose IS NULL AND shard = 0 AND NOT allow_negative)),
    CONSTRAINT wallets_system_shape CHECK (
        kind <> 'system' OR (owner_id IS NULL AND purpose IS NOT NULL AND shard >= 0 AND NOT is_default)),
    CONSTRAINT wallets_balance_non_negative CHECK (allow_negative OR balance >= 0),
    CONSTRAINT wallets_version_non_negative CHECK (version >= 0),
    CONSTRAINT wallets_label_length CHECK (length(label) BETWEEN 1 AND 64)
);
CREATE INDEX wallets_owner_idx ON wallets (owner_id, asset_id);
-- At most one default wallet per user and asset; the application keeps it at exactly one.
CREATE UNIQUE INDEX wallets_default_key ON wallets (owner_id, asset_id) WHERE is_default;
CREATE UNIQUE INDEX wallets_system_shard_key ON wallets (asset_id, purpose, shard) WHERE kind = 'system';

-- One movement of money. Its entries sum to zero; `amount` is the positive amount the user sees.
-- The withdrawal types are listed now so that the CHECK never needs rebuilding on SQLite.
CREATE TABLE transactions (
    id uuid PRIMARY KEY,
    type text NOT NULL,
    status text NOT NULL,
    asset_id uuid NOT NULL REFERENCES assets (id),
    amount bigint NOT NULL,
    description text,
    initiator_id uuid REFERENCES users (id),
    idempotency_key text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT transactions_type_valid CHECK (type IN (
        'topup', 'spend', 'bonus', 'transfer', 'withdrawal', 'withdrawal_settlement', 'withdrawal_refund')),
    CONSTRAINT transactions_status_valid CHECK (status IN ('pending', 'completed', 'failed')),
    CONSTRAINT transactions_amount_positive CHECK (amount > 0),
    CONSTRAINT transactions_description_length CHECK (description IS NULL OR length(description) <= 500)
);
CREATE INDEX transactions_created_idx ON transactions (created_at, id);
CREATE INDEX transactions_initiator_idx ON transactions (initiator_id, created_at);

-- Append-only: an entry is never changed or removed (a trigger below enforces it). `line` orders the
-- entries of one transaction; `balance_after` and `wallet_version` are the wallet's state after this entry.
CREATE TABLE ledger_entries (
    id uuid PRIMARY KEY,
    transaction_id uuid NOT NULL REFERENCES transactions (id),
    line integer NOT NULL,
    wallet_id uuid NOT NULL REFERENCES wallets (id),
    amount bigint NOT NULL,
    balance_after bigint NOT NULL,
    wallet_version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT ledger_entries_amount_nonzero CHECK (amount <> 0),
    CONSTRAINT ledger_entries_version_positive CHECK (wallet_version > 0)
);
CREATE UNIQUE INDEX ledger_entries_transaction_line_key ON ledger_entries (transaction_id, line);
-- Two writers can never both record version N of a wallet.
CREATE UNIQUE INDEX ledger_entries_wallet_version_key ON ledger_entries (wallet_id, wallet_version);

CREATE FUNCTION ledger_entries_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'raise_exception';
END;
$$;
CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_reject_change();
CREATE TRIGGER ledger_entries_no_truncate
    BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_reject_change();

-- A client key makes a money operation safe to retry: the first request with a key runs, later ones with
-- the same key and request get its transaction. `request` is the canonical request the fingerprint
-- (SHA-256 of it) was taken of, kept so that a conflict can name the fields that differ.
CREATE TABLE idempotency_keys (
    initiator_id uuid NOT NULL REFERENCES users (id),
    key text NOT NULL,
    operation text NOT NULL,
    request text NOT NULL,
    fingerprint text NOT NULL,
    transaction_id uuid NOT NULL REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (initiator_id, key),
    CONSTRAINT idempotency_keys_key_length CHECK (length(key) BETWEEN 1 AND 255)
);
