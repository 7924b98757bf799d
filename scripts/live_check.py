"""Third-party clients against the live server: graphql-core rebuilds the schema from introspection, gql runs
the main flows over HTTP. Prints one line per check; exits 1 on the first failure."""
import json
import sys
import time
import urllib.error
import urllib.request

from gql import Client, gql
from gql.transport.exceptions import TransportQueryError, TransportServerError
from gql.transport.requests import RequestsHTTPTransport
from graphql import (assert_valid_schema, build_client_schema, build_schema, get_introspection_query,
                     print_schema)

base = sys.argv[1]
failures = 0


def check(name, condition, detail=""):
    global failures
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures += 1


def client(token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = RequestsHTTPTransport(url=f"{base}/graphql", headers=headers, timeout=30)
    return Client(transport=transport, fetch_schema_from_transport=False)


def post(body, headers=None):
    request = urllib.request.Request(f"{base}/graphql", data=body, method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# 1. Introspection: the full query (descriptions, specifiedByURL, repeatable, deprecated input values).
query = get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True,
                                schema_description=True, input_value_deprecation=True)
status, _, body = post(json.dumps({"query": query}).encode())
check("introspection answers 200", status == 200, status)
result = json.loads(body)
check("introspection has no errors", "errors" not in result, result.get("errors"))
live = build_client_schema(result["data"])
assert_valid_schema(live)
check("build_client_schema rebuilds a valid schema", True)
with urllib.request.urlopen(f"{base}/schema.graphql") as response:
    sdl = response.read().decode()
check("introspection and /schema.graphql describe the same schema",
      print_schema(live) == print_schema(build_schema(sdl)))
for name in ["Query", "Mutation", "Wallet", "Transaction", "TransactionConnection", "UserError", "ErrorCode",
             "SignUpInput", "WalletAmountInput", "TransferInput", "AuthPayload", "TransactionPayload",
             "WalletPayload", "AssetPayload", "Node", "Decimal", "DateTime", "BigInt", "Counterparty", "LedgerEntry"]:
    check(f"type {name} exists", live.get_type(name) is not None)
mutation_fields = set(live.mutation_type.fields)
for name in ["DisbursementType", "DisbursementProvider", "DisbursementStatus", "DisbursementMethod", "Disbursement",
             "DisbursementQuote", "AddDisbursementMethodInput", "WithdrawInput", "DisbursementMethodPayload",
             "DisbursementPayload", "DisbursementFilter", "DisbursementConnection"]:
    check(f"type {name} exists", live.get_type(name) is not None)
for field in ["disbursementMethods", "disbursementQuote", "disbursement", "disbursements"]:
    check(f"Query.{field} exists", field in live.query_type.fields)
for field in ["signUp", "signIn", "changePassword", "createWallet", "setDefaultWallet", "topUp", "spend",
              "grantBonus", "transfer", "createAsset", "freezeWallet", "unfreezeWallet", "addDisbursementMethod",
              "setDefaultDisbursementMethod", "removeDisbursementMethod", "withdraw", "processDisbursement",
              "completeDisbursement", "failDisbursement"]:
    check(f"Mutation.{field} exists", field in mutation_fields)

# 2. gql over HTTP: sign in, read, transfer by username, read again.
anonymous = client()
signed = anonymous.execute(gql('mutation { signIn(input: {username: "alice", password: "password123"}) { token user { username } userErrors { code } } }'))
token = signed["signIn"]["token"]
check("gql: alice signs in", bool(token) and signed["signIn"]["user"]["username"] == "alice", signed)
alice = client(token)
wallets = alice.execute(gql("{ wallets { id balance asset { code scale } } }"))["wallets"]
idr = next(w for w in wallets if w["asset"]["code"] == "IDR")
check("gql: alice has an IDR wallet with a balance", int(idr["balance"]) > 0, wallets)
paid = alice.execute(gql("""mutation($from: ID!) { transfer(input: {fromWalletId: $from, toUsername: "bob",
  amount: "1234", idempotencyKey: "live-check-1"}) { transaction { id amount type counterparty { username } } userErrors { code } } }"""),
                     variable_values={"from": idr["id"]})
check("gql: transfer to bob by username", paid["transfer"]["userErrors"] == [] and
      paid["transfer"]["transaction"]["counterparty"]["username"] == "bob", paid)
after = alice.execute(gql("query($id: ID!) { wallet(id: $id) { balance } }"), variable_values={"id": idr["id"]})
check("gql: the balance dropped by 1234", int(after["wallet"]["balance"]) == int(idr["balance"]) - 1234, after)
replay = alice.execute(gql("""mutation($from: ID!) { transfer(input: {fromWalletId: $from, toUsername: "bob",
  amount: "1234", idempotencyKey: "live-check-1"}) { transaction { id } } }"""), variable_values={"from": idr["id"]})
check("gql: a retry returns the same transaction", replay["transfer"]["transaction"]["id"] == paid["transfer"]["transaction"]["id"])
try:
    client("not-a-token").execute(gql("{ me { id } }"))
    check("gql: a bad token is refused", False, "no error")
except (TransportServerError, TransportQueryError) as error:
    check("gql: a bad token is refused (401)", getattr(error, "code", 401) == 401, error)
try:
    anonymous.execute(gql("{ wallets { id } }"))
    check("gql: no token, no wallets", False, "no error")
except TransportQueryError as error:
    check("gql: no token is UNAUTHENTICATED", error.errors[0]["extensions"]["code"] == "UNAUTHENTICATED", error.errors)

# 3. Withdrawals with gql: a BCA method, a quote, a hold settled by the admin, and a hold the server's own sweeper
# refunds (live-check starts it with DISBURSEMENT_HOLD_TIMEOUT=5s).
admin_token = anonymous.execute(gql('mutation { signIn(input: {username: "root", password: "root-password-1"}) { token } }'))["signIn"]["token"]
admin = client(admin_token)
added = alice.execute(gql("""mutation { addDisbursementMethod(input: {type: BANK_TRANSFER, provider: BCA,
  accountNumber: "555-000-1111", accountHolderName: "Alice Wijaya"}) { method { id bankCode accountNumberMasked isDefault } userErrors { code } } }"""))
method = added["addDisbursementMethod"]["method"]
check("gql: alice adds a BCA method, the default, masked", method is not None and method["bankCode"] == "014" and
      method["accountNumberMasked"] == "******1111" and method["isDefault"], added)
quote = alice.execute(gql("query($w: ID!) { disbursementQuote(walletId: $w, amount: \"20000\") { fee totalDebit minimum maximum } }"),
                      variable_values={"w": idr["id"]})["disbursementQuote"]
check("gql: the BCA fee is Rp 6,500", quote == {"fee": "6500", "totalDebit": "26500", "minimum": "10000", "maximum": "50000000"}, quote)
withdraw = gql("""mutation($w: ID!, $k: String!) { withdraw(input: {walletId: $w, amount: "20000", idempotencyKey: $k}) {
  disbursement { referenceId status fee remainingBalance } userErrors { code message field } } }""")
before = int(alice.execute(gql("query($id: ID!) { wallet(id: $id) { balance } }"), variable_values={"id": idr["id"]})["wallet"]["balance"])
first = alice.execute(withdraw, variable_values={"w": idr["id"], "k": "live-withdraw-1"})["withdraw"]
check("gql: withdraw holds amount + fee (PENDING)", first["userErrors"] == [] and first["disbursement"]["status"] == "PENDING"
      and int(first["disbursement"]["remainingBalance"]) == before - 26_500, first)
reference = first["disbursement"]["referenceId"]
for step, expected in [("processDisbursement", "PROCESSING"), ("completeDisbursement", "COMPLETED")]:
    moved = admin.execute(gql(f"mutation($r: String!) {{ {step}(referenceId: $r) {{ disbursement {{ status }} userErrors {{ code }} }} }}"),
                          variable_values={"r": reference})[step]
    check(f"gql: the admin's {step} gives {expected}", moved["disbursement"]["status"] == expected, moved)
try:
    alice.execute(gql("mutation($r: String!) { completeDisbursement(referenceId: $r) { disbursement { status } } }"),
                  variable_values={"r": reference})
    check("gql: a user may not complete a withdrawal", False, "no error")
except TransportQueryError as error:
    check("gql: a user completing a withdrawal is FORBIDDEN", error.errors[0]["extensions"]["code"] == "FORBIDDEN", error.errors)
poor = alice.execute(gql("""mutation($w: ID!) { withdraw(input: {walletId: $w, amount: "49000000", idempotencyKey: "live-withdraw-poor"}) {
  disbursement { referenceId } userErrors { code field } } }"""), variable_values={"w": idr["id"]})["withdraw"]
check("gql: more than the balance is INSUFFICIENT_BALANCE", poor["disbursement"] is None and
      poor["userErrors"] == [{"code": "INSUFFICIENT_BALANCE", "field": ["input", "amount"]}], poor)
status, _, body = post(json.dumps({"query": 'mutation($w: ID!) { withdraw(input: {walletId: $w, amount: "49000000", idempotencyKey: "live-withdraw-poor-id"}) { userErrors { code message } } }',
                                   "variables": {"w": idr["id"]}}).encode(),
                       {"Authorization": f"Bearer {token}", "Accept-Language": "id"})
errors = json.loads(body)["data"]["withdraw"]["userErrors"]
check("Accept-Language: id gives 'Saldo dompet tidak mencukupi'", status == 200 and errors[0]["code"] == "INSUFFICIENT_BALANCE"
      and errors[0]["message"].startswith("Saldo dompet tidak mencukupi"), errors)
held = alice.execute(withdraw, variable_values={"w": idr["id"], "k": "live-withdraw-2"})["withdraw"]["disbursement"]
swept = None
for _ in range(120):
    swept = alice.execute(gql("query($r: String!) { disbursement(referenceId: $r) { status failureReason transactions { type } } }"),
                          variable_values={"r": held["referenceId"]})["disbursement"]
    if swept["status"] != "PENDING":
        break
    time.sleep(0.25)
check("the server's sweeper fails an expired hold and refunds it", swept["status"] == "FAILED" and
      [t["type"] for t in swept["transactions"]] == ["WITHDRAWAL", "WITHDRAWAL_REFUND"], swept)
final = int(alice.execute(gql("query($id: ID!) { wallet(id: $id) { balance } }"), variable_values={"id": idr["id"]})["wallet"]["balance"])
check("gql: only the completed withdrawal cost alice (amount + fee)", final == before - 26_500, (before, final))
report = admin.execute(gql("{ reconcile { isClean problems } }"))["reconcile"]
check("reconcile is clean after withdrawals", report["isClean"], report)

# 3b. The event feed (issue 17), paged with gql the way a consumer pages it: every page's endCursor, until
# hasNextPage is false. The balance events must end at alice's balance; bob sees the transfer he received but
# not alice's wallet; the withdrawal's statuses come in order.
feed = gql("""query($after: String, $filter: EventFilter) { events(first: 7, after: $after, filter: $filter) {
  edges { node { id type walletVersion balance disbursementStatus wallet { id } transaction { id } } }
  pageInfo { hasNextPage endCursor } } }""")


def all_events(who, filter=None):
    nodes, after = [], None
    for _ in range(1000):
        page = who.execute(feed, variable_values={"after": after, "filter": filter})["events"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]
    return nodes


seen = []
for _ in range(100):
    seen = all_events(alice, {"walletId": idr["id"]})
    balances = [e for e in seen if e["type"] == "WALLET_BALANCE_CHANGED"]
    if balances and int(balances[-1]["balance"]) == final:
        break
    time.sleep(0.1)
versions = [int(e["walletVersion"]) for e in balances]
# A withdrawal with a fee writes two entries on the wallet, so a version can move by two in one event.
check("events: alice's balance events end at her balance, versions strictly increasing",
      balances and int(balances[-1]["balance"]) == final and versions == sorted(set(versions)), versions)
check("events: no event twice across pages", len({e["id"] for e in seen}) == len(seen), len(seen))
check("events: the transfer to bob is there", any(e["type"] == "TRANSACTION_CREATED" and e["transaction"]
      and e["transaction"]["id"] == paid["transfer"]["transaction"]["id"] for e in seen))
statuses = [e["disbursementStatus"] for e in seen if e["type"] == "DISBURSEMENT_STATUS_CHANGED"]
check("events: the withdrawals' statuses in order", statuses == ["PENDING", "PROCESSING", "COMPLETED", "PENDING", "FAILED"], statuses)
bob_token = anonymous.execute(gql('mutation { signIn(input: {username: "bob", password: "password456"}) { token } }'))["signIn"]["token"]
bob_sees = all_events(client(bob_token))
received = [e for e in bob_sees if e["type"] == "TRANSACTION_CREATED" and e["transaction"]
            and e["transaction"]["id"] == paid["transfer"]["transaction"]["id"]]
check("events: bob sees the transfer he received, without alice's wallet",
      len(received) == 1 and received[0]["wallet"] is None, received)
check("events: bob filtering by alice's wallet sees nothing", all_events(client(bob_token), {"walletId": idr["id"]}) == [])
try:
    alice.execute(feed, variable_values={"after": "not-a-cursor"})
    check("events: a forged cursor is refused", False, "no error")
except TransportQueryError as error:
    check("events: a forged cursor is BAD_USER_INPUT", error.errors[0]["extensions"]["code"] == "BAD_USER_INPUT", error.errors)

# 4. HTTP details.
status, headers, body = post(b'{"query": "{ wallets { id "}', {"Accept": "application/graphql-response+json"})
check("parse failure is 400 graphql-response+json", status == 400 and
      headers.get("Content-Type", "").startswith("application/graphql-response+json"), (status, headers))
request = urllib.request.Request(f"{base}/graphql?query=" + urllib.request.quote('mutation { signIn(input: {username: "a", password: "b"}) { token } }'))
try:
    urllib.request.urlopen(request)
    check("GET mutation is 405", False, "200")
except urllib.error.HTTPError as error:
    check("GET mutation is 405", error.code == 405, error.code)
with urllib.request.urlopen(f"{base}/graphql?query=" + urllib.request.quote("{ assets { code } }")) as response:
    check("GET query works", response.status == 200 and b"IDR" in response.read())
    check("X-Request-Id is set", bool(response.headers.get("X-Request-Id")))
with urllib.request.urlopen(f"{base}/healthz") as response:
    check("/healthz is 200", response.status == 200)

# 5. Limits: live-check starts the server with MAX_WALLETS_PER_USER=4.
joined = anonymous.execute(gql(
    'mutation { signUp(input: {username: "limits.user", password: "limits-password-1", name: "Limits", '
    'email: "limits@example.com", phone: "081234567899"}) { token userErrors { code } } }'))["signUp"]
check("gql: a fresh user signs up", bool(joined["token"]), joined)
limited = client(joined["token"])
made = [limited.execute(gql('mutation { createWallet(input: {assetCode: "%s"}) { wallet { id } userErrors { code } } }'
                            % ("IDR" if i % 2 == 0 else "GOLD")))["createWallet"] for i in range(5)]
check("gql: the 5th wallet is WALLET_LIMIT_REACHED (MAX_WALLETS_PER_USER=4), the first 4 exist",
      [m["userErrors"] for m in made] == [[], [], [], [], [{"code": "WALLET_LIMIT_REACHED"}]] and made[4]["wallet"] is None
      and len(limited.execute(gql("{ wallets { id } }"))["wallets"]) == 4, made)

sys.exit(1 if failures else 0)
