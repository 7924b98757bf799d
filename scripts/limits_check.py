"""Timeouts and load shedding of the live server (issue 19), as clients and attackers meet them.

Usage: limits_check.py BASE_URL ENGINE LOCK_TARGET SCHEMA. LOCK_TARGET is the SQLite file or the PostgreSQL URL
(SCHEMA is the server's search_path there). The server runs with REQUEST_TIMEOUT=2s, DATABASE_MAX_WAITERS=0,
DATABASE_MAX_CONNECTIONS=3, HTTP_READ_HEADER_TIMEOUT=1s and HTTP_MAX_CONNECTIONS=40 (scripts/limits-check).
Prints every failure; exits 1 if there was any."""
import base64
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlparse

import edge_client

base, engine, lock_target, schema = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
failures = []


def check(condition, what, detail=""):
    print(("ok   " if condition else "FAIL ") + what + (f": {detail}" if detail and not condition else ""))
    if not condition:
        failures.append(what)


def post(query, variables=None, token=None, timeout=60):
    return edge_client.post(base, query, variables, token, timeout=timeout)


def codes(answer):
    return [(error.get("extensions") or {}).get("code") for error in answer.get("errors") or []]


TOP_UP = """mutation($w: ID!, $a: Decimal!, $k: String!) {
  topUp(input: {walletId: $w, amount: $a, idempotencyKey: $k}) { transaction { id } userErrors { code } } }"""
BALANCE = "query($w: ID!) { wallet(id: $w) { balance } }"

status, answer = post('mutation { signIn(input: {username: "alice", password: "password123"}) { token } }')
token = answer["data"]["signIn"]["token"]
status, answer = post('mutation { createWallet(input: {assetCode: "IDR", label: "limits"}) { wallet { id } } }',
                      token=token)
wallet = answer["data"]["createWallet"]["wallet"]["id"]
wallet_uuid = base64.urlsafe_b64decode(wallet + "=" * (-len(wallet) % 4)).decode().split(":")[1]


def balance():
    return int(post(BALANCE, {"w": wallet}, token)[1]["data"]["wallet"]["balance"])


