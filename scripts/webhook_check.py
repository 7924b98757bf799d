"""Webhooks through the real server binary (scripts/webhook-check starts nothing: this script starts, kills and
restarts the server itself). A receiver on 127.0.0.1 fails its first 3 requests; the server is SIGKILLed while
deliveries are under way and started again; in the end every event of the feed must have arrived, in feed order
after de-duplication by id, each with a valid signature."""
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from check_support import Checks, graphql, sign_in as shared_sign_in

engine = sys.argv[1]
binary, work = os.environ["WEBHOOK_CHECK_BINARY"], os.environ["WEBHOOK_CHECK_WORK"]
database, port = os.environ["WEBHOOK_CHECK_DATABASE"], os.environ["WEBHOOK_CHECK_PORT"]
base = f"http://127.0.0.1:{port}"
check = Checks()


def start_server(allow_private):
    log = open(os.path.join(work, "server.log"), "a")
    env = dict(os.environ, WALLETGRAPH_ENV="development", DATABASE_URL=database, HOST="127.0.0.1", PORT=port,
               JWT_SECRET="webhook-check-secret-0123456789abcdef", ADMIN_USERNAME="root", ADMIN_PASSWORD="root-password-1",
               LOG_LEVEL="warning", RATE_LIMIT_PER_ADDRESS="0", RATE_LIMIT_PER_USER="0", WEBHOOK_RETRY_BASE="200ms",
               WEBHOOK_ALLOW_PRIVATE="true" if allow_private else "false")
    process = subprocess.Popen([binary, "serve"], cwd=work, env=env, stdout=log, stderr=log)
    with open(os.path.join(work, "server.pid"), "w") as pid:
        pid.write(str(process.pid))
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/readyz", timeout=1)
            return process
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def post(query, variables=None, token=None):
    return graphql(base, query, variables, token)


def sign_in(username, password):
    return shared_sign_in(base, username, password)


create = """mutation($url: String!, $types: [EventType!]) { createWebhookEndpoint(input: {url: $url, eventTypes: $types,
  description: "check"}) { endpoint { id status eventTypes } secret userErrors { code field message } } }"""

# 1. SSRF: with WEBHOOK_ALLOW_PRIVATE=false, internal addresses are refused.
server = start_server(allow_private=False)
admin = sign_in("root", "root-password-1")
for url in ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://169.254.169.254/latest/meta-data",
            "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]:9/", "http://0.0.0.0/", "ftp://example.com/",
            "http://user:pw@example.com/", "not a url"]:
    answer = post(create, {"url": url}, admin)["data"]["createWebhookEndpoint"]
    codes = [e["code"] for e in answer["userErrors"]]
    check(f"ssrf: {url} is INVALID_INPUT at input.url", answer["endpoint"] is None and codes == ["INVALID_INPUT"]
          and answer["userErrors"][0]["field"] == ["input", "url"], answer)
alice = sign_in("alice", "password123")
try:
    refused = post(create, {"url": "http://example.com/"}, alice)
    check("a user may not create an endpoint (FORBIDDEN)", refused["errors"][0]["extensions"]["code"] == "FORBIDDEN", refused)
except urllib.error.HTTPError as error:
    check("a user may not create an endpoint (FORBIDDEN)", False, error)
server.send_signal(signal.SIGTERM)
server.wait(10)

