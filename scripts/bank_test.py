"""The bank test: client threads move random transfers among a few hot wallets of the live server for a fixed
time, as hostile clients do (retries of acknowledged requests after balances changed, bursts of identical
concurrent requests, a used key with a changed amount), then check the invariants from acknowledged answers only.

Usage: bank_test.py BASE_URL ADMIN_USERNAME ADMIN_PASSWORD. BANK_SECONDS (default 30), BANK_THREADS (6) and
BANK_SEED (random) tune it. Prints every anomaly with its request and answer; exits 1 if there was any."""
import json
import os
import random
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import edge_client

base, admin_user, admin_password = sys.argv[1], sys.argv[2], sys.argv[3]
seconds = float(os.environ.get("BANK_SECONDS", "30"))
threads = int(os.environ.get("BANK_THREADS", "6"))
seed = int(os.environ.get("BANK_SEED", str(random.randrange(1 << 30))))
print(f"bank test: {threads} threads for {seconds:.0f} s, BANK_SEED={seed}")

TRANSFER = """mutation($f: ID!, $t: ID, $u: String, $a: Decimal!, $k: String!) {
  transfer(input: {fromWalletId: $f, toWalletId: $t, toUsername: $u, amount: $a, idempotencyKey: $k}) {
    transaction { id amount } userErrors { code field message } } }"""

lock = threading.Lock()
anomalies = []
counts = {"transfers": 0, "acknowledged": 0, "insufficient": 0, "retries": 0, "bursts": 0, "burst_requests": 0,
          "conflicts": 0}


def post(query, variables=None, token=None):
    return edge_client.post(base, query, variables, token, timeout=60)


def anomaly(kind, request, answer):
    with lock:
        anomalies.append(kind)
        if len(anomalies) <= 30:
            print(f"ANOMALY {kind}\n  request: {json.dumps(request)}\n  answer:  {json.dumps(answer)}")


must = edge_client.must


# Setup: a few users with one IDR wallet each, funded by the admin.
admin, users = edge_client.funded_users(base, admin_user, admin_password, "bank", "0812", seed)
initial = {user["wallet"]: 100_000 for user in users}
by_wallet = {user["wallet"]: user for user in users}

acknowledged = {}  # transaction id -> (from wallet, to wallet, amount)
sent = []          # (user, variables, transaction id): acknowledged requests, for retries and conflicts


def record_success(variables, destination, tx):
    with lock:
        if tx["id"] not in acknowledged:
            acknowledged[tx["id"]] = (variables["f"], destination, int(tx["amount"]))
            counts["acknowledged"] += 1


def payload(answer):
    return ((answer.get("data") or {}).get("transfer")) or {}


def classify(status, answer):
    """('ok', tx) | ('refused', code) | ('bad', None)"""
    if status != 200 or "errors" in answer or "transfer" not in (answer.get("data") or {}):
        return "bad", None
    result = payload(answer)
    codes = [error["code"] for error in result.get("userErrors") or []]
    if result.get("transaction") and not codes:
        return "ok", result["transaction"]
    if not result.get("transaction") and len(codes) == 1:
        return "refused", codes[0]
    return "bad", None


def new_request(rng, key):
    payer = rng.choice(users)
    payee = rng.choice([user for user in users if user is not payer])
    amount = rng.choice([rng.randint(1, 5000), rng.randint(1, 40000), rng.randint(100_000, 10 ** 9)])
    variables = {"f": payer["wallet"], "a": str(amount), "k": key}
    if rng.random() < 0.5:
        variables["t"] = payee["wallet"]
    else:
        variables["u"] = payee["name"]
    return payer, payee["wallet"], variables


def expect_sequential(payer, destination, variables, status, answer):
    kind, value = classify(status, answer)
    if kind == "ok":
        if value["amount"] != variables["a"]:
            anomaly("amount differs from the request", variables, answer)
        record_success(variables, destination, value)
        with lock:
            sent.append((payer, destination, variables, value["id"]))
    elif kind == "refused" and value == "INSUFFICIENT_BALANCE":
        with lock:
            counts["insufficient"] += 1
    else:
        anomaly("unexpected answer to a new transfer", variables, answer)


