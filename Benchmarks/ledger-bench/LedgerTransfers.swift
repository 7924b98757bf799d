import Foundation
import WalletGraph

/// Transfers of 1 minor unit between random pairs of the benchmark's wallets, through `Ledger.transfer`,
/// each with a fresh idempotency key, initiated by the source wallet's owner.
enum LedgerTransfers {
    static func run(_ bench: BenchLedger, tasks: Int, seconds: Double, run: String) async -> Measurement {
        let (ledger, owners, wallets) = (bench.ledger, bench.owners, bench.wallets)
        return await Measurement.run(tasks: tasks, seconds: seconds) { task, iteration in
            let from = Int.random(in: 0..<wallets.count)
            let to = (from + Int.random(in: 1..<wallets.count)) % wallets.count
            _ = try await ledger.transfer(
                TransferRequest(
                    fromWalletID: wallets[from], destination: .wallet(wallets[to]), amount: 1,
                    idempotencyKey: "\(run)-\(task)-\(iteration)"),
                by: owners[from])
        }
    }
}
