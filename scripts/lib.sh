# Shared helpers for scripts/run and scripts/test. Sourced, not executed.

# Installs Debian packages that are missing (as root, or through sudo when available).
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # No default cluster: the tests start their own throwaway server.
  $sudo mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/walletgraph.conf >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Starts a throwaway PostgreSQL on 127.0.0.1:$1 in a temporary folder and exports
# WALLETGRAPH_TEST_POSTGRES_URL, and WALLETGRAPH_TEST_PG_DATA and WALLETGRAPH_TEST_PG_BIN for scripts/crash-check,
# which restarts it. Stop it with stop_postgres.
start_postgres() {
  local port="$1"
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bin/initdb" ] || { echo "initdb not found under /usr/lib/postgresql" >&2; return 1; }
  PG_DIR=$(mktemp -d /tmp/walletgraph-pg.XXXXXX)
  PG_BIN="$bin"
  local as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c max_connections=500" start >/dev/null
  PG_AS=("${as_postgres[@]}")
  export WALLETGRAPH_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  export WALLETGRAPH_TEST_PG_DATA="$PG_DIR/data"
  export WALLETGRAPH_TEST_PG_BIN="$bin"
  echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Puts the toolchain on PATH when it is installed but not yet there.
ensure_swift() {
  command -v swift >/dev/null 2>&1 && return 0
  [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH" && return 0
  echo "swift not found: install the Swift 6 toolchain (expected at /opt/swift)" >&2
  return 1
}

# The one oracle environment: graphql-core (the Python port of graphql-js) and hypothesis-graphql, pinned, in
# ./.venv-oracle (gitignored). Exports GRAPHQL_ORACLE_PYTHON, which scripts/graphql-oracle,
# scripts/validation-oracle and the Swift tests that shell out to graphql-core use. Call from the package root.
# A fresh Debian machine may have no python3, or one that cannot make venvs (no python3-venv): install them.
GRAPHQL_ORACLE_REQUIREMENTS="graphql-core==3.2.8 hypothesis-graphql==0.13.5 gql[requests]==3.5.0"
ensure_graphql_oracle() {
  ensure_venv "$PWD/.venv-oracle" "$GRAPHQL_ORACLE_REQUIREMENTS"
  export GRAPHQL_ORACLE_PYTHON="$PWD/.venv-oracle/bin/python"
}

# schemathesis for scripts/edge-check, in its own venv: it needs a newer graphql-core than the oracle's pin.
EDGE_REQUIREMENTS="schemathesis==4.32.5 hypothesis==6.170.27 hypothesis-graphql==0.13.5 graphql-core==3.3.2"
ensure_edge_tools() {
  ensure_venv "$PWD/.venv-edge" "$EDGE_REQUIREMENTS"
  export EDGE_PYTHON="$PWD/.venv-edge/bin/python"
}

# gql with its websockets transport (graphql-transport-ws) for scripts/realtime-check, in its own venv.
REALTIME_REQUIREMENTS="gql[websockets,requests]==3.5.0 websockets==11.0.3"
ensure_realtime_tools() {
  ensure_venv "$PWD/.venv-realtime" "$REALTIME_REQUIREMENTS"
  export REALTIME_PYTHON="$PWD/.venv-realtime/bin/python"
}

# requests, prometheus_client and selenium for scripts/ops-check, with Debian's Chromium and its driver.
OPS_REQUIREMENTS="requests==2.34.2 prometheus_client==0.26.0 selenium==4.51.0"
ensure_ops_tools() {
  ensure_packages chromium chromium-driver
  ensure_venv "$PWD/.venv-ops" "$OPS_REQUIREMENTS"
  export OPS_PYTHON="$PWD/.venv-ops/bin/python"
}

# GraphiQL's static files for the server's /graphiql page, from PyPI, copied out of the package into
# .venv-graphiql/graphiql (the server's default GRAPHIQL_ASSETS_DIR when run from the repository root).
GRAPHIQL_REQUIREMENTS="graphene-django-graphiql-static==0.8"
ensure_graphiql_assets() {
  ensure_venv "$PWD/.venv-graphiql" "$GRAPHIQL_REQUIREMENTS"
  local target="$PWD/.venv-graphiql/graphiql" source
  source=$("$PWD/.venv-graphiql/bin/python" -c 'import graphene_django_graphiql_static, os; print(os.path.join(os.path.dirname(graphene_django_graphiql_static.__file__), "static", "graphene_django_graphiql_static"))')
  mkdir -p "$target"
  for file in graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js; do
    cp "$source/$file" "$target/$file"
  done
  export GRAPHIQL_ASSETS_DIR="$target"
}

# ensure_venv DIR "REQUIREMENTS": a venv at DIR holding exactly the pinned REQUIREMENTS.
ensure_venv() {
  local venv="$1" requirements="$2"
  if [ ! -x "$venv/bin/python" ]; then
    local python=python3
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
      ensure_packages python3 python3-venv
      python=/usr/bin/python3
    fi
    echo "==> creating $venv"
    "$python" -m venv "$venv"
  fi
  # The stamp spares a pip run (and the network) when the pinned versions are already in place.
  if [ "$(cat "$venv/.requirements" 2>/dev/null)" != "$requirements" ]; then
    # shellcheck disable=SC2086  # the list is word-split on purpose
    "$venv/bin/pip" install --quiet --disable-pip-version-check $requirements
    echo "$requirements" >"$venv/.requirements"
  fi
}
