import Foundation
import Synchronization
import WalletGraph

/// Withdrawals on the benchmark's wallets (the policy's asset is the benchmark's, so no IDR is needed; limits
/// are lifted so that only the ledger's work is timed):
/// - holds: `Ledger.withdraw` of 10,000 with the BCA fee from a random wallet to its owner's method, beside
///   `Ledger.transfer` at the same concurrency, on the same database;
/// - outcomes: every hold of the run taken through `processDisbursement` and `completeDisbursement` by
///   `tasks` concurrent operators; the rate counts withdrawals settled (two transactions each).
enum Withdrawals {
    static func ledger(_ bench: BenchLedger) -> Ledger {
        Ledger(
            pool: bench.pool,
            configuration: LedgerConfiguration(
                withdrawals: WithdrawalPolicy(
                    minimum: 1, maximum: .max / 4, dailyLimit: .max / 4, assetCode: bench.asset.code)))
    }

    /// Gives every benchmark owner a BCA method (their default).
    static func addMethods(_ bench: BenchLedger, _ ledger: Ledger) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for (index, owner) in bench.owners.enumerated() where index % 8 == lane {
                        let digits = String(index + 1)
                        _ = try await ledger.addDisbursementMethod(
                            NewDisbursementMethod(
                                type: .bankTransfer, provider: .bca,
                                accountNumber: String(repeating: "0", count: 10 - digits.count) + digits,
                                accountHolderName: "Bench Owner"),
                            by: owner)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Holds for `seconds`; returns the measurement and the reference ids it made.
    static func holds(
        _ bench: BenchLedger, _ ledger: Ledger, tasks: Int, seconds: Double, run: String
    ) async -> (Measurement, [String]) {
        let references = Box<[String]>([])
        let (owners, wallets) = (bench.owners, bench.wallets)
        let measurement = await Measurement.run(tasks: tasks, seconds: seconds) { task, iteration in
            let index = Int.random(in: 0..<wallets.count)
            let receipt = try await ledger.withdraw(
                WithdrawRequest(walletID: wallets[index], amount: 10_000, idempotencyKey: "\(run)-\(task)-\(iteration)"),
                by: owners[index])
            references.value.withLock { $0.append(receipt.disbursement.referenceID) }
        }
        return (measurement, references.value.withLock { $0 })
    }

    /// Processes and completes every one of `references` with `tasks` concurrent operators.
    static func outcomes(_ bench: BenchLedger, _ ledger: Ledger, references: [String], tasks: Int) async -> Measurement {
        let queue = Box(references[...])
        let gateway = bench.gateway
        let clock = ContinuousClock()
        let cpuStart = Measurement.processCPUSeconds()
        let start = clock.now
        let lanes = await withTaskGroup(of: ([Double], [String: Int]).self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var latencies: [Double] = []
                    var errors: [String: Int] = [:]
                    while let reference = queue.value.withLock({ $0.popFirst() }) {
                        let begin = clock.now
                        do {
                            _ = try await ledger.processDisbursement(referenceID: reference, by: gateway)
                            _ = try await ledger.completeDisbursement(referenceID: reference, by: gateway)
                            let elapsed = begin.duration(to: clock.now).components
                            latencies.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
                        } catch {
                            errors["\(error)", default: 0] += 1
                        }
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], [String: Int])] = []
            for await lane in group { all.append(lane) }
            return all
        }
        let elapsed = start.duration(to: clock.now).components
        return Measurement(
            count: lanes.map(\.0.count).reduce(0, +),
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
            latencies: lanes.flatMap(\.0).sorted(),
            errors: lanes.map(\.1).reduce(into: [String: Int]()) { $0.merge($1, uniquingKeysWith: +) },
            cpuSeconds: Measurement.processCPUSeconds() - cpuStart)
    }
}

/// A mutex that closures can share.
final class Box<Value: Sendable>: Sendable {
    let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }
}
