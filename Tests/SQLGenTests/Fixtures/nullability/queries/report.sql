-- name: AccountsWithEntries :many
-- LEFT JOIN: every entries column becomes nullable; accounts keeps the catalog's nullability.
SELECT a.id, a.note, e.id AS entry_id, e.amount, e.memo
FROM accounts a
LEFT JOIN entries e ON e.account_id = a.id;

-- name: EntriesWithAccounts :many
-- RIGHT JOIN: the left side becomes nullable instead.
SELECT e.id, a.owner
FROM entries e
RIGHT JOIN accounts a ON a.id = e.account_id;

-- name: Totals :one
-- COUNT is bigint NOT NULL; SUM(bigint) is numeric and nullable, so it is cast; MAX is nullable.
SELECT count(*) AS accounts, count(note) AS with_note, sum(balance)::bigint AS total, max(balance) AS largest
FROM accounts;

-- name: Coalesced :many
-- COALESCE is NOT NULL when any argument is; a scalar subquery is always nullable.
SELECT coalesce(note, owner) AS label, coalesce(note, NULL) AS still_nullable,
       (SELECT max(amount) FROM entries WHERE account_id = accounts.id) AS largest_entry
FROM accounts;

-- name: RankedEntries :many
-- Window functions: row_number is bigint NOT NULL; lag is nullable.
SELECT id, row_number() OVER (PARTITION BY account_id ORDER BY id) AS position,
       lag(amount) OVER (PARTITION BY account_id ORDER BY id) AS previous_amount
FROM entries;
