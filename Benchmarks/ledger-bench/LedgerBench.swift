import Foundation
import WalletGraph

/// Prints the ledger's transfer throughput next to its baselines; never asserts timing (docs/decisions/0005).
///
/// Usage: ledger-bench [postgres|sqlite|shards|all|profile|setup] [--seconds N] [--rounds N] [--wallets N] [--tasks N] [--connections N]
/// - postgres: `Ledger.transfer` at 1, 4 and 16 tasks vs pgbench running transfer.pgbench (the same SQL
///   transaction) with as many clients, on the same schema; prints the ratio Swift ÷ pgbench. "queries" is the
///   same transaction through the generated functions without the ledger (QueryTransfers).
/// - shards: 16 concurrent top-ups into different wallets with 1 system-wallet shard vs 16.
/// - sqlite: `Ledger.transfer` at 1 and 4 tasks vs a raw C loop of the same statements.
/// - `--connections`: the Swift pool's PostgreSQL connections (default 16, as many as pgbench's clients at 16).
/// - withdrawals: `Ledger.withdraw` holds at 1, 4 and 16 tasks next to `Ledger.transfer` on the same database, then
///   every hold processed and completed; on PostgreSQL when a URL is set, else SQLite (Withdrawals.swift).
/// - outbox: `Ledger.transfer` with and without its outbox events, alternating, on PostgreSQL (when a URL is set)
///   and SQLite (OutboxCost.swift).
/// - profile: only `Ledger.transfer` on PostgreSQL at `--tasks` tasks, to attach a profiler to.
/// - setup: creates the benchmark schema with `--wallets` funded wallets and leaves it in place for another
///   load (Benchmarks/server-bench/run points the server and pgbench at it); prints `schema=<name>`,
///   `asset=<uuid>` and `wallets=<n>` lines. Whoever called it drops the schema.
/// PostgreSQL: WALLETGRAPH_BENCH_POSTGRES_URL, else WALLETGRAPH_TEST_POSTGRES_URL. The bench creates and drops
/// its own schema (or SQLite file).
@main
struct LedgerBench {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String, _ fallback: Double) -> Double {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
                let value = Double(arguments[index + 1])
            else { return fallback }
            arguments.removeSubrange(index...(index + 1))
            return value
        }
        let seconds = option("--seconds", 5)
        let rounds = Int(option("--rounds", 1))
        let walletCount = Int(option("--wallets", 1000))
        let profileTasks = Int(option("--tasks", 16))
        let connections = Int(option("--connections", 16))
        let mode = arguments.first ?? "all"
        let environment = ProcessInfo.processInfo.environment
        let url = environment["WALLETGRAPH_BENCH_POSTGRES_URL"] ?? environment["WALLETGRAPH_TEST_POSTGRES_URL"]

        if mode == "setup" {
            guard let url else {
                say("setup: set WALLETGRAPH_BENCH_POSTGRES_URL or WALLETGRAPH_TEST_POSTGRES_URL")
                exit(2)
            }
            try await setup(url: url, wallets: walletCount)
            return
        }
        say("ledger-bench \(mode): \(seconds) s per run, \(rounds) round(s), \(walletCount) wallets, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores, load \(loadAverage())")
        if ["postgres", "shards", "all"].contains(mode), url == nil {
            say("postgres: skipped (set WALLETGRAPH_BENCH_POSTGRES_URL or WALLETGRAPH_TEST_POSTGRES_URL)")
        }
        if let url, ["postgres", "all"].contains(mode) {
            try await postgres(url: url, wallets: walletCount, connections: connections, seconds: seconds, rounds: rounds)
        }
        if let url, mode == "profile" {
            // Ledger transfers only, for `perf record -p`: no pgbench beside it.
            let bench = try await BenchLedger.make(postgresURL: url, wallets: walletCount, connections: connections)
            _ = await LedgerTransfers.run(bench, tasks: profileTasks, seconds: 1, run: "warm")
            say("profile: \(profileTasks) tasks  " + (await LedgerTransfers.run(
                bench, tasks: profileTasks, seconds: seconds, run: "profile")).summary)
            await bench.drop(postgresURL: url)
        }
        if mode == "outbox" {
            try await outbox(url: url, wallets: walletCount, connections: connections, seconds: seconds, rounds: rounds)
            try await outbox(url: nil, wallets: walletCount, connections: 4, seconds: seconds, rounds: rounds)
        }
        if mode == "withdrawals" {
            try await withdrawals(url: url, wallets: min(walletCount, 200), connections: connections, seconds: seconds)
        }
        if let url, ["shards", "all"].contains(mode) {
            try await shards(url: url, seconds: seconds, rounds: rounds)
        }
        if ["sqlite", "all"].contains(mode) {
            try await sqlite(wallets: walletCount, seconds: seconds, rounds: rounds)
        }
        say("load after: \(loadAverage())")
    }

    static func postgres(url: String, wallets: Int, connections: Int, seconds: Double, rounds: Int) async throws {
        let bench = try await BenchLedger.make(postgresURL: url, wallets: wallets, connections: connections)
        say("\nPostgreSQL transfers (schema \(bench.location), Swift pool of \(connections) connections), "
            + "Ledger.transfer vs pgbench -M prepared transfer.pgbench")
        do {
            for tasks in [1, 4, 16] {
                _ = await LedgerTransfers.run(bench, tasks: tasks, seconds: min(1, seconds), run: "warm\(tasks)")
                var swift: [Measurement] = []
                var queries: [Measurement] = []
                var pgbench: [Measurement] = []
                for round in 0..<rounds {
                    swift.append(await LedgerTransfers.run(bench, tasks: tasks, seconds: seconds, run: "s\(tasks)-\(round)"))
                    pgbench.append(try PGBench.run(url: url, bench: bench, clients: tasks, seconds: seconds))
                    queries.append(await QueryTransfers.run(bench, tasks: tasks, seconds: seconds, run: "q\(tasks)-\(round)"))
                }
                let s = median(swift)
                let q = median(queries)
                let p = median(pgbench)
                say(String(format: "%2d tasks  Swift   ", tasks) + s.summary)
                say(String(format: "%2d tasks  queries ", tasks) + q.summary)
                say(String(format: "%2d tasks  pgbench ", tasks) + p.summary)
                say(String(format: "%2d tasks  Swift / pgbench = %.2f  (queries only / pgbench = %.2f)", tasks,
                    s.rate / p.rate, q.rate / p.rate))
            }
            let report = try await bench.ledger.reconcile()
            say("reconcile: \(report.isClean ? "clean" : "BREACHED"), \(report.transactions) transactions")
        } catch {
            await bench.drop(postgresURL: url)
            throw error
        }
        await bench.drop(postgresURL: url)
    }

    static func withdrawals(url: String?, wallets: Int, connections: Int, seconds: Double) async throws {
        let bench = try await BenchLedger.make(postgresURL: url, wallets: wallets, connections: connections)
        let ledger = Withdrawals.ledger(bench)
        say("\n\(url == nil ? "SQLite" : "PostgreSQL") withdrawals (\(wallets) wallets, one BCA method each), "
            + "Ledger.withdraw vs Ledger.transfer, then process + complete of every hold")
        do {
            try await Withdrawals.addMethods(bench, ledger)
            for tasks in [1, 4, 16] {
                _ = await Withdrawals.holds(bench, ledger, tasks: tasks, seconds: min(1, seconds), run: "warm\(tasks)")
                let (holds, references) = await Withdrawals.holds(
                    bench, ledger, tasks: tasks, seconds: seconds, run: "w\(tasks)")
                let transfers = await LedgerTransfers.run(bench, tasks: tasks, seconds: seconds, run: "t\(tasks)")
                let outcomes = await Withdrawals.outcomes(bench, ledger, references: references, tasks: tasks)
                say(String(format: "%2d tasks  withdraw  ", tasks) + holds.summary)
                say(String(format: "%2d tasks  transfer  ", tasks) + transfers.summary)
                say(String(format: "%2d tasks  withdraw / transfer = %.2f", tasks, holds.rate / transfers.rate))
                say(String(format: "%2d tasks  settle    ", tasks) + outcomes.summary + "  (process + complete)")
            }
            let report = try await ledger.reconcile()
            say("reconcile: \(report.isClean ? "clean" : "BREACHED"), \(report.transactions) transactions")
        } catch {
            await bench.drop(postgresURL: url)
            throw error
        }
        await bench.drop(postgresURL: url)
    }

    /// The schema stays; only the pool is closed. Machine-readable lines for the caller (no other output).
    static func setup(url: String, wallets: Int) async throws {
        let bench = try await BenchLedger.make(postgresURL: url, wallets: wallets, connections: 8)
        await bench.pool.close()
        say("schema=\(bench.location)")
        say("asset=\(bench.asset.id.uuidString.lowercased())")
        say("wallets=\(bench.wallets.count)")
    }

    static func shards(url: String, seconds: Double, rounds: Int) async throws {
        let bench = try await BenchLedger.make(postgresURL: url, wallets: 16, connections: 16)
        say("\nPostgreSQL: 16 concurrent top-ups into 16 different wallets")
        do {
            for shards in [1, 16] {
                var runs: [Measurement] = []
                for round in 0..<rounds {
                    runs.append(try await ShardTopUps.run(bench, shards: shards, round: round, tasks: 16, seconds: seconds))
                }
                say(String(format: "systemShards %2d  ", shards) + median(runs).summary)
            }
            let report = try await bench.ledger.reconcile()
            say("reconcile: \(report.isClean ? "clean" : "BREACHED"), \(report.transactions) transactions")
        } catch {
            await bench.drop(postgresURL: url)
            throw error
        }
        await bench.drop(postgresURL: url)
    }

    static func sqlite(wallets: Int, seconds: Double, rounds: Int) async throws {
        let bench = try await BenchLedger.make(postgresURL: nil, wallets: wallets, connections: 4)
        say("\nSQLite transfers (synchronous=FULL, WAL), Ledger.transfer vs a raw C loop of the same statements")
        do {
            _ = await LedgerTransfers.run(bench, tasks: 1, seconds: min(1, seconds), run: "warm")
            _ = RawSQLiteTransfers.measure(bench, seconds: min(1, seconds), run: "rawwarm")
            var raw: [Measurement] = []
            var swift: [Int: [Measurement]] = [:]
            for round in 0..<rounds {
                for tasks in [1, 4] {
                    swift[tasks, default: []].append(
                        await LedgerTransfers.run(bench, tasks: tasks, seconds: seconds, run: "s\(tasks)-\(round)"))
                }
                raw.append(RawSQLiteTransfers.measure(bench, seconds: seconds, run: "raw\(round)"))
            }
            let r = median(raw)
            say(" 1 thread raw C   " + r.summary)
            for tasks in [1, 4] {
                let s = median(swift[tasks]!)
                say(String(format: "%2d tasks  Swift   ", tasks) + s.summary)
                say(String(format: "%2d tasks  Swift / raw = %.2f", tasks, s.rate / r.rate))
            }
            let report = try await bench.ledger.reconcile()
            say("reconcile: \(report.isClean ? "clean" : "BREACHED"), \(report.transactions) transactions")
        } catch {
            await bench.drop(postgresURL: nil)
            throw error
        }
        await bench.drop(postgresURL: nil)
    }

    /// Prints at once, also into a pipe (`print` is block-buffered there).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func median(_ runs: [Measurement]) -> Measurement {
        runs.sorted { $0.rate < $1.rate }[runs.count / 2]
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
    }
}