class Lock:
    """SQLite's write lock from another connection, or the wallet's row lock from psql."""

    def __enter__(self):
        if engine == "sqlite":
            self.db = sqlite3.connect(lock_target, isolation_level=None, timeout=30)
            self.db.execute("BEGIN IMMEDIATE")
        else:
            self.psql = subprocess.Popen(["psql", lock_target, "-qAt"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         text=True)
            self.psql.stdin.write(f"SET search_path = {schema}; BEGIN; "
                                  f"SELECT 'locked' FROM wallets WHERE id = '{wallet_uuid}' FOR UPDATE;\n")
            self.psql.stdin.flush()
            line = self.psql.stdout.readline().strip()
            assert line == "locked", line
        return self

    def __exit__(self, *exc):
        if engine == "sqlite":
            self.db.execute("ROLLBACK")
            self.db.close()
        else:
            self.psql.stdin.write("ROLLBACK;\n")
            self.psql.stdin.close()
            self.psql.wait(timeout=30)


# 1. The request deadline: stuck behind the lock, TIMEOUT after ~2 s, nothing written, the key then pays once.
start_balance = balance()
key = f"limits-{uuid.uuid4()}"
with Lock():
    started = time.monotonic()
    status, answer = post(TOP_UP, {"w": wallet, "a": "1000", "k": key}, token)
    took = time.monotonic() - started
    check(codes(answer) == ["TIMEOUT"], "a top-up stuck behind a lock is TIMEOUT", json.dumps(answer)[:300])
    check(1.8 <= took < 6, f"answered after REQUEST_TIMEOUT ({took:.2f} s)")
    # 2. Shedding: every connection busy (stuck on the lock) and no waiting allowed: 503 at once.
    stuck = []

    def stuck_request(number):
        stuck.append((number, post(TOP_UP, {"w": wallet, "a": "10", "k": f"{key}-stuck-{number}"}, token)))

    threads = [threading.Thread(target=stuck_request, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.7)
    started = time.monotonic()
    shed_status, shed = post(TOP_UP, {"w": wallet, "a": "7", "k": f"{key}-shed"}, token)
    took = time.monotonic() - started
    check(shed_status == 503 and codes(shed) == ["SERVICE_UNAVAILABLE"], "with every connection busy: 503 SERVICE_UNAVAILABLE",
          f"{shed_status} {json.dumps(shed)[:300]}")
    check(took < 1.0, f"refused at once ({took:.3f} s)")
    for thread in threads:
        thread.join()
    check(balance() == start_balance, "nothing was written while locked")
    for number, (status, answer) in stuck:
        check(codes(answer) in (["TIMEOUT"], ["SERVICE_UNAVAILABLE"]), f"stuck request {number}: TIMEOUT or 503",
              f"{status} {json.dumps(answer)[:200]}")
check(balance() == start_balance, "nothing was written by the stopped requests")
first = post(TOP_UP, {"w": wallet, "a": "1000", "k": key}, token)[1]
again = post(TOP_UP, {"w": wallet, "a": "1000", "k": key}, token)[1]
paid = (first.get("data") or {}).get("topUp", {}).get("transaction")
check(paid is not None and again["data"]["topUp"]["transaction"] == paid, "the timed-out key pays once when retried")
for suffix in ["stuck-0", "stuck-1", "stuck-2", "shed"]:
    post(TOP_UP, {"w": wallet, "a": "7" if suffix == "shed" else "10", "k": f"{key}-{suffix}"}, token)
check(balance() == start_balance + 1000 + 30 + 7, "each refused key paid exactly once on its retry", str(balance()))

# 3. A request head sent a line at a time is cut off at HTTP_READ_HEADER_TIMEOUT (1 s).
host, port = urlparse(base).hostname, urlparse(base).port
slow = socket.create_connection((host, port))
slow.sendall(b"POST /graphql HTTP/1.1\r\nHost: localhost\r\n")
slow.settimeout(10)
started = time.monotonic()
try:
    data = slow.recv(100)
except (socket.timeout, ConnectionResetError):
    data = None
took = time.monotonic() - started
check(data == b"" and 0.8 <= took < 5, f"a slow head is closed without an answer after {took:.2f} s", repr(data))
slow.close()

# 4. Past HTTP_MAX_CONNECTIONS (40), new connections are closed at once; the ones within it are served.
sockets = [socket.create_connection((host, port)) for _ in range(45)]
closed = set()
deadline = time.monotonic() + 5
while len(closed) < 5 and time.monotonic() < deadline:
    for number, sock in enumerate(sockets):
        if number in closed:
            continue
        sock.settimeout(0.01)
        try:
            if sock.recv(10) == b"":
                closed.add(number)
        except ConnectionResetError:
            closed.add(number)
        except socket.timeout:
            pass
time.sleep(0.3)  # any sixth closure would show by now
for number, sock in enumerate(sockets):
    if number not in closed:
        sock.settimeout(0.01)
        try:
            if sock.recv(10) == b"":
                closed.add(number)
        except ConnectionResetError:
            closed.add(number)
        except socket.timeout:
            pass
check(len(closed) == 5, f"45 connections against a cap of 40: {len(closed)} closed at once")
open_socket = next(sock for number, sock in enumerate(sockets) if number not in closed)
open_socket.settimeout(10)
open_socket.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
check(open_socket.recv(100).startswith(b"HTTP/1.1 200"), "a connection within the cap is served")
for sock in sockets:
    sock.close()
time.sleep(0.3)

# 5. A flood of heavy counts (forty aliased totalCounts, forty filters) beside a normal client.
heavy = "{ " + " ".join(f'c{n}: transactions(first: 1, filter: {{minAmount: "{n + 1}"}}) {{ totalCount }}'
                        for n in range(40)) + " }"
stop = threading.Event()
flood = {}
latencies = []
normal_failures = []
lock = threading.Lock()


def flooder():
    while not stop.is_set():
        status, answer = post(heavy, token=token)
        kind = "answered" if status == 200 and not answer.get("errors") else f"{status} {','.join(map(str, codes(answer)))}"
        with lock:
            flood[kind] = flood.get(kind, 0) + 1


def normal():
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        sent = time.monotonic()
        status, answer = post(BALANCE, {"w": wallet}, token)
        latencies.append(time.monotonic() - sent)
        if status != 200 or answer.get("errors"):
            normal_failures.append(f"{status} {json.dumps(answer)[:200]}")
    stop.set()


threads = [threading.Thread(target=flooder) for _ in range(12)] + [threading.Thread(target=normal)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
latencies.sort()
p50, p99 = latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)]
print(f"heavy-count flood on {engine}: normal client {len(latencies)} reads in 5 s, p50 {p50 * 1000:.1f} ms, "
      f"p99 {p99 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms; 12 flooders: {flood}")
check(not normal_failures, "the normal client got every answer during the flood", "; ".join(normal_failures[:3]))
check(flood.get("503 SERVICE_UNAVAILABLE", 0) > 0, "heavy requests past HEAVY_REQUESTS_MAX were 503", str(flood))
check(set(flood) <= {"answered", "503 SERVICE_UNAVAILABLE"}, "the flood got only answers and 503s", str(flood))

print(f"limits check on {engine}: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
