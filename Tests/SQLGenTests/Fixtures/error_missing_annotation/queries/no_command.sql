-- name: NoCommand
SELECT 1 AS one;
