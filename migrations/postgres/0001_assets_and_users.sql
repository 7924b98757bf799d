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
