"""schemathesis against the live server (issue 14): every query and mutation of the introspected schema, as an admin,
with generated arguments (the custom scalars Decimal, BigInt and DateTime included, valid and hostile).

Fails when any answer is a 5xx, carries INTERNAL_SERVER_ERROR anywhere, is not JSON, or when the server stops
answering /readyz. Prints each failing request with its answer.

Usage: schemathesis_check.py BASE_URL ADMIN_USERNAME ADMIN_PASSWORD
Env: SCHEMATHESIS_SECONDS (default 60) bounds the run; the budget is split evenly across operations.
     SCHEMATHESIS_SEED (default 14) makes a run repeatable.
"""
import json
import os
import sys
import time
import urllib.request

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

base, admin_user, admin_password = sys.argv[1], sys.argv[2], sys.argv[3]
budget = float(os.environ.get("SCHEMATHESIS_SECONDS", "60"))
run_seed = int(os.environ.get("SCHEMATHESIS_SEED", "14"))


def post(query, variables=None, token=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}/graphql", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def sign_in():
    answer = post("mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token } }",
                  {"u": admin_user, "p": admin_password})
    token = answer["data"]["signIn"]["token"]
    if not token:
        sys.exit(f"admin sign-in failed: {answer}")
    return token


def alive():
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=10) as answer:
            return answer.status == 200
    except Exception:
        return False


# Valid values in the server's formats, and the hostile ones a client can send: out of range, overlong, malformed.
decimal_text = st.one_of(
    st.from_regex(r"\A-?[0-9]{1,22}(\.[0-9]{1,8})?\Z"),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "-0", "0.00", "1", "0.01", "0.001", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775808", "2147483648", "9" * 40, "1" + "0" * 400, "1e9", "NaN", "", " 1",
                     "0x10", "1.", ".5", "--1", "1,5"]),
    st.text(max_size=30),
)
bigint_value = st.one_of(
    st.integers(min_value=-(2**64), max_value=2**64).map(nodes.Int),
    st.integers(min_value=-(2**64), max_value=2**64).map(lambda n: nodes.String(str(n))),
    st.text(max_size=20).map(nodes.String),
)
datetime_text = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat() + "Z"),
    st.sampled_from(["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
                     "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T10:00:00+14:00",
                     "2026-12-06T10:00:00-23:59", "+275760-09-13T00:00:00Z", "2026-12-06", "now", ""]),
    st.text(max_size=30),
)
schemathesis.graphql.scalar("Decimal", decimal_text.map(nodes.String))
schemathesis.graphql.scalar("BigInt", bigint_value)
schemathesis.graphql.scalar("DateTime", datetime_text.map(nodes.String))

token = sign_in()
schema = schemathesis.graphql.from_url(f"{base}/graphql", headers={"Authorization": f"Bearer {token}"})
operations = [result.ok() for result in schema.get_all_operations()]
if not operations:
    sys.exit("FAIL: the schema has no operations")
per_operation = budget / len(operations)

failures = []
counts = {"requests": 0, "status": {}, "codes": {}}


def find_internal(value):
    if isinstance(value, dict):
        return any(find_internal(item) for item in value.values())
    if isinstance(value, list):
        return any(find_internal(item) for item in value)
    return value == "INTERNAL_SERVER_ERROR"


def collect_codes(body):
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code", "none")
        counts["codes"][code] = counts["codes"].get(code, 0) + 1


def check(operation, case):
    global token
    headers = {"Authorization": f"Bearer {token}"}
    started = time.monotonic()
    try:
        response = case.call(headers=headers, timeout=30)
    except Exception as error:  # a reset or a timeout: the server hung up or hung
        failures.append((operation.label, case.body, f"no answer: {error!r}"))
        return
    counts["requests"] += 1
    counts["status"][response.status_code] = counts["status"].get(response.status_code, 0) + 1
    text = response.text
    try:
        body = json.loads(text)
    except ValueError:
        failures.append((operation.label, case.body, f"HTTP {response.status_code}, not JSON: {text[:300]}"))
        return
    if response.status_code >= 500 or find_internal(body):
        failures.append((operation.label, case.body, f"HTTP {response.status_code}: {text[:600]}"))
    collect_codes(body)
    if time.monotonic() - started > 10:
        failures.append((operation.label, case.body, f"slow: {time.monotonic() - started:.1f} s"))
    # A generated changePassword cannot know the password, so the token stays valid; sign in again if not.
    if any((error.get("extensions") or {}).get("code") == "UNAUTHENTICATED" for error in body.get("errors") or []):
        token = sign_in()


class Enough(BaseException):
    """The operation's share of the budget is spent: Hypothesis lets a BaseException through without shrinking."""


for operation in operations:
    deadline = time.monotonic() + per_operation

    @seed(run_seed)
    @settings(max_examples=400, deadline=None, database=None, derandomize=False,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        if time.monotonic() > deadline:
            raise Enough
        check(operation, case)

    try:
        run()
    except Enough:
        pass
    if not alive():
        failures.append((operation.label, None, "the server stopped answering /readyz"))
        break

print(f"schemathesis: {len(operations)} operations, {counts['requests']} requests, "
      f"HTTP {dict(sorted(counts['status'].items()))}, failures={len(failures)}")
print("  error codes: " + ", ".join(f"{code}={number}" for code, number in sorted(counts["codes"].items())))
for label, body, problem in failures[:20]:
    print(f"FAIL {label}: {problem}\n  request: {json.dumps(body)[:600]}")
if not alive():
    print("FAIL: the server is not answering /readyz")
    sys.exit(1)
sys.exit(1 if failures else 0)