# 2. The receiver: fails its first 3 requests with 500, then takes everything.
received = []
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            received.append((dict(self.headers), body))
            count = len(received)
        self.send_response(500 if count <= 3 else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
hook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"

server = start_server(allow_private=True)
admin = sign_in("root", "root-password-1")
alice, bob = sign_in("alice", "password123"), sign_in("bob", "password456")
made = post(create, {"url": hook_url}, admin)["data"]["createWebhookEndpoint"]
secret, endpoint = made["secret"], made["endpoint"]["id"]
check("an endpoint is created ACTIVE with a secret shown once", made["userErrors"] == [] and secret.startswith("whsec_")
      and made["endpoint"]["status"] == "ACTIVE", made)
listed = post("{ webhookEndpoints { id url status } }", token=admin)["data"]["webhookEndpoints"]
check("webhookEndpoints lists it, without the secret", [e["id"] for e in listed] == [endpoint] and "secret" not in listed[0], listed)

wallet = next(w for w in post("{ wallets { id asset { code } } }", token=alice)["data"]["wallets"] if w["asset"]["code"] == "IDR")
target = next(w for w in post("{ wallets { id asset { code } } }", token=bob)["data"]["wallets"] if w["asset"]["code"] == "IDR")
transfer = """mutation($f: ID!, $t: ID!, $k: String!) { transfer(input: {fromWalletId: $f, toWalletId: $t, amount: "10",
  idempotencyKey: $k}) { userErrors { code } } }"""


def pay(count, prefix):
    for n in range(count):
        answer = post(transfer, {"f": wallet["id"], "t": target["id"], "k": f"{prefix}-{n}"}, alice)
        assert answer["data"]["transfer"]["userErrors"] == [], answer


pay(10, "before")
time.sleep(0.3)
server.send_signal(signal.SIGKILL)  # in the middle of deliveries and retries
server.wait(10)
check("the server was killed mid-delivery", server.returncode == -9, server.returncode)
server = start_server(allow_private=True)
alice = sign_in("alice", "password123")
pay(10, "after")

feed_query = """query($a: String) { events(first: 100, after: $a) { edges { node { id type } }
  pageInfo { hasNextPage endCursor } } }"""
feed, after = [], None
admin = sign_in("root", "root-password-1")
while True:
    page = post(feed_query, {"a": after}, admin)["data"]["events"]
    feed += [edge["node"] for edge in page["edges"]]
    if not page["pageInfo"]["hasNextPage"]:
        break
    after = page["pageInfo"]["endCursor"]
# The endpoint receives what committed after it was created: 20 transfers, 3 events each.
expected = feed[-60:]
deadline = time.time() + 60
while time.time() < deadline:
    with lock:
        ids = []
        for _, body in received:
            event_id = json.loads(body)["id"]
            if event_id not in ids:
                ids.append(event_id)
    if len(ids) >= len(expected):
        break
    time.sleep(0.2)
with lock:
    deliveries = list(received)
check("every event arrived, in feed order after de-duplication", ids == [e["id"] for e in expected],
      (len(ids), len(expected)))
check("the first 3 attempts failed and were retried", len(deliveries) >= len(expected) + 3, len(deliveries))
bad = []
for headers, body in deliveries:
    timestamp = headers.get("WalletGraph-Timestamp", "")
    wanted = "v1=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    event = json.loads(body)
    if headers.get("WalletGraph-Signature") != wanted or headers.get("WalletGraph-Event-Id") != event["id"] \
            or abs(time.time() - int(timestamp)) > 300:
        bad.append(headers)
check("every delivery's signature verifies (HMAC-SHA256 over timestamp.body)", not bad, bad[:1])
sample = json.loads(deliveries[-1][1])
check("a body names its event and what it is about", set(sample) >= {"id", "type", "occurredAt", "cursor", "data"}, sample)
attempts = post("""query($e: ID!) { webhookDeliveries(endpointId: $e, first: 100) { edges { node { eventId attempt statusCode
  succeeded latencyMs } } } }""", {"e": endpoint}, admin)["data"]["webhookDeliveries"]["edges"]
failed = [a["node"] for a in attempts if not a["node"]["succeeded"]]
check("webhookDeliveries records the failed attempts with their status", len(failed) >= 3
      and all(a["statusCode"] == 500 for a in failed), failed[:4])
succeeded = sum(1 for a in attempts if a["node"]["succeeded"])
check("…and a success for every event (more if the kill cut one off after its 2xx)", succeeded >= len(expected),
      (succeeded, len(expected)))
disabled = post("mutation($id: ID!) { disableWebhookEndpoint(id: $id) { endpoint { status } userErrors { code } } }",
                {"id": endpoint}, admin)["data"]["disableWebhookEndpoint"]
check("disableWebhookEndpoint stops it", disabled["endpoint"]["status"] == "DISABLED", disabled)
report = post("{ reconcile { isClean problems } }", token=admin)["data"]["reconcile"]
check("reconcile is clean", report["isClean"], report)
server.send_signal(signal.SIGTERM)
server.wait(10)
receiver.shutdown()
print(f"webhook check ({engine}): {len(deliveries)} requests for {len(expected)} events; "
      f"{'all passed' if check.failures == 0 else f'{check.failures} failed'}")
sys.exit(1 if check.failures else 0)
