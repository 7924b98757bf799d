import Foundation
import SQLDriver
import WalletGraph
import WalletGraphQueries

/// 16 concurrent top-ups, each task into its own wallet, in an asset whose system wallets have `shards` shards:
/// with one shard every top-up queues on the funding wallet's row. Each run gets a new asset (shards are made
/// with the asset) and new wallets.
enum ShardTopUps {
    static func run(_ bench: BenchLedger, shards: Int, round: Int, tasks: Int, seconds: Double) async throws -> Measurement {
        let ledger = Ledger(pool: bench.pool, configuration: LedgerConfiguration(systemShards: shards))
        let code = "SHARDS\(shards)_R\(round)"
        let asset = try await ledger.createAsset(code: code, name: "\(shards) shards", scale: 0, by: bench.admin)
        let owners = Array(bench.owners.prefix(tasks))
        let wallets = try await bench.pool.withTransaction(.readWrite) { connection in
            var ids: [UUID] = []
            for owner in owners {
                let id = UUIDv7.make()
                _ = try await Queries(connection).createWallet(
                    CreateWalletParams(id: id, ownerId: owner.userID, assetId: asset.id, label: code, isDefault: true, now: Date()))
                ids.append(id)
            }
            return ids
        }
        let gateway = bench.gateway
        let warmup = await Measurement.run(tasks: tasks, seconds: min(1, seconds / 4)) { task, iteration in
            _ = try await ledger.topUp(
                MoneyRequest(walletID: wallets[task], amount: 1, idempotencyKey: "warm-\(code)-\(task)-\(iteration)"), by: gateway)
        }
        _ = warmup
        return await Measurement.run(tasks: tasks, seconds: seconds) { task, iteration in
            _ = try await ledger.topUp(
                MoneyRequest(walletID: wallets[task], amount: 1, idempotencyKey: "top-\(code)-\(task)-\(iteration)"), by: gateway)
        }
    }
}
