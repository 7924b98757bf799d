"""The crash-safety harness (issue 19): client threads send transfers among a few wallets, each retried with the
same key and variables until it gets a definitive answer, while the server is killed with SIGKILL at random moments
and restarted (and, on PostgreSQL, the database is restarted once with `-m immediate`). Then, from the acknowledged
answers: every acknowledged transfer exists exactly once, no key has two transactions, no transfer exists that was
not acknowledged, balances are what the answers imply (total conserved, none negative), and the server stops on
SIGTERM.

Usage: crash_check.py ENGINE BINARY WORK_DIR. The server runs as `BINARY serve` in WORK_DIR with this process's
environment (DATABASE_URL, PORT, JWT_SECRET, ADMIN_USERNAME, ADMIN_PASSWORD…; crash-check sets them); its output is
appended to WORK_DIR/server.log and its pid kept in WORK_DIR/server.pid. CRASH_KILLS (20), CRASH_THREADS (6),
CRASH_SEED (random) and CRASH_READY_BOUND (30 s) tune it. On postgres, WALLETGRAPH_TEST_PG_DATA and
WALLETGRAPH_TEST_PG_BIN name the database to restart. Prints every anomaly; exits 1 if there was any."""
import collections
import datetime
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import edge_client

engine, binary, work = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{os.environ['PORT']}"
admin_user, admin_password = os.environ["ADMIN_USERNAME"], os.environ["ADMIN_PASSWORD"]
kills_wanted = int(os.environ.get("CRASH_KILLS", "20"))
threads = int(os.environ.get("CRASH_THREADS", "6"))
seed = int(os.environ.get("CRASH_SEED", str(random.randrange(1 << 30))))
ready_bound = float(os.environ.get("CRASH_READY_BOUND", "30"))
# A key may go unanswered while the server (or the database) is down, not much longer.
key_bound = ready_bound + 30
print(f"crash check on {engine}: {threads} threads, {kills_wanted} kills, CRASH_SEED={seed}")

TRANSFER = """mutation($f: ID!, $t: ID, $u: String, $a: Decimal!, $k: String!) {
  transfer(input: {fromWalletId: $f, toWalletId: $t, toUsername: $u, amount: $a, idempotencyKey: $k}) {
    transaction { id amount } userErrors { code field message } } }"""
TRANSFERS = """query($after: String) {
  transactions(first: 100, after: $after, filter: {types: [TRANSFER]}) {
    edges { node { id idempotencyKey amount createdAt entries { wallet { id } amount } } }
    pageInfo { hasNextPage endCursor } } }"""

lock = threading.Lock()
anomalies = []
counts = {"kills": 0, "restarts": 0, "pg_restarts": 0, "sends": 0, "keys": 0, "retried_keys": 0, "refused": 0}
no_answers = collections.Counter()  # what the sends without a definitive answer got
ready_times = []     # seconds from each restart to /readyz 200
acknowledged = {}    # key -> (transaction id, from wallet, to wallet, amount)
refused = {}         # key -> the userError code that answered it
unanswered = set()   # keys given up on (an anomaly)
first_failure = {}   # key -> wall-clock time the first send without an answer returned
stop = threading.Event()
broken = threading.Event()  # the server could not be restarted: the clients give up
last_ack = [0.0]     # monotonic time of the latest acknowledged transfer


def anomaly(kind, request=None, answer=None):
    with lock:
        anomalies.append(kind)
        if len(anomalies) <= 30:
            print(f"ANOMALY {kind}")
            if request is not None or answer is not None:
                print(f"  request: {json.dumps(request)}\n  answer:  {json.dumps(answer)[:2000]}")
        sys.stdout.flush()


def post(query, variables=None, token=None, timeout=10):
    return edge_client.post(base, query, variables, token, timeout=timeout)


must = edge_client.must


def ready(timeout=1.0):
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=timeout) as response:
            return response.status == 200
    except Exception:  # noqa: BLE001 — not ready
        return False


