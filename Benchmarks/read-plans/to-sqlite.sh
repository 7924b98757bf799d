#!/usr/bin/env bash
# Copies the dataset.sql database (PostgreSQL database $1, default wg_perf_issue6) into an SQLite file ($2),
# through CSV: uuids as text, times as Unix microseconds, booleans as 0/1 (decision 0001). Migrations 0001..0003.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-wg_perf_issue6}; OUT=${2:-/tmp/read-plans.db}; D=$(mktemp -d)
P="psql -h 127.0.0.1 -p 54329 -U postgres -d $DB -v ON_ERROR_STOP=1 -q"
us() { echo "(extract(epoch from $1)*1000000)::bigint"; }
$P -c "\copy (select id, code, name, scale, $(us created_at) from assets) to $D/assets.csv csv" \
   -c "\copy (select id, username, name, email, phone, nik, password_hash, role, token_version, $(us created_at), $(us updated_at) from users) to $D/users.csv csv" \
   -c "\copy (select id, owner_id, asset_id, label, kind, purpose, shard, allow_negative::int, balance, version, status, is_default::int, $(us created_at), $(us updated_at) from wallets) to $D/wallets.csv csv" \
   -c "\copy (select id, type, status, asset_id, amount, description, initiator_id, idempotency_key, $(us created_at), $(us updated_at) from transactions) to $D/transactions.csv csv" \
   -c "\copy (select id, transaction_id, line, wallet_id, amount, balance_after, wallet_version, $(us created_at) from ledger_entries) to $D/entries.csv csv"
rm -f "$OUT"
for m in migrations/sqlite/*.sql; do sqlite3 "$OUT" < "$m"; done
sqlite3 "$OUT" <<SQL
CREATE TEMP TABLE i_assets(a,b,c,d,e);
.import --csv $D/assets.csv i_assets
INSERT INTO assets SELECT a,b,c,CAST(d AS INTEGER),CAST(e AS INTEGER) FROM i_assets;
CREATE TEMP TABLE i_users(a,b,c,d,e,f,g,h,i,j,k);
.import --csv $D/users.csv i_users
INSERT INTO users SELECT a,b,c,d,e,nullif(f,''),g,h,CAST(i AS INTEGER),CAST(j AS INTEGER),CAST(k AS INTEGER) FROM i_users;
CREATE TEMP TABLE i_w(a,b,c,d,e,f,g,h,i,j,k,l,m,n);
.import --csv $D/wallets.csv i_w
INSERT INTO wallets SELECT a,nullif(b,''),c,d,e,nullif(f,''),CAST(g AS INTEGER),CAST(h AS INTEGER),CAST(i AS INTEGER),CAST(j AS INTEGER),k,CAST(l AS INTEGER),CAST(m AS INTEGER),CAST(n AS INTEGER) FROM i_w;
CREATE TEMP TABLE i_t(a,b,c,d,e,f,g,h,i,j);
.import --csv $D/transactions.csv i_t
INSERT INTO transactions SELECT a,b,c,d,CAST(e AS INTEGER),nullif(f,''),nullif(g,''),nullif(h,''),CAST(i AS INTEGER),CAST(j AS INTEGER) FROM i_t;
CREATE TEMP TABLE i_e(a,b,c,d,e,f,g,h);
.import --csv $D/entries.csv i_e
INSERT INTO ledger_entries SELECT a,b,CAST(c AS INTEGER),d,CAST(e AS INTEGER),CAST(f AS INTEGER),CAST(g AS INTEGER),CAST(h AS INTEGER) FROM i_e;
SQL
rm -rf "$D"
echo "$OUT"
