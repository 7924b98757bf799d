"""Subscriptions through the real server binary, with gql's websockets transport (graphql-transport-ws) and raw
websockets for the protocol's close codes. Usage: realtime_check.py BASE_URL ENGINE [SECOND_BASE_URL]."""
import asyncio
import json
import sys
import time

import websockets
from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from check_support import Checks, graphql, sign_in as shared_sign_in

base, engine = sys.argv[1], sys.argv[2]
second = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
check = Checks()


def post(query, variables=None, token=None, at=base):
    return graphql(at, query, variables, token)


def sign_in(username, password):
    return shared_sign_in(base, username, password)


def ws_url(at):
    return at.replace("http://", "ws://") + "/graphql"


def transport(token, at=base):
    return WebsocketsTransport(url=ws_url(at), subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
                               init_payload={"authorization": f"Bearer {token}"}, ack_timeout=10)


alice = sign_in("alice", "password123")
bob = sign_in("bob", "password456")
admin = sign_in("root", "root-password-1")
wallets = post("{ wallets { id balance version asset { code } } }", token=alice)["data"]["wallets"]
idr = next(w for w in wallets if w["asset"]["code"] == "IDR")
bob_idr = next(w for w in post("{ wallets { id asset { code } } }", token=bob)["data"]["wallets"]
               if w["asset"]["code"] == "IDR")
transfer = """mutation($from: ID!, $to: ID!, $a: Decimal!, $k: String!) {
  transfer(input: {fromWalletId: $from, toWalletId: $to, amount: $a, idempotencyKey: $k}) {
    transaction { id } userErrors { code } } }"""
updated = gql("""subscription($w: ID!, $v: BigInt) { walletUpdated(walletId: $w, afterVersion: $v) {
  version balance entry { amount } transaction { id type } } }""")


def pay(amount, key, token=alice, source=None, target=None, at=base):
    answer = post(transfer, {"from": source or idr["id"], "to": target or bob_idr["id"], "a": str(amount), "k": key},
                  token, at)
    assert answer["data"]["transfer"]["userErrors"] == [], answer
    return answer["data"]["transfer"]["transaction"]["id"]


def balance(wallet_id, token=alice):
    return post("query($id: ID!) { wallet(id: $id) { balance version } }", {"id": wallet_id}, token)["data"]["wallet"]


async def collect(session, document, variables, count, timeout=20):
    """The first `count` results of a subscription."""
    results = []

    async def run():
        async for result in session.subscribe(document, variable_values=variables):
            results.append(result)
            if len(results) == count:
                return
    await asyncio.wait_for(run(), timeout)
    return results


async def subscribe_then_pay():
    start = balance(idr["id"])
    async with Client(transport=transport(alice)) as session:
        task = asyncio.ensure_future(collect(session, updated, {"w": idr["id"]}, 3))
        await asyncio.sleep(0.5)
        paid = [await asyncio.to_thread(pay, amount, f"rt-live-{amount}-{time.time()}") for amount in (100, 250, 7)]
        seen = await task
    got = [(int(r["walletUpdated"]["version"]), int(r["walletUpdated"]["balance"])) for r in seen]
    want = [(int(start["version"]) + 1, int(start["balance"]) - 100), (int(start["version"]) + 2, int(start["balance"]) - 350),
            (int(start["version"]) + 3, int(start["balance"]) - 357)]
    check("gql ws: subscribe, move money, receive the exact balances and versions", got == want, (got, want))
    check("gql ws: each update names its transfer", [r["walletUpdated"]["transaction"]["id"] for r in seen] == paid)


