"""Hostile arguments against the live server: every connection's cursor arguments (found by introspection, so a
new connection is covered) get random bytes, base64 of arbitrary text and crafted `<micros>:<uuid>` cursors with
extreme times; every numeric argument class (Int counts, Decimal amounts, DateTime and amount filters) gets
extreme and malformed values. Nothing may answer 5xx or INTERNAL_SERVER_ERROR, a bad cursor must be
BAD_USER_INPUT, and the server must be alive afterwards.

Usage: edge_fuzz.py BASE_URL ADMIN_USERNAME ADMIN_PASSWORD. FUZZ_SEED fixes the randomness."""
import base64
import json
import os
import random
import sys
import urllib.request

import edge_client

base, admin_user, admin_password = sys.argv[1], sys.argv[2], sys.argv[3]
seed = int(os.environ.get("FUZZ_SEED", str(random.randrange(1 << 30))))
rng = random.Random(seed)
print(f"edge fuzz: FUZZ_SEED={seed}")
failures = []
sent = 0


def post(query, variables=None, token=None):
    global sent
    sent += 1
    return edge_client.post(base, query, variables, token, timeout=30)


def codes(answer):
    return [((error.get("extensions") or {}).get("code")) for error in answer.get("errors") or []]


def check(what, query, variables, status, answer, want_code=None):
    bad = status == 0 or status >= 500 or "INTERNAL_SERVER_ERROR" in codes(answer)
    if want_code and want_code not in codes(answer):
        bad = True
    if bad:
        failures.append(what)
        if len(failures) <= 20:
            print(f"FAIL {what}\n  query: {query}\n  variables: {json.dumps(variables)}\n  answer: {status} {json.dumps(answer)[:600]}")


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def sign_in(username, password):
    return post('mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token } }',
                {"u": username, "p": password})[1]["data"]["signIn"]["token"]


# A user with wallets and history (the demo's alice) for the reads; the admin for the admin-only mutations.
token = sign_in("alice", "password123")
admin = sign_in(admin_user, admin_password)
wallets = post("{ wallets { id } }", token=token)[1]["data"]["wallets"]
wallet = wallets[0]["id"] if wallets else None

# Cursor arguments: every field with an `after` or `before` argument, on Query and on types reachable from it.
schema = post("""{ __schema { queryType { name } types { name fields { name args { name type { name kind ofType { name } } }
  type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } }""", token=token)[1]["data"]["__schema"]
types = {t["name"]: t for t in schema["types"]}


def named(type_ref):
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref["name"]


paths = []  # (selection prefix, suffix, field, cursor args)
# Required arguments other than cursors and counts, filled with a value of the right type (an id that names
# nothing): the cursor must still be refused first.
required_values = {"endpointId": '"V2ViaG9va0VuZHBvaW50OngK"'}
admin_fields = {"webhookDeliveries"}
for field in types["Query"]["fields"] or []:
    args = {a["name"] for a in field["args"]}
    if args & {"after", "before"}:
        paths.append(("", field["name"], args))
for field in types["Query"]["fields"] or []:
    if field["name"] == "wallets":
        for sub in types[named(field["type"])]["fields"] or []:
            args = {a["name"] for a in sub["args"]}
            if args & {"after", "before"}:
                paths.append(("wallets", sub["name"], args))
print(f"edge fuzz: connections with cursors: {[('.'.join(filter(None, p[:2]))) for p in paths]}")

zero = "00000000-0000-0000-0000-000000000000"
crafted = [f"{m}:{zero}" for m in [-(2 ** 63), 2 ** 63 - 1, -(2 ** 63) + 1, 2 ** 62, -(2 ** 62),
                                    -62135596800000001, 253402300800000000, 10 ** 18, -10 ** 18]]
