CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    balance INTEGER NOT NULL,
    note TEXT,
    created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    amount INTEGER NOT NULL,
    memo TEXT
) STRICT;
CREATE UNIQUE INDEX accounts_owner_key ON accounts (owner);
