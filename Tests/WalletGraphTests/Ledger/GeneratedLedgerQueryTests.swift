import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

import WalletGraph

/// The generated ledger queries that the `Ledger` API does not reach (or reaches only under contention), called
/// directly so that every one of them runs on SQLite as well as PostgreSQL.
@Suite struct GeneratedLedgerQueryTests {
    @Test(arguments: Engine.all)
    func listWalletsByIDsReturnsThoseThatExistInIDOrder(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let one = try await f.wallet(alice)
            let two = try await f.wallet(alice, "GOLD")
            let system = try #require(try await f.ledger.systemWallets(asset: f.idr.id).last)
            let rows = try await f.pool.withConnection { try await Queries($0).listWalletsByIDs(ids: [two.id, UUID(), system.id, one.id]) }
            let expected = [one.id, two.id, system.id].sorted { $0.uuidString < $1.uuidString }
            #expect(rows.map(\.id) == expected)
            let twoRow = try #require(rows.first { $0.id == two.id })
            #expect(twoRow.assetId == f.gold.id && twoRow.ownerId == alice.userID && twoRow.kind == "user" && twoRow.isDefault)
            #expect(rows.first { $0.id == system.id }?.purpose == system.purpose?.rawValue)
            #expect(try await f.pool.withConnection { try await Queries($0).listWalletsByIDs(ids: []) }.isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func getWalletScaleIsTheWalletsAssetScaleAndNilForNoWallet(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let idr = try await f.wallet(alice)
            let gold = try await f.wallet(alice, "GOLD")
            let scales = try await f.pool.withConnection { connection in
                let queries = Queries(connection)
                return [
                    try await queries.getWalletScale(id: idr.id), try await queries.getWalletScale(id: gold.id),
                    try await queries.getWalletScale(id: UUID()),
                ]
            }
            #expect(scales == [Int32(f.idr.scale), Int32(f.gold.scale), nil])
        }
    }

    @Test(arguments: Engine.all)
    func listTransactionsByIDsAndCountTransactions(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let first = try await f.fund(a, 100)
            let second = try await f.ledger.spend(MoneyRequest(walletID: a.id, amount: 30, idempotencyKey: "s", description: "tea"), by: alice)
            let third = try await f.fund(a, 5)
            let rows = try await f.pool.withConnection {
                try await Queries($0).listTransactionsByIDs(ids: [third.transaction.id, UUID(), first.transaction.id, second.transaction.id])
            }
            let expected = [first, second, third].map(\.transaction).sorted {
                ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString)
            }
            #expect(rows.map(\.id) == expected.map(\.id))
            let spend = try #require(rows.first { $0.id == second.transaction.id })
            #expect(spend.type == "spend" && spend.status == "completed" && spend.amount == 30 && spend.description == "tea")
            #expect(spend.assetId == f.idr.id && spend.initiatorId == alice.userID && spend.idempotencyKey == "s")
            #expect(spend.createdAt == second.transaction.createdAt)
            let count = try await f.scalar("SELECT count(*) FROM transactions")
            #expect(count == 3)
        }
    }
    @Test(arguments: Engine.all)
    func lockSystemShardAndLockFreeSystemShard(engine: Engine) async throws {
        try await withLedger(engine) { f in
            try await f.pool.withTransaction { connection in
                let queries = Queries(connection)
                let shard = try #require(try await queries.lockSystemShard(assetId: f.gold.id, purpose: "redemption", shard: 2))
                #expect(shard.shard == 2 && shard.purpose == "redemption" && shard.assetId == f.gold.id && shard.kind == "system")
                #expect(!shard.allowNegative)
                let funding = try #require(try await queries.lockSystemShard(assetId: f.idr.id, purpose: "funding", shard: 3))
                #expect(funding.shard == 3 && funding.allowNegative)
                #expect(try await queries.lockSystemShard(assetId: f.idr.id, purpose: "funding", shard: 4) == nil)
                #expect(try await queries.lockSystemShard(assetId: f.idr.id, purpose: "nonsense", shard: 0) == nil)
                // With no other transaction holding one, the free shard is the first.
                let free = try #require(try await queries.lockFreeSystemShard(assetId: f.idr.id, purpose: "bonus_expense"))
                #expect(free.shard == 0 && free.purpose == "bonus_expense")
            }
        }
    }

    @Test(arguments: Engine.all)
    func lockUserReturnsTheUsersRoleAndTokenVersion(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            try await f.pool.withTransaction { connection in
                let queries = Queries(connection)
                let row = try #require(try await queries.lockUser(id: alice.userID))
                #expect(row.id == alice.userID && row.role == "user" && row.tokenVersion == 0)
                #expect(try await queries.lockUser(id: f.gateway.userID)?.role == "operator")
                #expect(try await queries.lockUser(id: UUID()) == nil)
            }
        }
    }

    @Test(arguments: Engine.all)
    func getIdempotencyKeyReturnsTheStoredCanonicalRequest(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 50)
            let receipt = try await f.ledger.spend(
                MoneyRequest(walletID: a.id, amount: 50, idempotencyKey: "key-1", description: "snack"), by: alice)
            let expected = try IdempotentRequest(
                key: "key-1", operation: "spend",
                fields: ["walletId": a.id.uuidString.lowercased(), "amount": "50", "description": "snack"])
            let (row, missing, otherUser) = try await f.pool.withConnection { connection in
                let queries = Queries(connection)
                return (
                    try await queries.getIdempotencyKey(initiatorId: alice.userID, key: "key-1"),
                    try await queries.getIdempotencyKey(initiatorId: alice.userID, key: "key-2"),
                    try await queries.getIdempotencyKey(initiatorId: f.gateway.userID, key: "key-1")
                )
            }
            let stored = try #require(row)
            #expect(stored.operation == "spend" && stored.key == "key-1" && stored.initiatorId == alice.userID)
            #expect(stored.request == expected.canonicalText)
            #expect(stored.fingerprint == expected.fingerprint)
            #expect(stored.transactionId == receipt.transaction.id)
            // The key is claimed before the wallets are locked; the transaction's time is read after.
            #expect(stored.createdAt <= receipt.transaction.createdAt)
            #expect(missing == nil && otherUser == nil)
        }
    }

    @Test(arguments: Engine.all)
    func walletLookupsByOwnerAndUsername(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let one = try await f.wallet(alice)
            _ = try await f.wallet(alice)
            try await f.pool.withConnection { connection async throws in
                let queries = Queries(connection)
                let idrCount = try await queries.countOwnerWalletsForAsset(ownerId: alice.userID, assetId: f.idr.id)
                let goldCount = try await queries.countOwnerWalletsForAsset(ownerId: alice.userID, assetId: f.gold.id)
                let idrDefault = try await queries.getDefaultWalletByUsername(username: "alice", assetId: f.idr.id)
                let goldDefault = try await queries.getDefaultWalletByUsername(username: "alice", assetId: f.gold.id)
                #expect(idrCount == 2 && goldCount == 0)
                #expect(idrDefault?.id == one.id && idrDefault?.isDefault == true)
                #expect(goldDefault == nil)
            }
        }
    }
}