async def resume_after_disconnect():
    async with Client(transport=transport(alice)) as session:
        first = await collect(session, updated, {"w": idr["id"]}, 1, timeout=20) if False else None
    last = balance(idr["id"])
    # Disconnected: three payments happen meanwhile.
    for index in range(3):
        await asyncio.to_thread(pay, 11 + index, f"rt-resume-{index}-{time.time()}")
    async with Client(transport=transport(alice)) as session:
        seen = await collect(session, updated, {"w": idr["id"], "v": last["version"]}, 3)
        # And live after the catch-up, with no gap or duplicate across the switch.
        live = asyncio.ensure_future(collect(session, updated, {"w": idr["id"], "v": str(int(last["version"]) + 3)}, 1))
        await asyncio.sleep(0.3)
        await asyncio.to_thread(pay, 5, f"rt-resume-live-{time.time()}")
        after = await live
    versions = [int(r["walletUpdated"]["version"]) for r in seen + after]
    check("gql ws: afterVersion replays what happened while disconnected, then goes live",
          versions == [int(last["version"]) + n for n in (1, 2, 3, 4)], versions)
    check("gql ws: the replayed balances are exact",
          int(seen[-1]["walletUpdated"]["balance"]) == int(last["balance"]) - 11 - 12 - 13, seen[-1])


async def refusals():
    async with Client(transport=transport(bob)) as session:
        try:
            await collect(session, updated, {"w": idr["id"]}, 1, timeout=10)
            check("gql ws: another user's wallet is refused", False, "subscribed")
        except TransportQueryError as error:
            code = (error.errors or [{}])[0].get("extensions", {}).get("code")
            check("gql ws: another user's wallet is WALLET_NOT_FOUND", code == "WALLET_NOT_FOUND", error.errors)
    try:
        async with Client(transport=transport("not-a-token")) as session:
            await collect(session, updated, {"w": idr["id"]}, 1, timeout=10)
        check("gql ws: a bad token is refused", False, "connected")
    except Exception as error:  # gql reports the server's close
        check("gql ws: a bad token is refused", True)


async def close_code(messages, subprotocols=("graphql-transport-ws",), wait=5):
    """Sends `messages` on a raw WebSocket and returns the close code the server ends with."""
    async with websockets.connect(ws_url(base), subprotocols=list(subprotocols) or None) as socket:
        for message in messages:
            await socket.send(message if isinstance(message, str) else json.dumps(message))
        try:
            while True:
                await asyncio.wait_for(socket.recv(), wait)
        except websockets.ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        except asyncio.TimeoutError:
            return "open"


async def protocol_errors():
    init = {"type": "connection_init", "payload": {"authorization": f"Bearer {alice}"}}
    subscribe = {"id": "1", "type": "subscribe", "payload": {"query": "subscription { events { type } }"}}
    cases = [
        ("a bad token closes with 4403", [{"type": "connection_init", "payload": {"authorization": "Bearer x"}}], 4403),
        ("no token closes with 4403", [{"type": "connection_init"}], 4403),
        ("subscribe before connection_init closes with 4401", [subscribe], 4401),
        ("a second connection_init closes with 4429", [init, init], 4429),
        ("a message that is not JSON closes with 4400", [init, "{nope"], 4400),
        ("an unknown message type closes with 4400", [init, {"type": "hello"}], 4400),
        ("a subscribe without a query closes with 4400", [init, {"id": "1", "type": "subscribe", "payload": {}}], 4400),
        ("a running id subscribed again closes with 4409", [init, subscribe, subscribe], 4409),
        ("no connection_init within WS_CONNECTION_INIT_TIMEOUT closes with 4408", [], 4408),
    ]
    for name, messages, expected in cases:
        code = await close_code(messages)
        check("ws: " + name, code == expected, code)
    try:
        code = await close_code([init], subprotocols=())
    except Exception as error:
        code = str(error)
    check("ws: no graphql-transport-ws subprotocol closes with 4406", code == 4406, code)
    # ping is answered with pong; complete stops a subscription; a query runs over the socket too.
    async with websockets.connect(ws_url(base), subprotocols=["graphql-transport-ws"]) as socket:
        await socket.send(json.dumps(init))
        ack = json.loads(await socket.recv())
        await socket.send(json.dumps({"type": "ping"}))
        pong = json.loads(await socket.recv())
        await socket.send(json.dumps({"id": "q", "type": "subscribe", "payload": {"query": "{ me { username } }"}}))
        answers = [json.loads(await socket.recv()) for _ in range(2)]
        limit = []
        for n in range(6):
            await socket.send(json.dumps({"id": f"s{n}", "type": "subscribe",
                                          "payload": {"query": "subscription { events { type } }"}}))
        limit.append(json.loads(await asyncio.wait_for(socket.recv(), 5)))
    # A burst of 40 queries on one socket: each is answered (next + complete) or refused with RATE_LIMITED while
    # 16 are in flight; the socket stays open.
    async with websockets.connect(ws_url(base), subprotocols=["graphql-transport-ws"]) as socket:
        await socket.send(json.dumps(init))
        await socket.recv()
        for n in range(40):
            await socket.send(json.dumps({"id": f"b{n}", "type": "subscribe", "payload": {"query": "{ me { username } }"}}))
        outcome = {}
        while len(outcome) < 40:
            message = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if message["type"] == "complete" or (message["type"] == "error"
                                                 and message["payload"][0]["extensions"]["code"] == "RATE_LIMITED"):
                outcome[message["id"]] = message["type"]
        await socket.send(json.dumps({"type": "ping"}))
        still = json.loads(await asyncio.wait_for(socket.recv(), 5))
    check("ws: a burst of 40 queries is answered or RATE_LIMITED, each once, and the socket stays open",
          len(outcome) == 40 and still == {"type": "pong"}, (sorted(set(outcome.values())), still))
    check("ws: connection_ack, then ping → pong", ack == {"type": "connection_ack"} and pong == {"type": "pong"}, (ack, pong))
    check("ws: a query answers next then complete", answers[0]["type"] == "next"
          and answers[0]["payload"]["data"]["me"]["username"] == "alice" and answers[1] == {"id": "q", "type": "complete"}, answers)
    check("ws: the 6th subscription on a connection (WS_MAX_SUBSCRIPTIONS_PER_CONNECTION=5) is an error, RATE_LIMITED",
          limit[0].get("id") == "s5" and limit[0].get("type") == "error"
          and limit[0]["payload"][0]["extensions"]["code"] == "RATE_LIMITED", limit)


