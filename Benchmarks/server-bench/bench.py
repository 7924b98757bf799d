#!/usr/bin/env python3
"""The measuring half of Benchmarks/server-bench/run (which builds, starts PostgreSQL and the server, and
cleans up). Standard library only. Prints numbers and asserts nothing (docs/decisions/0006).

Per round, one after another, each for --seconds with 16 clients (wrk connections, or k6 VUs with --load k6):
  transfers  `transfer` mutations       | pgbench -M prepared -b tpcb-like (the issue's anchor) on the `pgbench -i`
                                       | schema, and transfer.pgbench (the ledger's own statements) on the same
                                       | schema and wallets
  reads      `wallet(id:) { balance }`  | pgbench -S -M prepared on its own `pgbench -i` schema
             GET /healthz (the trivial Hummingbird route)
wrk (Debian) is the default: k6's own CPU on 2 cores is 2-3x pgbench's and distorts the ratios.
and for every run: throughput, p50/p99, failures, the load average, the CPU of the server process, of the
client (k6 or pgbench, from wait4) and of PostgreSQL (the postmaster and its children, when it is local), and the
server's peak RSS (VmHWM, reset through /proc/<pid>/clear_refs before each run, and sampled VmRSS).
The summary takes, per variant, the round with the median throughput.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HERE = os.path.dirname(os.path.abspath(__file__))


def say(line=""):
    print(line, flush=True)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# --- tokens and ids, as the server makes them (Sources/WalletGraph/Auth/TokenService.swift, API/GlobalID.swift)

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(secret: str, user: str, now: int) -> str:
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": user, "iat": now, "exp": now + 24 * 3600, "tv": 0}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(signature)}"


def global_id(kind: str, ident: str) -> str:
    return b64url(f"{kind}:{ident.lower()}".encode())


def bench_id(group: str, number: int) -> str:
    return f"00000000-0000-4000-{group}-{number:012d}"


def write_users(path, secret, wallets):
    now = int(time.time())
    users = [{"token": jwt(secret, bench_id("9000", i), now), "wallet": global_id("Wallet", bench_id("8000", i))}
             for i in range(1, wallets + 1)]
    with open(path, "w") as f:
        json.dump(users, f)
    with open(path + ".txt", "w") as f:
        for user in users:
            f.write(f"{user['token']} {user['wallet']}\n")


# --- /proc readings

def proc_cpu_seconds(pid, children_too=False):
    """utime + stime of `pid` (and cutime + cstime: its reaped children), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()
    # fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    ticks = int(fields[11]) + int(fields[12])
    if children_too:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def postgres_cpu_seconds(postmaster):
    """The postmaster, its live children (backends, background workers) and the children it has reaped
    (backends that ended: pgbench's when it disconnects)."""
    total = proc_cpu_seconds(postmaster, children_too=True)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                text = f.read()
            fields = text[text.rindex(")") + 2:].split()
            if int(fields[1]) == postmaster:
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        except (OSError, ValueError):
            continue
    return total