class Server:
    """The server process: started, killed with SIGKILL, stopped with SIGTERM."""

    def __init__(self):
        self.process = None

    def start(self):
        with open(os.path.join(work, "server.log"), "ab") as log:
            self.process = subprocess.Popen([binary, "serve"], cwd=work, stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT)
        with open(os.path.join(work, "server.pid"), "w") as file:
            file.write(str(self.process.pid))

    def wait_ready(self, bound):
        """Seconds until /readyz answered 200, or None (exited, or not within `bound`)."""
        started = time.monotonic()
        while time.monotonic() - started < bound:
            if self.process.poll() is not None:
                return None
            if ready():
                return time.monotonic() - started
            time.sleep(0.05)
        return None

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def terminate(self, bound=10):
        """The exit code after SIGTERM, or None when it did not stop within `bound` seconds (then killed)."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(bound)
        except subprocess.TimeoutExpired:
            self.kill()
            return None


def restart_postgres():
    """`pg_ctl restart -m immediate` on the throwaway cluster (as postgres when root); the seconds it took."""
    data, pg_bin = os.environ.get("WALLETGRAPH_TEST_PG_DATA"), os.environ.get("WALLETGRAPH_TEST_PG_BIN")
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    # -l: without it the restarted postmaster would write to (and keep open) our pipes.
    command = prefix + [os.path.join(pg_bin, "pg_ctl"), "-D", data, "-l",
                        os.path.join(os.path.dirname(data), "server.log"), "restart", "-m", "immediate", "-w",
                        "-t", "60"]
    started = time.monotonic()
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=90)
    if result.returncode != 0:
        anomaly(f"pg_ctl restart -m immediate failed ({result.returncode}): {result.stdout} {result.stderr}")
    return time.monotonic() - started


server = Server()
server.start()
if server.wait_ready(120) is None:
    raise SystemExit("the server did not become ready")

# Setup: a few users with one IDR wallet each, funded by the admin.
admin, users = edge_client.funded_users(base, admin_user, admin_password, "crash", "0813", seed)
initial = {user["wallet"]: 100_000 for user in users}
by_wallet = {user["wallet"]: user for user in users}


def classify(status, answer):
    """('ok', transaction) | ('refused', code) | ('none', None): no definitive answer, send again."""
    if status != 200 or "errors" in answer:
        return "none", None
    result = ((answer.get("data") or {}).get("transfer")) or {}
    codes = [error["code"] for error in result.get("userErrors") or []]
    if result.get("transaction") and not codes:
        return "ok", result["transaction"]
    if not result.get("transaction") and len(codes) == 1:
        # LEDGER_BUSY: nothing was written; the same key may be sent again.
        return ("none", None) if codes[0] == "LEDGER_BUSY" else ("refused", codes[0])
    return "none", None


def no_answer_kind(status, answer):
    """What a send got instead of an answer, for the summary: transport, HTTP 503, a GraphQL error code…"""
    if status == 0:
        return "transport"
    codes = [(error.get("extensions") or {}).get("code") for error in answer.get("errors") or []]
    if not codes and status == 200:
        codes = [error["code"] for error in ((answer.get("data") or {}).get("transfer") or {}).get("userErrors") or []]
    return f"HTTP {status} {'/'.join(str(code) for code in codes)}".strip()


def send_until_answered(rng, payer, destination, variables):
    key = variables["k"]
    first = time.monotonic()
    sends = 0
    while True:
        sends += 1
        status, answer = post(TRANSFER, variables, payer["token"])
        kind, value = classify(status, answer)
        with lock:
            counts["sends"] += 1
            if kind == "none":
                no_answers[no_answer_kind(status, answer)] += 1
                first_failure.setdefault(key, time.time())
        if kind == "ok":
            if value["amount"] != variables["a"]:
                anomaly("amount differs from the request", variables, answer)
            with lock:
                acknowledged[key] = (value["id"], variables["f"], destination, int(value["amount"]))
                last_ack[0] = time.monotonic()
            break
        if kind == "refused":
            if value != "INSUFFICIENT_BALANCE":
                anomaly(f"unexpected refusal {value}", variables, answer)
            with lock:
                refused[key] = value
                counts["refused"] += 1
            break
        if broken.is_set():
            with lock:
                unanswered.add(key)
            break
        if time.monotonic() - first > key_bound:
            anomaly(f"no definitive answer within {key_bound:.0f} s after {sends} sends", variables, answer)
            with lock:
                unanswered.add(key)
            break
        time.sleep(rng.uniform(0.05, 0.1))
    with lock:
        counts["keys"] += 1
        if sends > 1:
            counts["retried_keys"] += 1


def worker(number):
    rng = random.Random(seed * 1000 + number)
    serial = 0
    while not stop.is_set():
        serial += 1
        payer = rng.choice(users)
        payee = rng.choice([user for user in users if user is not payer])
        amount = rng.choice([rng.randint(1, 5000), rng.randint(1, 40000), rng.randint(1, 5000),
                             rng.randint(10 ** 6, 10 ** 9)])
        variables = {"f": payer["wallet"], "a": str(amount), "k": f"crash-{seed}-{number}-{serial}"}
        if rng.random() < 0.5:
            variables["t"] = payee["wallet"]
        else:
            variables["u"] = payee["name"]
        send_until_answered(rng, payer, payee["wallet"], variables)


def killer():
    """Kills the server at random moments and restarts it at once; on postgres, restarts the database once."""
    rng = random.Random(seed)
    for number in range(kills_wanted):
        time.sleep(rng.uniform(0.2, 5.0))
        server.kill()
        with lock:
            counts["kills"] += 1
        server.start()
        with lock:
            counts["restarts"] += 1
        seconds = server.wait_ready(ready_bound)
        if seconds is None:
            anomaly(f"the server was not ready within {ready_bound:.0f} s of restart {number + 1}"
                    f" (exit code {server.process.poll()})")
            broken.set()
            return
        ready_times.append(seconds)
        if engine == "postgres" and number == max(kills_wanted // 2, 1) - 1:
            time.sleep(rng.uniform(0.5, 2.0))
            took = restart_postgres()
            restarted = time.monotonic()
            with lock:
                counts["pg_restarts"] += 1
            while last_ack[0] <= restarted and time.monotonic() - restarted < ready_bound:
                time.sleep(0.01)
            if last_ack[0] <= restarted:
                anomaly(f"no transfer acknowledged within {ready_bound:.0f} s of the database restart")
            else:
                print(f"database restarted in {took:.1f} s; a transfer acknowledged {last_ack[0] - restarted:.2f} s "
                      f"later")
    time.sleep(2)  # load on the last incarnation too


started_at = time.monotonic()
pool = ThreadPoolExecutor(threads)
futures = [pool.submit(worker, number) for number in range(threads)]
try:
    killer()
finally:
    stop.set()
    pool.shutdown(wait=True)
for future in futures:
    if future.exception():
        anomaly(f"a client thread failed: {future.exception()!r}")
load_seconds = time.monotonic() - started_at

if server.process.poll() is not None:
    server.start()
# A live server still starting (the last kill came just before) is waited for, never started twice on its port.
if server.wait_ready(ready_bound) is None:
    anomaly("the server is not up for the checks")
    sys.exit(1)

# The checks, against what the database holds, read through the API as the admin (signed in afresh).
status, answer = post('mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token } }',
                      {"u": admin_user, "p": admin_password}, timeout=60)
admin = must(status, answer, "admin sign-in for the checks")["signIn"]["token"]
stored = {}   # transaction id -> node
by_key = {}   # key -> [transaction id]
after = None
while True:
    data = must(*post(TRANSFERS, {"after": after}, admin, timeout=60), "listing transfers")["transactions"]
    for edge in data["edges"]:
        node = edge["node"]
        if node["id"] in stored:
            anomaly("a transaction listed twice", None, node)
        stored[node["id"]] = node
        by_key.setdefault(node["idempotencyKey"], []).append(node["id"])
    if not data["pageInfo"]["hasNextPage"]:
        break
    after = data["pageInfo"]["endCursor"]

lost = duplicated = unacknowledged = 0
# A retried key whose transaction was created before its first failed send committed in a server that then died
# before answering: the retry got the stored answer.
replayed = 0
for key, ids in by_key.items():
    if key is None or not key.startswith(f"crash-{seed}-"):
        continue
    if len(ids) > 1:
        duplicated += 1
        anomaly(f"key {key} has {len(ids)} transactions", key, ids)
    if key not in acknowledged:
        unacknowledged += 1
        anomaly(f"transfer {ids} exists but its key {key} was not acknowledged (answer: {refused.get(key, 'none')})", key,
                [stored[i] for i in ids])
for key, (tx_id, source, destination, amount) in acknowledged.items():
    node = stored.get(tx_id)
    if node is None:
        lost += 1
        anomaly(f"acknowledged transfer {tx_id} (key {key}) is not in the database", key, None)
        continue
    created = datetime.datetime.fromisoformat(node["createdAt"].replace("Z", "+00:00")).timestamp()
    if key in first_failure and created < first_failure[key]:
        replayed += 1
    entries = sorted((entry["wallet"]["id"], int(entry["amount"])) for entry in node["entries"])
    if node["idempotencyKey"] != key or entries != sorted([(source, -amount), (destination, amount)]):
        anomaly(f"transfer {tx_id} differs from its acknowledged answer", [key, source, destination, amount], node)
for node in stored.values():
    touched = {entry["wallet"]["id"] for entry in node["entries"]} & set(initial)
    if touched and not (node["idempotencyKey"] or "").startswith(f"crash-{seed}-"):
        anomaly("a transfer touching the test wallets under a foreign key", None, node)

expected = dict(initial)
for _, source, destination, amount in acknowledged.values():
    expected[source] -= amount
    expected[destination] += amount
actual = {}
for user in users:
    status, answer = post("{ wallets { id balance } }", token=user["token"], timeout=60)
    if status != 200 or "errors" in answer:
        anomaly("reading wallets failed", user["name"], answer)
        continue
    for wallet in answer["data"]["wallets"]:
        actual[wallet["id"]] = int(wallet["balance"])
for wallet, value in expected.items():
    if actual.get(wallet) != value:
        anomaly(f"balance of {by_wallet[wallet]['name']} is {actual.get(wallet)}, acknowledged answers imply {value}")
    if actual.get(wallet, 0) < 0:
        anomaly(f"negative balance of {by_wallet[wallet]['name']}: {actual[wallet]}")
if sum(actual.values()) != sum(initial.values()):
    anomaly(f"total not conserved: {sum(actual.values())} != {sum(initial.values())}")

code = server.terminate()
if code is None:
    anomaly("the server did not stop within 10 s of SIGTERM")
elif code != 0:
    anomaly(f"the server exited with {code} after SIGTERM")

times = sorted(ready_times) or [0.0]
print(f"crash-check {engine}: kills={counts['kills']} restarts={counts['restarts']} pg_restarts={counts['pg_restarts']} "
      f"keys={counts['keys']} acknowledged={len(acknowledged)} refused={counts['refused']} "
      f"retried_keys={counts['retried_keys']} replayed={replayed} sends={counts['sends']} "
      f"lost={lost} duplicated={duplicated} unacknowledged={unacknowledged} unanswered={len(unanswered)} "
      f"ready_after_restart max={times[-1]:.2f}s median={statistics.median(times):.2f}s "
      f"load={load_seconds:.0f}s anomalies={len(anomalies)}")
print("sends without an answer: " + (", ".join(f"{kind} x{n}" for kind, n in no_answers.most_common()) or "none"))
sys.exit(1 if anomalies else 0)
