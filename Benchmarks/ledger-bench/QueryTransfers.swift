import Foundation
import SQLDriver
import WalletGraph
import WalletGraphQueries

/// The transfer's SQL transaction through the generated functions alone: the same statements and pool as
/// ``LedgerTransfers`` with none of the ledger's Swift work (request canonicalisation, authority, planning,
/// records). The gap between this and pgbench is the driver's; between this and the ledger, the ledger's.
enum QueryTransfers {
    struct Missing: Error {}

    static func run(_ bench: BenchLedger, tasks: Int, seconds: Double, run: String) async -> Measurement {
        let (pool, owners, wallets, asset) = (bench.pool, bench.owners, bench.wallets, bench.asset.id)
        let fingerprint = String(repeating: "f", count: 64)
        return await Measurement.run(tasks: tasks, seconds: seconds) { task, iteration in
            let from = Int.random(in: 0..<wallets.count)
            let to = (from + Int.random(in: 1..<wallets.count)) % wallets.count
            let key = "\(run)-\(task)-\(iteration)"
            let request = #"{"amount":"1","description":"","fromWalletId":""# + wallets[from].uuidString.lowercased()
                + #"","operation":"transfer","toWalletId":""# + wallets[to].uuidString.lowercased() + #""}"#
            try await pool.withTransaction(.readWrite) { connection in
                let queries = Queries(connection)
                let now = Date()
                let id = UUIDv7.make(at: now)
                let initiator = owners[from].userID
                guard
                    try await queries.claimIdempotencyKey(
                        ClaimIdempotencyKeyParams(
                            initiatorId: initiator, key: key, operation: "transfer", request: request,
                            fingerprint: fingerprint, transactionId: id, now: now)) != nil
                else { throw Missing() }
                let locked = Dictionary(
                    uniqueKeysWithValues: try await queries.lockUserWallets(ids: [wallets[from], wallets[to]]).map { ($0.id, $0) })
                guard locked.count == 2 else { throw Missing() }
                try await queries.insertTransaction(
                    InsertTransactionParams(
                        id: id, type: "transfer", status: "completed", assetId: asset, amount: 1, description: nil,
                        initiatorId: initiator, idempotencyKey: key, now: now))
                for (line, (wallet, amount)) in [(wallets[from], Int64(-1)), (wallets[to], Int64(1))].enumerated() {
                    guard let before = locked[wallet] else { throw Missing() }
                    try await queries.applyWalletDelta(delta: amount, now: now, id: wallet)
                    try await queries.postLedgerEntry(
                        PostLedgerEntryParams(
                            id: UUIDv7.make(at: now), transactionId: id, line: Int32(line), walletId: wallet,
                            amount: amount, balanceAfter: before.balance + amount, walletVersion: before.version + 1,
                            createdAt: now))
                }
                // The outbox rows Ledger.transfer writes (docs/events.md).
                try await queries.insertEvent(
                    InsertEventParams(
                        type: "transaction_created", walletId: wallets[from], ownerId: initiator, peerWalletId: wallets[to],
                        peerOwnerId: owners[to].userID, transactionId: id, disbursementId: nil, walletVersion: nil,
                        balance: nil, status: nil, occurredAt: now))
                for (wallet, owner, amount) in [(wallets[from], initiator, Int64(-1)), (wallets[to], owners[to].userID, Int64(1))] {
                    guard let before = locked[wallet] else { throw Missing() }
                    try await queries.insertEvent(
                        InsertEventParams(
                            type: "wallet_balance_changed", walletId: wallet, ownerId: owner, peerWalletId: nil,
                            peerOwnerId: nil, transactionId: id, disbursementId: nil, walletVersion: before.version + 1,
                            balance: before.balance + amount, status: nil, occurredAt: now))
                }
            }
        }
    }
}
