import Foundation
import WalletGraph

/// `ledger-bench outbox`: what the outbox costs a transfer. The same database, the same wallets, two ledgers over
/// one pool, one writing its events and one not (`LedgerConfiguration.recordsEvents`, which only benchmarks turn
/// off), run in alternating rounds so that both see the same machine.
extension LedgerBench {
    static func outbox(url: String?, wallets: Int, connections: Int, seconds: Double, rounds: Int) async throws {
        let bench = try await BenchLedger.make(postgresURL: url, wallets: wallets, connections: connections)
        var off = bench.ledger.configuration
        off.recordsEvents = false
        let without = bench.with(ledger: Ledger(pool: bench.pool, configuration: off))
        let engine = url == nil ? "SQLite (synchronous=FULL, WAL)" : "PostgreSQL (pool of \(connections))"
        say("\nThe outbox's cost on \(engine): Ledger.transfer with its events (3 rows per transfer) and without, alternating")
        let taskCounts = url == nil ? [1, 4] : [4, 16]
        _ = await LedgerTransfers.run(bench, tasks: taskCounts[0], seconds: min(1, seconds), run: "warm")
        var on: [Int: [Measurement]] = [:]
        var bare: [Int: [Measurement]] = [:]
        for round in 0..<rounds {
            for tasks in taskCounts {
                on[tasks, default: []].append(await LedgerTransfers.run(bench, tasks: tasks, seconds: seconds, run: "on\(tasks)-\(round)"))
                bare[tasks, default: []].append(
                    await LedgerTransfers.run(without, tasks: tasks, seconds: seconds, run: "off\(tasks)-\(round)"))
            }
        }
        for tasks in taskCounts {
            let with = median(on[tasks]!)
            let plain = median(bare[tasks]!)
            say(String(format: "%2d tasks  outbox on   ", tasks) + with.summary)
            say(String(format: "%2d tasks  outbox off  ", tasks) + plain.summary)
            say(String(format: "%2d tasks  on / off = %.2f (%.0f%% fewer transfers/s)", tasks, with.rate / plain.rate,
                       (1 - with.rate / plain.rate) * 100))
        }
        var report = try await bench.ledger.reconcile()
        // The transfers made with the outbox off have no events, by design: every other invariant must hold.
        let gaps = report.outboxGaps.count
        report.outboxGaps = []
        say("reconcile: \(report.isClean ? "clean" : "BREACHED"), \(report.transactions) transactions"
            + " (outbox gaps from the runs without it: \(gaps), at most the check's row limit)")
        await bench.drop(postgresURL: url)
    }
}

extension BenchLedger {
    /// The same database and wallets with another ledger.
    func with(ledger other: Ledger) -> BenchLedger {
        BenchLedger(
            pool: pool, ledger: other, admin: admin, gateway: gateway, asset: asset, owners: owners, wallets: wallets,
            location: location)
    }
}
