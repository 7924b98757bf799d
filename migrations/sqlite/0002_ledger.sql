-- The double-entry ledger: wallets, transactions, their entries, and idempotency keys.
-- Same tables, columns and constraints as migrations/postgres/0002_ledger.sql; storage as in 0001.

CREATE TABLE wallets (
    id TEXT PRIMARY KEY,
    owner_id TEXT REFERENCES users (id),
    asset_id TEXT NOT NULL REFERENCES assets (id),
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    purpose TEXT,
    shard INTEGER NOT NULL,
    allow_negative INTEGER NOT NULL,
    balance INTEGER NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    is_default INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
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
    CONSTRAINT wallets_label_length CHECK (length(label) BETWEEN 1 AND 64),
    CONSTRAINT wallets_booleans CHECK (allow_negative IN (0, 1) AND is_default IN (0, 1))
) STRICT;
CREATE INDEX wallets_owner_idx ON wallets (owner_id, asset_id);
CREATE UNIQUE INDEX wallets_default_key ON wallets (owner_id, asset_id) WHERE is_default;
CREATE UNIQUE INDEX wallets_system_shard_key ON wallets (asset_id, purpose, shard) WHERE kind = 'system';

CREATE TABLE transactions (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    asset_id TEXT NOT NULL REFERENCES assets (id),
    amount INTEGER NOT NULL,
    description TEXT,
    initiator_id TEXT REFERENCES users (id),
    idempotency_key TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT transactions_type_valid CHECK (type IN (
        'topup', 'spend', 'bonus', 'transfer', 'withdrawal', 'withdrawal_settlement', 'withdrawal_refund')),
    CONSTRAINT transactions_status_valid CHECK (status IN ('pending', 'completed', 'failed')),
    CONSTRAINT transactions_amount_positive CHECK (amount > 0),
    CONSTRAINT transactions_description_length CHECK (description IS NULL OR length(description) <= 500)
) STRICT;
CREATE INDEX transactions_created_idx ON transactions (created_at, id);
CREATE INDEX transactions_initiator_idx ON transactions (initiator_id, created_at);

CREATE TABLE ledger_entries (
    id TEXT PRIMARY KEY,
    transaction_id TEXT NOT NULL REFERENCES transactions (id),
    line INTEGER NOT NULL,
    wallet_id TEXT NOT NULL REFERENCES wallets (id),
    amount INTEGER NOT NULL,
    balance_after INTEGER NOT NULL,
    wallet_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT ledger_entries_amount_nonzero CHECK (amount <> 0),
    CONSTRAINT ledger_entries_version_positive CHECK (wallet_version > 0)
) STRICT;
CREATE UNIQUE INDEX ledger_entries_transaction_line_key ON ledger_entries (transaction_id, line);
CREATE UNIQUE INDEX ledger_entries_wallet_version_key ON ledger_entries (wallet_id, wallet_version);

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger_entries is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger_entries is append-only: DELETE is not allowed');
END;

CREATE TABLE idempotency_keys (
    initiator_id TEXT NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    operation TEXT NOT NULL,
    request TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    transaction_id TEXT NOT NULL REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (initiator_id, key),
    CONSTRAINT idempotency_keys_key_length CHECK (length(key) BETWEEN 1 AND 255)
) STRICT;