async def per_user_limit():
    """WS_MAX_SUBSCRIPTIONS_PER_USER=8: two sockets of one user hold 5 + 3; the 9th is refused; completing one
    frees its place."""
    charlie = sign_in("charlie", "password789")
    init = {"type": "connection_init", "payload": {"authorization": f"Bearer {charlie}"}}
    query = {"query": "subscription { events { type } }"}
    async with websockets.connect(ws_url(base), subprotocols=["graphql-transport-ws"]) as first, \
            websockets.connect(ws_url(base), subprotocols=["graphql-transport-ws"]) as second:
        for socket in (first, second):
            await socket.send(json.dumps(init))
            await socket.recv()
        for n in range(5):
            await first.send(json.dumps({"id": f"a{n}", "type": "subscribe", "payload": query}))
        # A socket's messages are handled in order: its pong means its 5 subscriptions were admitted.
        await first.send(json.dumps({"type": "ping"}))
        assert json.loads(await asyncio.wait_for(first.recv(), 5)) == {"type": "pong"}
        for n in range(4):
            await second.send(json.dumps({"id": f"b{n}", "type": "subscribe", "payload": query}))
        refused = json.loads(await asyncio.wait_for(second.recv(), 5))
        await first.send(json.dumps({"id": "a0", "type": "complete"}))
        await asyncio.sleep(0.3)
        await second.send(json.dumps({"id": "b9", "type": "subscribe", "payload": query}))
        try:
            again = json.loads(await asyncio.wait_for(second.recv(), 1))
        except asyncio.TimeoutError:
            again = None  # running: nothing to say until an event
    check("ws: the 9th subscription of one user across sockets (WS_MAX_SUBSCRIPTIONS_PER_USER=8) is RATE_LIMITED",
          refused.get("id") == "b3" and refused.get("type") == "error"
          and refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED", refused)
    check("ws: completing one frees its place", again is None or again.get("type") != "error", again)


async def slow_consumer():
    """A client that stops reading: after WS_MAX_PENDING_MESSAGES=50 unread messages the server cuts it off with
    1008 instead of holding more."""
    import socket as sockets
    raw = sockets.socket(sockets.AF_INET, sockets.SOCK_STREAM)
    raw.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
    host, port = base.replace("http://", "").split(":")
    raw.connect((host, int(port)))
    socket = await websockets.connect(ws_url(base), sock=raw, subprotocols=["graphql-transport-ws"], max_queue=1)
    await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {admin}"}}))
    await socket.recv()
    big = """subscription { events { type cursor occurredAt wallet { id label balance version createdAt }
      transaction { id type amount description createdAt idempotencyKey entries { amount balanceAfter walletVersion createdAt } } } }"""
    await socket.send(json.dumps({"id": "slow", "type": "subscribe", "payload": {"query": big}}))
    total = 0

    def load(lane):
        nonlocal total
        for n in range(150):
            pay(1, f"rt-slow-{lane}-{n}-{time.time()}", source=idr["id"], target=bob_idr["id"])
            total += 3
    await asyncio.gather(asyncio.to_thread(load, 0), asyncio.to_thread(load, 1))
    got, code = 0, None
    try:
        while True:
            await asyncio.wait_for(socket.recv(), 20)
            got += 1
    except websockets.ConnectionClosed as closed:
        code = closed.rcvd.code if closed.rcvd else None
    except asyncio.TimeoutError:
        code = "still open"
    print(f"slow consumer: read {got} of the {total} events' messages, then the close ({code})")
    check("ws: a client that stops reading is cut off with 1008 (slow consumer)", code == 1008, (code, got, total))
    check("ws: …before it was sent everything", got < total, (got, total))


async def events_feed():
    feed = post("{ events(first: 100) { edges { cursor } pageInfo { endCursor hasNextPage } } }", token=alice)["data"]["events"]
    while feed["pageInfo"]["hasNextPage"]:
        feed = post("query($a: String) { events(first: 100, after: $a) { edges { cursor } pageInfo { endCursor hasNextPage } } }",
                    {"a": feed["pageInfo"]["endCursor"]}, token=alice)["data"]["events"]
    cursor = feed["pageInfo"]["endCursor"]
    document = gql("subscription($a: String) { events(after: $a) { type cursor transaction { id } } }")
    async with Client(transport=transport(alice)) as session:
        task = asyncio.ensure_future(collect(session, document, {"a": cursor}, 6))
        await asyncio.sleep(0.3)
        paid = [await asyncio.to_thread(pay, 3, f"rt-events-{n}-{time.time()}") for n in range(3)]
        seen = await task
    types = [r["events"]["type"] for r in seen]
    check("gql ws: events(after:) streams each transfer's TRANSACTION_CREATED and WALLET_BALANCE_CHANGED, in order",
          types == ["TRANSACTION_CREATED", "WALLET_BALANCE_CHANGED"] * 3, types)
    check("gql ws: every event once", len({r["events"]["cursor"] for r in seen}) == 6)
    check("gql ws: the events name the transfers", [r["events"]["transaction"]["id"] for r in seen][::2] == paid)


async def across_processes():
    """A transfer through one process reaches a subscriber on the other (PostgreSQL: LISTEN/NOTIFY)."""
    latencies = []
    async with Client(transport=transport(alice, at=second)) as session:
        for n in range(5):
            start = balance(idr["id"])
            task = asyncio.ensure_future(collect(session, updated, {"w": idr["id"], "v": start["version"]}, 1))
            await asyncio.sleep(0.2)
            began = time.monotonic()
            await asyncio.to_thread(pay, 2, f"rt-cross-{n}-{time.time()}")
            seen = await task
            latencies.append(time.monotonic() - began)
            check(f"two processes: a transfer through one reaches a subscriber on the other ({n + 1}/5)",
                  int(seen[0]["walletUpdated"]["balance"]) == int(start["balance"]) - 2, seen)
    print(f"two processes: transfer request to update on the other process, max {max(latencies) * 1000:.0f} ms")
    check("two processes: woken by NOTIFY, not by the 5 s poll", max(latencies) < 2.0, latencies)


async def main():
    await subscribe_then_pay()
    await resume_after_disconnect()
    await refusals()
    await protocol_errors()
    await per_user_limit()
    await slow_consumer()
    await events_feed()
    if second:
        await across_processes()
    report = post("{ reconcile { isClean problems } }", token=admin)["data"]["reconcile"]
    check("reconcile is clean", report["isClean"], report)


asyncio.run(main())
print(f"realtime check ({engine}): {'all passed' if check.failures == 0 else f'{check.failures} failed'}")
sys.exit(1 if check.failures else 0)