def worker(number):
    rng = random.Random(seed * 1000 + number)
    deadline = time.monotonic() + seconds
    serial = 0
    while time.monotonic() < deadline:
        serial += 1
        key = f"bank-{seed}-{number}-{serial}"
        roll = rng.random()
        with lock:
            done = list(sent[-200:])
        if roll < 0.2 and done:
            # A retry of an acknowledged request, after the balances have moved on.
            payer, destination, variables, tx_id = rng.choice(done)
            status, answer = post(TRANSFER, variables, payer["token"])
            with lock:
                counts["retries"] += 1
            kind, value = classify(status, answer)
            if kind != "ok" or value["id"] != tx_id:
                anomaly(f"retry did not return the original transaction {tx_id}", variables, answer)
            elif kind == "ok":
                record_success(variables, destination, value)
        elif roll < 0.3 and done:
            # The same key with another amount: a conflict, and no money moves.
            payer, destination, variables, tx_id = rng.choice(done)
            changed = dict(variables, a=str(int(variables["a"]) + rng.choice([1, 10 ** 9])))
            status, answer = post(TRANSFER, changed, payer["token"])
            with lock:
                counts["conflicts"] += 1
            kind, value = classify(status, answer)
            if kind != "refused" or value != "IDEMPOTENCY_CONFLICT":
                anomaly("a changed amount under a used key was not IDEMPOTENCY_CONFLICT", changed, answer)
                if kind == "ok":
                    record_success(changed, destination, value)
        elif roll < 0.45:
            # A burst of identical requests at once: they all name one transaction.
            payer, destination, variables = new_request(rng, key)
            size = rng.randint(3, 6)
            with ThreadPoolExecutor(size) as pool:
                answers = list(pool.map(lambda _: post(TRANSFER, variables, payer["token"]), range(size)))
            with lock:
                counts["bursts"] += 1
                counts["burst_requests"] += size
            kinds = [classify(*answer) for answer in answers]
            ids = {value["id"] for kind, value in kinds if kind == "ok"}
            refused = {value for kind, value in kinds if kind == "refused"}
            # A refusal stores no key, so a request of the burst may succeed after another was refused (the balance
            # grew meanwhile); but never two transactions, and never any other answer.
            if any(kind == "bad" for kind, _ in kinds) or len(ids) > 1 or refused - {"INSUFFICIENT_BALANCE"}:
                anomaly(f"a burst of {size} identical requests disagreed", variables, [a for _, a in answers])
            for kind, value in kinds:
                if kind == "ok":
                    record_success(variables, destination, value)
            if ids:
                with lock:
                    sent.append((payer, destination, variables, next(iter(ids))))
        else:
            payer, destination, variables = new_request(rng, key)
            status, answer = post(TRANSFER, variables, payer["token"])
            with lock:
                counts["transfers"] += 1
            expect_sequential(payer, destination, variables, status, answer)


with ThreadPoolExecutor(threads) as pool:
    list(pool.map(worker, range(threads)))

# Invariants, from the acknowledged answers only.
expected = dict(initial)
for source, destination, amount in acknowledged.values():
    expected[source] -= amount
    expected[destination] += amount
actual = {}
for user in users:
    status, answer = post("{ wallets { id balance } }", token=user["token"])
    if status != 200 or "errors" in answer:
        anomaly("reading wallets failed", user["name"], answer)
        continue
    for wallet in answer["data"]["wallets"]:
        actual[wallet["id"]] = int(wallet["balance"])
for wallet, value in expected.items():
    if actual.get(wallet) != value:
        anomaly(f"balance of {by_wallet[wallet]['name']} is {actual.get(wallet)}, acknowledged answers imply {value}",
                wallet, actual)
    if actual.get(wallet, 0) < 0:
        anomaly("negative balance", wallet, actual)
if sum(actual.values()) != sum(initial.values()):
    anomaly(f"total not conserved: {sum(actual.values())} != {sum(initial.values())}", None, actual)
try:
    with urllib.request.urlopen(f"{base}/readyz", timeout=10) as response:
        alive = response.status == 200
except Exception:
    alive = False
if not alive:
    anomaly("the server is not alive after the run", None, None)

print("bank test: transfers={transfers} acknowledged={acknowledged} insufficient={insufficient} retries={retries} "
      "bursts={bursts} (requests {burst_requests}) conflicts={conflicts}".format(**counts)
      + f" anomalies={len(anomalies)}")
sys.exit(1 if anomalies else 0)
