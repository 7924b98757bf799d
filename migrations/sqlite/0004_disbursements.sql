-- Same tables, columns and constraints as migrations/postgres/0004_disbursements.sql; storage as in 0001.
-- Withdrawals to Indonesian banks and e-wallets (docs/withdrawals.md): each user's payout methods, the fee
-- schedule, and one row per withdrawal with its status. The money itself moves only through ledger
-- transactions: a hold into the payout-clearing wallet, then a settlement or a refund out of it.

-- Where a user can be paid. Removal is soft (`removed_at`), so a past withdrawal keeps its method.
-- `provider` and `type` are the API's enum values; `account_number` is digits for a bank and the holder's
-- +62 mobile number for an e-wallet, validated by the application per provider.
CREATE TABLE disbursement_methods (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    type TEXT NOT NULL,
    provider TEXT NOT NULL,
    bank_code TEXT,
    account_number TEXT NOT NULL,
    account_holder_name TEXT NOT NULL,
    is_default INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    removed_at INTEGER,
    CONSTRAINT disbursement_methods_type_valid CHECK (type IN ('BANK_TRANSFER', 'E_WALLET')),
    CONSTRAINT disbursement_methods_provider_valid CHECK (provider IN (
        'BCA', 'MANDIRI', 'BNI', 'BRI', 'CIMB_NIAGA', 'PERMATA', 'BSI',
        'GOPAY', 'OVO', 'DANA', 'LINKAJA', 'SHOPEEPAY')),
    CONSTRAINT disbursement_methods_bank_code CHECK ((type = 'BANK_TRANSFER') = (bank_code IS NOT NULL)),
    CONSTRAINT disbursement_methods_account_length CHECK (length(account_number) BETWEEN 8 AND 20),
    CONSTRAINT disbursement_methods_holder_length CHECK (length(account_holder_name) BETWEEN 1 AND 100),
    CONSTRAINT disbursement_methods_removed_not_default CHECK (NOT (is_default AND removed_at IS NOT NULL)),
    CONSTRAINT disbursement_methods_booleans CHECK (is_default IN (0, 1))
) STRICT;
CREATE INDEX disbursement_methods_user_idx ON disbursement_methods (user_id, created_at);
-- At most one default per user; the application keeps exactly one while the user has any method.
CREATE UNIQUE INDEX disbursement_methods_default_key ON disbursement_methods (user_id) WHERE is_default;
-- The same account is registered once per user (again after it was removed).
CREATE UNIQUE INDEX disbursement_methods_account_key ON disbursement_methods (user_id, provider, account_number)
    WHERE removed_at IS NULL;

-- The fee schedule, in IDR minor units. A provider's row wins over its type's row (provider NULL).
-- fee = flat_fee + ceil(amount * percent_bps / 10000), then raised to minimum_fee and capped at maximum_fee.
CREATE TABLE disbursement_fees (
    type TEXT NOT NULL,
    provider TEXT,
    flat_fee INTEGER NOT NULL,
    percent_bps INTEGER NOT NULL,
    minimum_fee INTEGER NOT NULL,
    maximum_fee INTEGER,
    CONSTRAINT disbursement_fees_type_valid CHECK (type IN ('BANK_TRANSFER', 'E_WALLET')),
    CONSTRAINT disbursement_fees_values CHECK (
        flat_fee >= 0 AND percent_bps BETWEEN 0 AND 10000 AND minimum_fee >= 0
        AND (maximum_fee IS NULL OR maximum_fee >= minimum_fee))
) STRICT;
CREATE UNIQUE INDEX disbursement_fees_provider_key ON disbursement_fees (provider) WHERE provider IS NOT NULL;
CREATE UNIQUE INDEX disbursement_fees_type_key ON disbursement_fees (type) WHERE provider IS NULL;

INSERT INTO disbursement_fees (type, provider, flat_fee, percent_bps, minimum_fee, maximum_fee) VALUES
    ('BANK_TRANSFER', NULL, 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'BCA', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'MANDIRI', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'BNI', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'BRI', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'CIMB_NIAGA', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'PERMATA', 6500, 0, 0, NULL),
    ('BANK_TRANSFER', 'BSI', 4000, 0, 0, NULL),
    ('E_WALLET', NULL, 0, 150, 1000, 15000),
    ('E_WALLET', 'GOPAY', 0, 100, 1000, 10000),
    ('E_WALLET', 'OVO', 0, 150, 1000, 15000),
    ('E_WALLET', 'DANA', 0, 100, 1000, 10000),
    ('E_WALLET', 'LINKAJA', 1000, 0, 0, NULL),
    ('E_WALLET', 'SHOPEEPAY', 0, 150, 1500, 15000);

-- One withdrawal. The hold moved amount + fee from `wallet_id` into `clearing_wallet_id` (one shard of the
-- payout-clearing wallet); the settlement or the refund moves it out of that same shard. Amounts and fee
-- are fixed when the hold is written. `remaining_balance` is the wallet's balance right after the hold.
CREATE TABLE disbursements (
    id TEXT PRIMARY KEY,
    reference_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    wallet_id TEXT NOT NULL REFERENCES wallets (id),
    method_id TEXT NOT NULL REFERENCES disbursement_methods (id),
    asset_id TEXT NOT NULL REFERENCES assets (id),
    amount INTEGER NOT NULL,
    fee INTEGER NOT NULL,
    status TEXT NOT NULL,
    description TEXT,
    failure_reason TEXT,
    clearing_wallet_id TEXT NOT NULL REFERENCES wallets (id),
    hold_transaction_id TEXT NOT NULL REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    settlement_transaction_id TEXT REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    refund_transaction_id TEXT REFERENCES transactions (id) DEFERRABLE INITIALLY DEFERRED,
    remaining_balance INTEGER NOT NULL,
    processed_by TEXT REFERENCES users (id),
    resolved_by TEXT REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    processing_at INTEGER,
    resolved_at INTEGER,
    CONSTRAINT disbursements_status_valid CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED')),
    CONSTRAINT disbursements_amount_positive CHECK (amount > 0),
    CONSTRAINT disbursements_fee_non_negative CHECK (fee >= 0),
    CONSTRAINT disbursements_completed_shape CHECK (
        (status = 'COMPLETED') = (settlement_transaction_id IS NOT NULL)),
    CONSTRAINT disbursements_failed_shape CHECK (
        (status = 'FAILED') = (refund_transaction_id IS NOT NULL AND failure_reason IS NOT NULL)),
    CONSTRAINT disbursements_description_length CHECK (description IS NULL OR length(description) <= 500),
    CONSTRAINT disbursements_reason_length CHECK (failure_reason IS NULL OR length(failure_reason) <= 500)
) STRICT;
CREATE UNIQUE INDEX disbursements_reference_key ON disbursements (reference_id);
CREATE UNIQUE INDEX disbursements_hold_key ON disbursements (hold_transaction_id);
-- A user's withdrawals by time: the daily limit and the user's pages.
CREATE INDEX disbursements_user_created_idx ON disbursements (user_id, created_at, id);
-- Everyone's, by time (back-office pages), and the sweeper's pending ones.
CREATE INDEX disbursements_created_idx ON disbursements (created_at, id);
CREATE INDEX disbursements_status_created_idx ON disbursements (status, created_at);