cursors = [b64url(text.encode()) for text in crafted]
cursors += [b64url(bytes(rng.randrange(256) for _ in range(rng.randint(0, 80)))) for _ in range(25)]
cursors += [b64url("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 40))).encode()) for _ in range(10)]
cursors += ["", "=", "%%%", "A" * 97, "A" * 10_000, "\u0000", "bnVsbA", b64url(b"99999999999999999999:" + zero.encode())]
for prefix, name, args in paths:
    for arg in sorted(args & {"after", "before"}):
        count = "first: 1" if arg == "after" else "last: 1"
        extra = "".join(f", {key}: {value}" for key, value in required_values.items() if key in args)
        who = admin if name in admin_fields else token
        inner = f"{name}({count}, {arg}: $c{extra}) {{ edges {{ cursor }} }}"
        query = f"query($c: String) {{ {prefix} {{ {inner} }} }}" if prefix else f"query($c: String) {{ {inner} }}"
        for cursor in cursors:
            status, answer = post(query, {"c": cursor}, who)
            check(f"{prefix}.{name}({arg})", query, {"c": cursor}, status, answer, want_code="BAD_USER_INPUT")
        literal = query.replace("query($c: String) ", "").replace("$c", json.dumps(cursors[0]))
        check(f"{name}({arg}) literal", literal, {}, *post(literal, None, who), want_code="BAD_USER_INPUT")

# Counts: Int is 32-bit, and 0..100 is the page range.
ints = [0, -1, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 63, 10 ** 30, 1.5, "5", None, True]
for prefix, name, args in paths:
    extra = "".join(f", {key}: {value}" for key, value in required_values.items() if key in args)
    who = admin if name in admin_fields else token
    for arg in sorted(args & {"first", "last"}):
        query = f"query($n: Int) {{ {name}({arg}: $n{extra}) {{ edges {{ cursor }} }} }}"
        if prefix:
            query = f"query($n: Int) {{ {prefix} {{ {name}({arg}: $n{extra}) {{ edges {{ cursor }} }} }} }}"
        for value in ints:
            check(f"{name}({arg}={value})", query, {"n": value}, *post(query, {"n": value}, who))
        for literal in ["2147483648", "-2147483649", "99999999999999999999999", "1e3"]:
            q = query.replace("query($n: Int) ", "").replace("$n", literal)
            check(f"{name}({arg}) literal {literal}", q, {}, *post(q, None, who))

# Decimal amounts in every money mutation and the quote.
amounts = ["0", "-0", "-1", "1.5", "0.0000000000000000000001", "9223372036854775807", "9223372036854775808",
           "-9223372036854775808", "9" * 400, "1" + "0" * 30, "00000000000000000000000001", "1e5", "0x10", " 1", "",
           1, 2 ** 31, 2 ** 63, -(2 ** 63), 1.5, 1e300, True, None, [], {}]
money = {
    "topUp": 'mutation($a: Decimal!, $w: ID!) { topUp(input: {walletId: $w, amount: $a, idempotencyKey: "fz"}) { userErrors { code } } }',
    "spend": 'mutation($a: Decimal!, $w: ID!) { spend(input: {walletId: $w, amount: $a, idempotencyKey: "fz"}) { userErrors { code } } }',
    "grantBonus": 'mutation($a: Decimal!, $w: ID!) { grantBonus(input: {walletId: $w, amount: $a, idempotencyKey: "fz"}) { userErrors { code } } }',
    "transfer": 'mutation($a: Decimal!, $w: ID!) { transfer(input: {fromWalletId: $w, toUsername: "alice", amount: $a, idempotencyKey: "fz"}) { userErrors { code } } }',
    "withdraw": 'mutation($a: Decimal!, $w: ID!) { withdraw(input: {walletId: $w, amount: $a, idempotencyKey: "fz"}) { userErrors { code } } }',
    "disbursementQuote": 'query($a: Decimal!, $w: ID!) { disbursementQuote(walletId: $w, amount: $a) { fee } }',
}
ids = [wallet or "x", "", "V2FsbGV0OjE", b64url(b"Wallet:" + zero.encode()), "A" * 5000, b64url(bytes(range(256)))]
for name, query in money.items():
    for amount in amounts:
        for wallet_id in [rng.choice(ids), wallet or "x"]:
            variables = {"a": amount, "w": wallet_id}
            who = admin if name == "grantBonus" else token
            check(f"{name}(amount={str(amount)[:30]})", query, variables, *post(query, variables, who))

# Filters: DateTime bounds and amount bounds.
times = ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59-23:59",
         "0000-01-01T00:00:00+23:59", "2026-02-29T00:00:00Z", "2024-02-29T24:00:00Z", "x", "", 0, 2 ** 63, None]
bounds = ["0", "-1", "9" * 400, "-" + "9" * 400, "0.5", "1e3", 2 ** 63, -(2 ** 63), None]
filter_query = """query($f: TransactionFilter) { transactions(first: 5, filter: $f) { edges { cursor } } }"""
for _ in range(80):
    variables = {"f": {"createdAfter": rng.choice(times), "createdBefore": rng.choice(times),
                       "minAmount": rng.choice(bounds), "maxAmount": rng.choice(bounds)}}
    check("transactions(filter)", filter_query, variables, *post(filter_query, variables, token))
for value in times + bounds:
    variables = {"f": {"createdAfter": value}}
    check("transactions(filter.createdAfter)", filter_query, variables, *post(filter_query, variables, token))

# Ids and references.
for value in ids + ["\u202e", "' OR 1=1 --", "R" * 100_000]:
    for query in ["query($i: ID!) { node(id: $i) { id } }", "query($i: ID!) { wallet(id: $i) { id } }",
                  "query($i: ID!) { transaction(id: $i) { id } }", "query($i: String!) { disbursement(referenceId: $i) { id } }",
                  'mutation($i: String!) { failDisbursement(referenceId: $i, reason: "x") { userErrors { code } } }',
                  'mutation($i: String!) { failDisbursement(referenceId: "r", reason: $i) { userErrors { code } } }']:
        check("ids", query, {"i": value}, *post(query, {"i": value}, admin if "Disbursement" in query else token))

try:
    with urllib.request.urlopen(f"{base}/readyz", timeout=10) as response:
        alive = response.status == 200
except Exception:
    alive = False
if not alive:
    failures.append("dead")
    print("FAIL the server is not alive after the fuzz")
print(f"edge fuzz: {sent} requests, {len(failures)} failures")
sys.exit(1 if failures else 0)
