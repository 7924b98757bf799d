-- Assets and users: the first tables every later migration refers to.
-- SQLite storage (see docs/decisions/0001-driver.md): uuid as canonical lowercase TEXT, timestamps as
-- INTEGER microseconds since 1970-01-01 UTC, booleans as INTEGER 0/1. Names match PostgreSQL's.

CREATE TABLE assets (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    scale INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT assets_code_format CHECK (length(code) BETWEEN 2 AND 16 AND code = upper(code)),
    CONSTRAINT assets_scale_range CHECK (scale BETWEEN 0 AND 18)
) STRICT;
CREATE UNIQUE INDEX assets_code_key ON assets (code);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    nik TEXT,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    token_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT users_role_valid CHECK (role IN ('user', 'operator', 'admin')),
    CONSTRAINT users_nik_format CHECK (nik IS NULL OR length(nik) = 16),
    CONSTRAINT users_phone_format CHECK (phone LIKE '+62%')
) STRICT;
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_nik_key ON users (nik) WHERE nik IS NOT NULL;
CREATE TABLE wallets (
    id TEXT PRIMARY KEY,
    owner_id TEXT,
    asset_id TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'system')),
    balance INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    may_go_negative INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX wallets_default_key ON wallets (owner_id, asset_id) WHERE is_default;
CREATE TABLE transactions (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    asset_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    description TEXT,
    initiator_id TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE ledger_entries (
    id INTEGER PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    wallet_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    balance_after INTEGER NOT NULL,
    wallet_version INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    transaction_id TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;
