-- The read-plans dataset (docs/api.md, "Query plans"): run on an empty database migrated to 0002 (or 0003).
-- 1,000 users, ~1,700 user wallets, 200,000 transactions (2 entries each), skewed activity.
SELECT setseed(0.42);
INSERT INTO assets VALUES ('00000000-0000-7000-8000-000000000001','IDR','Rupiah',0,'2024-01-01'),
                          ('00000000-0000-7000-8000-000000000002','GOLD','Gold',4,'2024-01-01');
INSERT INTO users SELECT gen_random_uuid(), 'user'||i, 'User '||i, 'u'||i||'@x.id', '+62'||i, NULL, 'x',
  CASE WHEN i = 0 THEN 'admin' ELSE 'user' END, 0, '2024-01-01', '2024-01-01' FROM generate_series(0, 999) i;
CREATE TEMP TABLE uw AS
  SELECT row_number() OVER (ORDER BY u.username) - 1 AS n, u.id AS owner_id, k AS kind_n FROM users u, generate_series(0,2) k
  WHERE k = 0 OR (k = 1 AND hashtext(u.username) % 10 < 3) OR (k = 2 AND hashtext(u.username) % 10 >= 8);
INSERT INTO wallets SELECT gen_random_uuid(), owner_id,
  CASE WHEN kind_n = 2 THEN '00000000-0000-7000-8000-000000000002'::uuid ELSE '00000000-0000-7000-8000-000000000001'::uuid END,
  'w'||kind_n, 'user', NULL, 0, false, 0, 0, 'active', kind_n <> 1, '2024-01-01', '2024-01-01' FROM uw;
INSERT INTO wallets SELECT gen_random_uuid(), NULL, a, 'funding '||s, 'system', 'funding', s, true, 0, 0, 'active', false, '2024-01-01', '2024-01-01'
  FROM unnest(ARRAY['00000000-0000-7000-8000-000000000001'::uuid,'00000000-0000-7000-8000-000000000002'::uuid]) a, generate_series(0,3) s;
CREATE TEMP TABLE uwn AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, asset_id FROM wallets WHERE kind = 'user';
CREATE TEMP TABLE fw AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, asset_id FROM wallets WHERE kind = 'system';
-- Each transaction: a source and a destination wallet; a skewed choice of user wallets (power 3: a few heavy users).
CREATE TEMP TABLE tx AS
SELECT gen_random_uuid() AS id, g,
       timestamptz '2024-01-01' + (g * interval '150 seconds') AS created_at,
       CASE WHEN r1 < 0.2 THEN 'topup' ELSE 'transfer' END AS type,
       floor(power(random(), 3) * 1500)::int AS a_n, floor(random() * 1500)::int AS b_n, floor(random() * 4)::int AS s_n,
       (1 + floor(random() * 1000000))::bigint AS amount
FROM (SELECT g, random() AS r1 FROM generate_series(1, 200000) g) s;
CREATE TEMP TABLE txw AS
SELECT tx.*, a.id AS to_wallet, a.asset_id,
       CASE WHEN tx.type = 'topup' THEN f.id ELSE coalesce(b.id, f.id) END AS from_wallet
FROM tx JOIN uwn a ON a.n = tx.a_n
LEFT JOIN fw f ON f.asset_id = a.asset_id AND f.n % 4 = tx.s_n
LEFT JOIN LATERAL (SELECT b.id FROM uwn b WHERE b.asset_id = a.asset_id AND b.id <> a.id AND b.n >= tx.b_n ORDER BY b.n LIMIT 1) b ON true;
INSERT INTO transactions SELECT id, type, 'completed', asset_id, amount, NULL, NULL, NULL, created_at, created_at FROM txw;
INSERT INTO ledger_entries (id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, created_at)
SELECT gen_random_uuid(), id, line, wallet_id, amt, 0, row_number() OVER (PARTITION BY wallet_id ORDER BY created_at, id), created_at
FROM (SELECT id, 0 AS line, from_wallet AS wallet_id, -amount AS amt, created_at FROM txw
      UNION ALL SELECT id, 1, to_wallet, amount, created_at FROM txw) x;
ANALYZE;