def context_switches(pid):
    """Voluntary and involuntary context switches of every thread of `pid` so far."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def metric(url, name):
    """One gauge from the server's /metrics, or None."""
    if not url:
        return None
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            for line in response.read().decode().splitlines():
                if line.startswith(name + " ") or line.startswith(name + "{"):
                    return float(line.rsplit(" ", 1)[1])
    except OSError:
        return None
    return None


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak(pid):
    """Resets VmHWM to the current RSS (Linux 4.0+); False when not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class RSSSampler(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, status_kib(self.pid, "VmRSS"))
            except OSError:
                return
            self.stop.wait(0.1)


# --- runs

class Run:
    """One measured run of one variant."""

    def __init__(self, variant):
        self.variant = variant
        self.rate = 0.0
        self.count = 0
        self.failed = 0
        self.p50 = self.p99 = float("nan")
        self.client_cpu = self.server_cpu = self.db_cpu = None
        self.rss_peak_kib = None
        self.switches = self.round_trips = None
        self.load = ""
        self.notes = []

    def per_op_us(self, seconds):
        return None if seconds is None or self.count == 0 else seconds / self.count * 1e6

    def line(self):
        def us(x):
            return "   n/a" if x is None else f"{x:6.0f}"
        rss = "" if self.rss_peak_kib is None else f"  server RSS peak {self.rss_peak_kib / 1024:6.1f} MiB"
        ratio = ""
        if self.server_cpu and self.client_cpu:
            ratio = f"  server/client CPU {self.server_cpu / self.client_cpu:4.2f}"
        failures = f"  FAILED {self.failed}" if self.failed else "  failed 0"
        per_op = ""
        if self.count and self.switches is not None:
            per_op += f"  server ctx switches/op {self.switches / self.count:5.1f}"
        if self.count and self.round_trips is not None:
            per_op += f"  round trips/op {self.round_trips / self.count:4.2f}"
        return (f"{self.variant:<22} {self.rate:9,.0f} /s  p50 {self.p50:6.2f} ms  p99 {self.p99:6.2f} ms{failures}"
                f"  CPU µs/op: server {us(self.per_op_us(self.server_cpu))} client {us(self.per_op_us(self.client_cpu))}"
                f" postgres {us(self.per_op_us(self.db_cpu))}{ratio}{per_op}{rss}  load {self.load}")


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="server-bench-")
        self.users = os.path.join(self.work, "users.json")
        self.tag = uuid.uuid4().hex[:8]

    def measure(self, variant, argv, env, parse, server=True):
        """Runs `argv` while watching the server and PostgreSQL; `parse(run, output_text)` fills the figures."""
        run = Run(variant)
        server_pid, pg_pid = self.args.server_pid, self.args.postgres_pid
        sampler = None
        if server:
            if not reset_peak(server_pid):
                run.notes.append("VmHWM not reset: peak is the sampled VmRSS")
            sampler = RSSSampler(server_pid)
            sampler.start()
        server_before = proc_cpu_seconds(server_pid)
        switches_before = context_switches(server_pid) if server else None
        trips_before = metric(self.args.metrics_url, "walletgraph_db_round_trips_count") if server else None
        db_before = postgres_cpu_seconds(pg_pid) if pg_pid else None
        output_path = os.path.join(self.work, re.sub(r"[^A-Za-z0-9.-]+", "_", variant) + f"-{uuid.uuid4().hex[:6]}.out")
        with open(output_path, "w") as output:
            child = subprocess.Popen(argv, env=env, stdout=output, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        run.client_cpu = usage.ru_utime + usage.ru_stime
        run.server_cpu = proc_cpu_seconds(server_pid) - server_before
        if server:
            run.switches = context_switches(server_pid) - switches_before
            trips_after = metric(self.args.metrics_url, "walletgraph_db_round_trips_count")
            if trips_before is not None and trips_after is not None:
                run.round_trips = trips_after - trips_before
        # A client's backends end after it does; their CPU counts once the postmaster has reaped them.
        time.sleep(0.5)
        run.db_cpu = postgres_cpu_seconds(pg_pid) - db_before if pg_pid else None
        if server:
            sampler.stop.set()
            sampler.join()
            run.rss_peak_kib = max(sampler.peak, status_kib(server_pid, "VmHWM"))
        else:
            run.server_cpu = None
        run.load = load_average()
        with open(output_path) as f:
            text = f.read()
        if child.returncode != 0:
            run.notes.append(f"exit status {child.returncode}")
        try:
            parse(run, text)
        except Exception as error:  # a broken run is reported, not hidden
            run.failed = max(run.failed, 1)
            run.notes.append(f"could not read its output ({error}); the output:\n{text[-3000:]}")
        return run

    # k6

    def k6(self, mode, seconds, label):
        summary = os.path.join(self.work, f"k6-{mode}-{label}.json")
        env = dict(os.environ, MODE=mode, BASE_URL=self.args.base_url, USERS=self.users, RUN=f"{self.tag}-{label}",
                   SUMMARY=summary, K6_NO_USAGE_REPORT="true", SERVER_BENCH_VUS=str(self.args.clients))
        argv = [self.args.k6, "run", "--quiet", "--no-color", "--no-thresholds", "-d", f"{seconds}s",
                os.path.join(HERE, "load.js")]

        def parse(run, text):
            with open(summary) as f:
                figures = json.load(f)
            run.count, run.failed = figures["ok"], figures["failed"]
            run.rate = figures["ok"] / figures["seconds"]
            run.p50, run.p99 = figures["p50"], figures["p99"]
            if run.failed:
                samples = [line for line in text.splitlines() if "failure:" in line][:5]
                run.notes.append("first failures:\n    " + "\n    ".join(samples))
        names = {"transfer": "GraphQL transfer", "read": "GraphQL wallet.balance", "healthz": "GET /healthz"}
        return self.measure(names[mode], argv, env, parse)

    # wrk

    def wrk(self, mode, seconds, label):
        env = dict(os.environ, MODE=mode, USERS=self.users + ".txt", RUN=f"{self.tag}-{label}")
        argv = ["wrk", "-t", "2", "-c", str(self.args.clients), "-d", f"{seconds}s", "--timeout", "10s",
                "-s", os.path.join(HERE, "load.lua"), self.args.base_url]

        def parse(run, text):
            figures = re.search(r"ok=(\d+) failed=(\d+) seconds=([0-9.]+) p50=([0-9.]+) p99=([0-9.]+)", text)
            if not figures:
                raise ValueError("no summary line")
            run.count, run.failed = int(figures.group(1)), int(figures.group(2))
            run.rate = run.count / float(figures.group(3))
            run.p50, run.p99 = float(figures.group(4)), float(figures.group(5))
            errors = re.search(r"Socket errors: (.*)", text)
            if errors:
                run.notes.append("socket errors: " + errors.group(1))
            if run.failed:
                samples = [line for line in text.splitlines() if line.startswith("failure:")][:5]
                run.notes.append("first failures:\n    " + "\n    ".join(samples))
        names = {"transfer": "GraphQL transfer", "read": "GraphQL wallet.balance", "healthz": "GET /healthz"}
        return self.measure(names[mode], argv, env, parse)

    def load(self, mode, seconds, label):
        return self.k6(mode, seconds, label) if self.args.load == "k6" else self.wrk(mode, seconds, label)

    # pgbench

    def pgbench(self, variant, schema, extra, seconds):
        logs = tempfile.mkdtemp(dir=self.work)
        env = dict(os.environ, PGOPTIONS=f"-c search_path={schema}")
        argv = ["pgbench", "-n", "-M", "prepared", "-c", str(self.args.clients), "-j", "2", "-T", str(seconds),
                "-l", "--log-prefix", os.path.join(logs, "pgbench"), *extra, self.args.postgres_url]

        def parse(run, text):
            tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text)
            count = re.search(r"number of transactions actually processed: ([0-9]+)", text)
            failed = re.search(r"number of failed transactions: ([0-9]+)", text)
            if not tps or not count:
                raise ValueError("no tps line")
            run.rate, run.count = float(tps.group(1)), int(count.group(1))
            run.failed = int(failed.group(1)) if failed else 0
            latencies = []
            for name in os.listdir(logs):
                with open(os.path.join(logs, name)) as f:
                    for line in f:
                        fields = line.split()
                        if len(fields) >= 3:
                            latencies.append(int(fields[2]) / 1000)
            latencies.sort()
            if latencies:
                run.p50 = latencies[int(0.50 * (len(latencies) - 1))]
                run.p99 = latencies[int(0.99 * (len(latencies) - 1))]
        run = self.measure(variant, argv, env, parse, server=False)
        subprocess.run(["rm", "-rf", logs])
        return run

    def pgbench_transfer(self, seconds):
        return self.pgbench("pgbench transfer", self.args.schema,
                            ["-f", self.args.transfer_script, "-D", f"wallets={self.args.wallets}",
                             "-D", f"asset={self.args.asset}"], seconds)

    def pgbench_tpcb(self, seconds):
        return self.pgbench("pgbench tpcb-like", self.args.select_schema, ["-b", "tpcb-like"], seconds)

    def pgbench_select(self, seconds):
        return self.pgbench("pgbench -S", self.args.select_schema, ["-S"], seconds)

    # the whole thing

    def main(self):
        a = self.args
        write_users(self.users, os.environ["JWT_SECRET"], a.wallets)
        say(f"server-bench: load generator {a.load}, {a.clients} clients, {a.seconds} s per run, {a.rounds} round(s), {a.wallets} wallets, "
            f"{os.cpu_count()} cores, load {load_average()}")
        say(f"server pid {a.server_pid}, {a.base_url}; PostgreSQL pid {a.postgres_pid or 'n/a (not local)'}")
        idle = (status_kib(a.server_pid, "VmRSS"), status_kib(a.server_pid, "VmHWM"))
        say(f"server idle after start: VmRSS {idle[0] / 1024:.1f} MiB, VmHWM {idle[1] / 1024:.1f} MiB")

        say(f"\nwarm-up: {a.warmup} s of each load (not counted)")
        for make in [lambda: self.load("transfer", a.warmup, "warm"), lambda: self.pgbench_transfer(a.warmup),
                     lambda: self.pgbench_tpcb(a.warmup),
                     lambda: self.load("read", a.warmup, "warm"), lambda: self.pgbench_select(a.warmup),
                     lambda: self.load("healthz", a.warmup, "warm")]:
            run = make()
            say("  " + run.line())
            self.notes(run)

        runs = {}
        for round_number in range(1, a.rounds + 1):
            say(f"\nround {round_number}")
            for make in [lambda: self.load("transfer", a.seconds, f"r{round_number}"),
                         lambda: self.pgbench_transfer(a.seconds),
                         lambda: self.pgbench_tpcb(a.seconds),
                         lambda: self.load("read", a.seconds, f"r{round_number}"),
                         lambda: self.pgbench_select(a.seconds),
                         lambda: self.load("healthz", a.seconds, f"r{round_number}")]:
                run = make()
                runs.setdefault(run.variant, []).append(run)
                say("  " + run.line())
                self.notes(run)
        after = (status_kib(a.server_pid, "VmRSS"), status_kib(a.server_pid, "VmHWM"))

        def median(variant):
            ordered = sorted(runs[variant], key=lambda r: r.rate)
            return ordered[len(ordered) // 2]
        transfer, pg_transfer, tpcb = median("GraphQL transfer"), median("pgbench transfer"), median("pgbench tpcb-like")
        read, select, health = median("GraphQL wallet.balance"), median("pgbench -S"), median("GET /healthz")
        failures = sum(r.failed for rs in runs.values() for r in rs)

        say(f"\n== summary: median round of {a.rounds} per variant, {a.clients} clients, {a.seconds} s each, "
            f"{os.cpu_count()} cores, load now {load_average()}")
        for run in [transfer, pg_transfer, tpcb, read, select, health]:
            say("  " + run.line())
        say(f"transfers: GraphQL {transfer.rate:,.0f} /s vs pgbench tpcb-like {tpcb.rate:,.0f} /s: "
            f"ratio {transfer.rate / tpcb.rate:.2f} (goal >= 0.80); vs pgbench transfer.pgbench (the ledger's "
            f"statements) {pg_transfer.rate:,.0f} /s: ratio {transfer.rate / pg_transfer.rate:.2f}")
        limit = 1 / (1 / health.rate + 1 / select.rate)
        say(f"reads: http (GET /healthz) {health.rate:,.0f} /s, select-only {select.rate:,.0f} /s, "
            f"limit 1/(1/http + 1/select-only) = {limit:,.0f} /s; GraphQL wallet.balance {read.rate:,.0f} /s: "
            f"ratio to the limit {read.rate / limit:.2f} (goal >= 0.80)")
        # The same ratios per round (its runs are seconds apart, so a neighbour's load moves both alike).
        transfer_ratios = [g.rate / p.rate for g, p in zip(runs["GraphQL transfer"], runs["pgbench tpcb-like"])]
        read_ratios = [r.rate * (1 / h.rate + 1 / s.rate)
                       for r, s, h in zip(runs["GraphQL wallet.balance"], runs["pgbench -S"], runs["GET /healthz"])]
        say("per round: transfers ratio to tpcb-like " + " ".join(f"{x:.2f}" for x in transfer_ratios)
            + f" (median {statistics.median(transfer_ratios):.2f}); reads ratio to the limit "
            + " ".join(f"{x:.2f}" for x in read_ratios) + f" (median {statistics.median(read_ratios):.2f})")
        say(f"memory (server): idle VmRSS {idle[0] / 1024:.1f} MiB; peak VmRSS under "
            + ", ".join(f"{name} {max(r.rss_peak_kib for r in runs[name]) / 1024:.1f} MiB"
                        for name in ["GraphQL transfer", "GraphQL wallet.balance", "GET /healthz"])
            + f"; after the loads VmRSS {after[0] / 1024:.1f} MiB, VmHWM {after[1] / 1024:.1f} MiB")
        if failures:
            say(f"FAILURES: {failures} requests or transactions failed: these figures are not a result")
        else:
            say("failures: none")
        return 0

    @staticmethod
    def notes(run):
        for note in run.notes:
            say(f"    note ({run.variant}): {note}")


def arguments():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--wallets", type=int, required=True)
    p.add_argument("--load", choices=["wrk", "k6"], default="wrk")
    p.add_argument("--metrics-url", help="the server's /metrics, for round trips per operation")
    p.add_argument("--k6", help="the k6 binary, for --load k6")
    p.add_argument("--base-url", required=True)
    p.add_argument("--server-pid", type=int, required=True)
    p.add_argument("--postgres-pid", type=int, default=0, help="the postmaster, when PostgreSQL is local")
    p.add_argument("--postgres-url", required=True)
    p.add_argument("--schema", required=True, help="the ledger schema (ledger-bench setup)")
    p.add_argument("--asset", required=True)
    p.add_argument("--select-schema", required=True, help="the `pgbench -i` schema")
    p.add_argument("--transfer-script", required=True)
    return p.parse_args()


if __name__ == "__main__":
    sys.exit(Bench(arguments()).main())
