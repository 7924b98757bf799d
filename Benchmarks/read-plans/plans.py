#!/usr/bin/env python3
# Dataset: psql -d <db> -f migrations/postgres/000*.sql -f Benchmarks/read-plans/dataset.sql; then to-sqlite.sh.
# usage: plans.py .build/plugins/outputs/<checkout>/WalletGraphQueries/destination/SQLGenPlugin/GeneratedQueries/reads.sql.swift
"""Runs generated reads.sql statements on the perf datasets: PostgreSQL EXPLAIN ANALYZE and SQLite EXPLAIN QUERY PLAN + timing.
usage: plans.py <generated reads.sql.swift> <case>..."""
import os, re, sys, json, subprocess, sqlite3, time

gen = open(sys.argv[1]).read()
def statement(name):
    m = re.search(r'public static let ' + name + r'Statement = SQLStatement\(\s*unsafePostgres: #"""\n(.*?)"""#,\s*sqlite: #"""\n(.*?)"""#', gen, re.S)
    if not m: raise SystemExit("no statement " + name)
    return m.group(1), m.group(2)

PSQL = ["psql", "-h", "127.0.0.1", "-p", "54329", "-U", "postgres", "-d", "wg_perf_issue6", "-X", "-q", "-At"]
def pg(sql):
    return subprocess.run(PSQL, input=sql, capture_output=True, text=True).stdout + subprocess.run(["true"]).__class__.__name__ * 0

def pglit(v, kind):
    if v is None: return "NULL"
    if kind == "list": return "ARRAY[%s]::text[]" % ",".join("'%s'" % x for x in v) if v else "NULL"
    if kind == "uuids": return "ARRAY[%s]::uuid[]" % ",".join("'%s'" % x for x in v)
    if kind == "ts": return "to_timestamp(%d / 1000000.0)" % v
    if isinstance(v, int): return str(v)
    return "'%s'" % v

def sqlval(v, kind):
    if v is None: return None
    if kind in ("list", "uuids"): return json.dumps(v)
    return v

def lookup():
    out = subprocess.run(PSQL, input="""
select u.id, u.username, w.id from users u join wallets w on w.owner_id = u.id and w.is_default where u.username in ('user333','user1','user156') order by u.username;
""", capture_output=True, text=True).stdout
    return [l.split("|") for l in out.strip().splitlines()]

def run(name, params, label, generic=False):
    """params: list of (value, kind) in $n order."""
    pgsql, litesql = statement(name)
    args = ",".join(pglit(v, k) for v, k in params)
    mode = "SET plan_cache_mode = force_generic_plan;" if generic else ""
    script = f"{mode}PREPARE q AS {pgsql};\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q({args});\n"
    times = []
    for _ in range(3):
        r = subprocess.run(PSQL, input=script, capture_output=True, text=True)
        times += [float(l.split()[2]) for l in r.stdout.splitlines() if l.startswith("Execution Time")]
    print(f"==== {label}: {name}{' (generic plan)' if generic else ''}")
    print("-- PostgreSQL")
    print(r.stdout.strip(), r.stderr.strip())
    print(f"PostgreSQL: best of 3 execution times: {min(times) if times else 'n/a'} ms")
    db = sqlite3.connect(os.environ.get("SQLITE_DB", "/tmp/read-plans.db"))
    values = [sqlval(v, k) for v, k in params]
    print("-- SQLite")
    for row in db.execute("EXPLAIN QUERY PLAN " + litesql, values):
        print("  " * 0 + "|" + str(row[1]) + "| " + row[3])
    best = None
    for _ in range(3):
        t0 = time.perf_counter(); rows = db.execute(litesql, values).fetchall(); dt = time.perf_counter() - t0
        best = dt if best is None or dt < best else best
    print(f"SQLite: {len(rows)} rows, best of 3: {best*1000:.2f} ms")

people = lookup()
print(people)

# ---- cases (the generated reads.sql.swift of this commit: see docs/api.md, Query plans)
P = {p[1]: p for p in people}
light, heavy = P["user156"][0], P["user333"][0]
hw = P["user333"][2]
N = (None, "x"); U = lambda x: (x, "uuid")
FUT = (253402300799000000, "ts"); PAST = (-62135596800000000, "ts")
MAXU = U("ffffffff-ffff-ffff-ffff-ffffffffffff"); MINU = U("00000000-0000-0000-0000-000000000000")
B = [FUT, MAXU, PAST, MINU]
F = [(None,"list"), (None,"list"), N, N, N, N]
PENDING = [(None,"list"), (["pending"],"list"), N, N, N, N]
GEN = len(sys.argv) > 2
which = os.environ.get("CASES", "")
run("listUserTransactionsNewest", [U(light), N] + B + F + [(21, "int")], "M6 user page, light user (67 entries)")
run("listUserTransactionsNewest", [U(heavy), N] + B + F + [(21, "int")], "M6 user page, heavy user (17,495 entries)")
run("listUserTransactionsNewest", [U(heavy), N] + B + PENDING + [(21, "int")], "M6 user page, filter matching nothing")
run("countUserTransactions", [U(light), N] + F, "M6 user totalCount, light user")
run("countUserTransactions", [U(heavy), N] + F, "M6 user totalCount, heavy user")
run("listWalletTransactionsNewest", [([hw],"uuids")] + B + [N, N] + F + [(21, "int")], "S1 Wallet.transactions, heavy wallet")
run("listWalletEntriesNewest", [([hw],"uuids"), FUT, PAST, MAXU, MINU, (21, "int")], "S1 Wallet.entries, heavy wallet")
run("listTransactionsNewest", B + F + [(21, "int")], "admin page, no filter")
# A deep page: the cursor of the heavy user's 10,000th newest transaction.
out = subprocess.run(PSQL, input=f"""select (extract(epoch from e.created_at)*1000000)::bigint, e.transaction_id from ledger_entries e join wallets w on w.id = e.wallet_id
where w.owner_id = '{heavy}' order by e.created_at desc, e.transaction_id desc offset 10000 limit 1""", capture_output=True, text=True).stdout.strip().split("|")
cur = [(int(out[0]), "ts"), U(out[1])]
run("listUserTransactionsNewest", [U(heavy), N] + cur + [PAST, MINU] + F + [(21, "int")], "M6 user page 500 (after the 10,000th), heavy user")
run("listWalletEntriesNewest", [([hw],"uuids"), cur[0], PAST, U("ffffffff-ffff-ffff-ffff-ffffffffffff"), MINU, (21, "int")], "S1 Wallet.entries deep page")
run("listUserTransactionsNewest", [U(heavy), N] + B + F + [(21, "int")], "M6 user page, heavy user", generic=True)
