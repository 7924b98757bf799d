CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    owner text NOT NULL,
    balance bigint NOT NULL,
    note text,
    created_at timestamptz NOT NULL
);
CREATE TABLE entries (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    amount bigint NOT NULL,
    memo text
);
CREATE UNIQUE INDEX accounts_owner_key ON accounts (owner);
