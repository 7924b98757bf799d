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
