-- Indexes for the read API's history pages; same as migrations/postgres/0003_read_indexes.sql.
CREATE INDEX ledger_entries_wallet_created_idx ON ledger_entries (wallet_id, created_at, transaction_id);
