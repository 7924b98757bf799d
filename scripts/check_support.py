"""What the realtime and webhook checks (and Benchmarks/realtime/latency.py) share: a pass/fail tally and a GraphQL
POST that raises on HTTP errors."""
import json
import urllib.request


class Checks:
    """Prints `ok` or `FAIL` per check and counts the failures."""

    def __init__(self):
        self.failures = 0

    def __call__(self, name, condition, detail=""):
        print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
        if not condition:
            self.failures += 1


def graphql(base, query, variables=None, token=None, timeout=30):
    """POSTs to BASE/graphql and returns the decoded answer (an HTTP error raises)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(base + "/graphql", body, headers)
    return json.loads(urllib.request.urlopen(request, timeout=timeout).read())


def sign_in(base, username, password):
    """A token for `username`."""
    return graphql(base, 'mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token } }',
                   {"u": username, "p": password})["data"]["signIn"]["token"]
