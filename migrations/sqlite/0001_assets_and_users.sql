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