/// The posting's writes are deferred (on PostgreSQL they travel unanswered with COMMIT), so the check that a locked
/// wallet moved exactly as planned lives in `PostLedgerEntry` itself: an entry that disagrees with its wallet's row
/// fails the transaction, and nothing of it is written.
@Suite struct PostingWriteCheckTests {
    @Test(arguments: Engine.all)
    func anEntryThatDisagreesWithItsWalletFailsTheTransaction(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 1_000)
            let before = try await f.footprint()
            let now = LedgerClock.system.now()
            // A top-up of 5 written as the ledger writes it, with `balance`/`version` as the plan's.
            @Sendable func post(balance: Int64, version: Int64) async throws {
                let id = UUIDv7.make(at: now)
                try await f.pool.withTransaction { connection in
                    let queries = Queries(connection)
                    try await queries.insertTransaction(
                        InsertTransactionParams(
                            id: id, type: "topup", status: "completed", assetId: f.idr.id, amount: 5, description: nil,
                            initiatorId: nil, idempotencyKey: nil, now: now))
                    try await queries.applyWalletDelta(delta: 5, now: now, id: a.id)
                    try await queries.postLedgerEntry(
                        PostLedgerEntryParams(
                            id: UUIDv7.make(at: now), transactionId: id, line: 0, walletId: a.id, amount: 5,
                            balanceAfter: balance, walletVersion: version, createdAt: now))
                }
            }
            // Balance 1,000 at version 1; after a delta of 5 the row holds 1,005 at version 2.
            for (balance, version) in [(Int64(1_006), Int64(2)), (1_005, 3), (1_005, 1)] {
                let failure = await #expect(throws: SQLError.self) { try await post(balance: balance, version: version) }
                #expect(failure?.code == .notNullViolation, "balance \(balance), version \(version)")
            }
            #expect(try await f.footprint() == before)
            #expect(try await f.reload(a).balance == 1_000)
            // The same writes with the planned values commit.
            try await post(balance: 1_005, version: 2)
            #expect(try await f.reload(a).balance == 1_005)
        }
    }
}
