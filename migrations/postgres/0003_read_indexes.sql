-- Indexes for the read API's history pages (docs/api.md, "Query plans").
-- An entry's created_at is its transaction's (both are the posting's `now`), and a wallet has at most one entry
-- per transaction, so (wallet_id, created_at, transaction_id) orders a wallet's history as the API pages it:
-- Wallet.transactions, Wallet.entries and a user's Query.transactions read it newest first from the cursor
-- and stop after a page instead of reading and sorting the whole history.
CREATE INDEX ledger_entries_wallet_created_idx ON ledger_entries (wallet_id, created_at, transaction_id);
