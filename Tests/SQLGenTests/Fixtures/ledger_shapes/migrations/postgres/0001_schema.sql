-- Assets and users: the first tables every later migration refers to.
-- Ids, timestamps and defaults come from Swift, so both engines store identical values.

-- What a wallet holds. Amounts are bigint minor units; `scale` is the number of decimal places
-- (IDR 0, GOLD 4), so 1.2345 GOLD is stored as 12345.
CREATE TABLE assets (
    id uuid PRIMARY KEY,
    code text NOT NULL,
    name text NOT NULL,
    scale integer NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT assets_code_format CHECK (length(code) BETWEEN 2 AND 16 AND code = upper(code)),
    CONSTRAINT assets_scale_range CHECK (scale BETWEEN 0 AND 18)
);
CREATE UNIQUE INDEX assets_code_key ON assets (code);

-- `token_version` is bumped on a password change so that tokens issued before it stop working.
CREATE TABLE users (
    id uuid PRIMARY KEY,
    username text NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    phone text NOT NULL,
    nik text,
    password_hash text NOT NULL,
    role text NOT NULL,
    token_version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT users_role_valid CHECK (role IN ('user', 'operator', 'admin')),
    CONSTRAINT users_nik_format CHECK (nik IS NULL OR length(nik) = 16),
    CONSTRAINT users_phone_format CHECK (phone LIKE '+62%')
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_nik_key ON users (nik) WHERE nik IS NOT NULL;
CREATE TABLE wallets (
    id uuid PRIMARY KEY,
    owner_id uuid,
    asset_id uuid NOT NULL,
    label text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('user', 'system')),
    balance bigint NOT NULL DEFAULT 0,
    version bigint NOT NULL DEFAULT 0,
    status text NOT NULL,
    is_default boolean NOT NULL DEFAULT false,
    may_go_negative boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX wallets_default_key ON wallets (owner_id, asset_id) WHERE is_default;
CREATE TABLE transactions (
    id uuid PRIMARY KEY,
    type text NOT NULL,
    asset_id uuid NOT NULL,
    amount bigint NOT NULL,
    description text,
    initiator_id uuid,
    created_at timestamptz NOT NULL
);
CREATE TABLE ledger_entries (
    id bigserial PRIMARY KEY,
    transaction_id uuid NOT NULL,
    wallet_id uuid NOT NULL,
    amount bigint NOT NULL,
    balance_after bigint NOT NULL,
    wallet_version bigint NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only';
END;
$$;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TABLE idempotency_keys (
    user_id uuid NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    transaction_id uuid,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
