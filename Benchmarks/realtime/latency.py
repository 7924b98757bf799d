"""Commit-to-subscriber latency under transfer load: the real server binary, one admin subscribed to
TRANSACTION_CREATED over graphql-transport-ws, and LANES threads paying each other over HTTP for SECONDS.
For each transfer, the event's arrival is compared with the HTTP request's send time (an upper bound: the commit
happens after it) and with the response's arrival (a lower bound: the commit happened before it). Prints numbers;
asserts nothing. Usage: latency.py BASE_URL [SECONDS] [LANES]. Needs the demo users (SEED_DEMO) and root/root-password-1."""
import asyncio
import http.client
import json
import os
import sys
import threading
import time

import websockets

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from check_support import graphql, sign_in as shared_sign_in  # noqa: E402

base = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10
lanes = int(sys.argv[3]) if len(sys.argv) > 3 else 4
host, port = base.replace("http://", "").split(":")


def post(query, variables=None, token=None):
    return graphql(base, query, variables, token)


def sign_in(username, password):
    return shared_sign_in(base, username, password)


users = [("alice", "password123"), ("bob", "password456"), ("charlie", "password789")]
tokens = {name: sign_in(name, password) for name, password in users}
wallets = {name: next(w["id"] for w in post("{ wallets { id asset { code } } }", token=token)["data"]["wallets"]
                      if w["asset"]["code"] == "IDR") for name, token in tokens.items()}
admin = sign_in("root", "root-password-1")
transfer = ("mutation($f: ID!, $t: ID!, $k: String!) { transfer(input: {fromWalletId: $f, toWalletId: $t, "
            "amount: \"1\", idempotencyKey: $k}) { transaction { id } userErrors { code } } }")
sent, answered, arrived = {}, {}, {}
lock = threading.Lock()
stop = threading.Event()


def lane(number):
    names = list(tokens)
    payer, payee = names[number % 3], names[(number + 1) % 3]
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    n = 0
    while not stop.is_set():
        body = json.dumps({"query": transfer, "variables": {"f": wallets[payer], "t": wallets[payee], "k": f"lat-{number}-{n}-{time.time()}"}})
        started = time.monotonic()
        connection.request("POST", "/graphql", body, {"Content-Type": "application/json", "Authorization": "Bearer " + tokens[payer]})
        answer = json.loads(connection.getresponse().read())
        done = time.monotonic()
        n += 1
        transaction = (answer.get("data") or {}).get("transfer", {}).get("transaction")
        if transaction:
            with lock:
                sent[transaction["id"]] = started
                answered[transaction["id"]] = done


async def subscriber(ready):
    url = base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], max_size=None) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {admin}"}}))
        await socket.recv()
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
            "query": "subscription { events(filter: {types: [TRANSACTION_CREATED]}) { transaction { id } } }"}}))
        ready.set()
        deadline = time.monotonic() + seconds + 5
        while time.monotonic() < deadline:
            try:
                message = json.loads(await asyncio.wait_for(socket.recv(), 1))
            except asyncio.TimeoutError:
                continue
            now = time.monotonic()
            transaction = ((message.get("payload") or {}).get("data") or {}).get("events", {}).get("transaction")
            if transaction:
                arrived[transaction["id"]] = now


async def main():
    ready = asyncio.Event()
    task = asyncio.ensure_future(subscriber(ready))
    await ready.wait()
    threads = [threading.Thread(target=lane, args=(n,)) for n in range(lanes)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    await asyncio.sleep(seconds)
    stop.set()
    for thread in threads:
        await asyncio.to_thread(thread.join)
    elapsed = time.monotonic() - began
    await task
    ids = [i for i in sent if i in arrived]
    upper = sorted((arrived[i] - sent[i]) * 1000 for i in ids)
    lower = sorted(max(0.0, arrived[i] - answered[i]) * 1000 for i in ids)
    before = sum(1 for i in ids if arrived[i] < answered[i])

    def pct(values, p):
        return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")
    print(f"transfers: {len(sent)} in {elapsed:.1f} s ({len(sent) / elapsed:.0f}/s over {lanes} lanes); "
          f"events received for {len(ids)} ({len(sent) - len(ids)} missing)")
    print(f"request sent → event at the subscriber:   p50 {pct(upper, .5):.1f} ms  p99 {pct(upper, .99):.1f} ms  max {upper[-1] if upper else float('nan'):.1f} ms")
    print(f"response received → event (0 if before): p50 {pct(lower, .5):.1f} ms  p99 {pct(lower, .99):.1f} ms; "
          f"{before} events arrived before their HTTP response")


asyncio.run(main())
