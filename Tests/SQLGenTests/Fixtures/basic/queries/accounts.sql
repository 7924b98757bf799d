-- name: GetAccount :one
SELECT id, owner, balance, note, created_at FROM accounts WHERE id = $1;

-- name: ListAccounts :many
SELECT * FROM accounts ORDER BY id LIMIT $1 OFFSET $2;

-- name: CreateAccount :one
INSERT INTO accounts (id, owner, balance, note, created_at)
VALUES (@id, @owner, @balance, @note, @created_at)
RETURNING id, created_at;

-- name: Credit :execrows
UPDATE accounts SET balance = balance + @amount WHERE id = @id;

-- name: DeleteAccount :exec
DELETE FROM accounts WHERE id = $1;

-- name: AccountsByOwners :many
SELECT id FROM accounts WHERE owner = ANY($1) ORDER BY id;

-- name: RecordCredit :execdeferred
UPDATE accounts SET balance = balance + @amount WHERE id = @id;
