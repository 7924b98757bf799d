"""The HTTP client the edge checks share (bank_test.py, edge_fuzz.py): one GraphQL POST, never raising."""

import json
import urllib.error
import urllib.request


def post(base, query, variables=None, token=None, timeout=60):
    """POSTs to BASE/graphql; returns (status, decoded body). HTTP errors keep their body ({"raw": …} when it is
    not JSON); a dropped connection is status 0 with {"transport_error": …}, for the caller to report."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}/graphql", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, {"raw": text.decode(errors="replace")}
    except Exception as error:  # noqa: BLE001 — reported by the caller as an anomaly or failure
        return 0, {"transport_error": repr(error)}


def must(status, answer, what):
    """The answer's data, or SystemExit naming the setup step that failed."""
    if status != 200 or "errors" in answer:
        raise SystemExit(f"setup failed: {what}: {status} {answer}")
    return answer["data"]


def funded_users(base, admin_user, admin_password, prefix, phone_prefix, seed, count=5, amount=100_000, timeout=60):
    """Signs the admin in, signs up `count` users named `<prefix><seed>u<i>` with one IDR wallet each, and tops each
    wallet up by `amount` under a fixed key. Returns (admin token, [{"name", "token", "wallet"}])."""
    def call(query, variables=None, token=None):
        return post(base, query, variables, token, timeout=timeout)

    admin = must(*call('mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token } }',
                       {"u": admin_user, "p": admin_password}), "admin sign-in")["signIn"]["token"]
    users = []
    for index in range(count):
        name = f"{prefix}{seed % 100000}u{index}"
        data = must(*call("mutation($i: SignUpInput!) { signUp(input: $i) { token userErrors { code } } }",
                          {"i": {"username": name, "password": f"pw-{seed}-{index}-long", "name": f"{prefix} {index}",
                                 "email": f"{name}@example.com",
                                 "phone": f"{phone_prefix}{seed % 10000:04d}{index:04d}"}}), "signUp")
        token = data["signUp"]["token"]
        if not token:
            raise SystemExit(f"setup failed: signUp {name}: {data}")
        wallet = must(*call('mutation { createWallet(input: {assetCode: "IDR"}) { wallet { id } userErrors { code } } }',
                            token=token), "createWallet")["createWallet"]["wallet"]["id"]
        funded = must(*call(f"""mutation($w: ID!, $k: String!) {{ topUp(input: {{walletId: $w, amount: "{amount}",
                             idempotencyKey: $k}}) {{ transaction {{ id }} userErrors {{ code }} }} }}""",
                            {"w": wallet, "k": f"{prefix}-fund-{seed}-{index}"}, admin), "topUp")
        if not funded["topUp"]["transaction"]:
            raise SystemExit(f"setup failed: topUp: {funded}")
        users.append({"name": name, "token": token, "wallet": wallet})
    return admin, users
