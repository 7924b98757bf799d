-- Table models, as sqlc reuses them: exactly a table's columns returns its model; anything else gets a row.

-- name: AccountByID :one
-- SELECT *: the accounts model.
SELECT * FROM accounts WHERE id = $1;

-- name: AccountsInOrder :many
-- The full column list, in order: the model too.
SELECT id, owner, balance, note, created_at FROM accounts ORDER BY id;

-- name: RenameAccount :one
-- RETURNING * of an UPDATE: the model.
UPDATE accounts SET owner = @owner WHERE id = @id RETURNING *;

-- name: AccountColumnsReordered :one
-- The same columns in another order: a row of its own.
SELECT owner, id, balance, note, created_at FROM accounts WHERE id = $1;

-- name: EntriesWithOwner :many
-- An embedded model beside a joined column.
SELECT sqlc.embed(e), a.owner
FROM entries e
JOIN accounts a ON a.id = e.account_id
ORDER BY e.id;

-- name: NewestEntriesPerAccount :many
-- A model embedded in a windowed subquery, selected again by name in table order, stays the model.
SELECT id, account_id, amount, memo, rank
FROM (
    SELECT sqlc.embed(e), row_number() OVER (PARTITION BY e.account_id ORDER BY e.id DESC) AS rank
    FROM entries e
) ranked
WHERE rank <= @per_account
ORDER BY account_id, rank;

-- name: EntryAmountsPerAccount :many
-- Only some of the embedded subquery's columns: plain columns.
SELECT id, amount
FROM (SELECT sqlc.embed(e) FROM entries e) picked
ORDER BY id;

-- name: AccountWithEntry :many
-- The outer side of a LEFT JOIN is nullable, so its star is no model.
SELECT e.* FROM accounts a LEFT JOIN entries e ON e.account_id = a.id ORDER BY a.id;

-- name: OwnerSummary :one
-- row: OwnerBalance
-- Two queries that name one row share its struct.
SELECT owner, balance FROM accounts WHERE id = $1;

-- name: RichestOwners :many
-- row: OwnerBalance
SELECT owner, balance FROM accounts ORDER BY balance DESC LIMIT $1;
