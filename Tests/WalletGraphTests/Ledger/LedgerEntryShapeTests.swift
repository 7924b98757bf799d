import DatabaseTestSupport
import SQLGenFixtureQueries
import Testing
import WalletGraph

/// `listEntriesForWallet` (a fixture shape: a table star with a joined column and a nullable keyset) over entries
/// the ledger wrote.
@Suite("Generated ledger entry shapes")
struct LedgerEntryShapeTests {
    @Test(arguments: Engine.all)
    func listEntriesForWalletPagesNewestFirst(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            var receipts: [LedgerReceipt] = []
            for amount: Int64 in [100, 20, 3] { receipts.append(try await f.fund(a, amount)) }
            let walletEntries = receipts.map { $0.entries[1] }
            let (page1, page2, page3) = try await f.pool.withConnection { connection in
                let queries = SQLGenFixtureQueries.Queries(connection)
                return (
                    try await queries.listEntriesForWallet(walletId: a.id, beforeVersion: nil, pageSize: 2),
                    try await queries.listEntriesForWallet(walletId: a.id, beforeVersion: 2, pageSize: 2),
                    try await queries.listEntriesForWallet(walletId: a.id, beforeVersion: 1, pageSize: 2)
                )
            }
            #expect(page1.map(\.walletVersion) == [3, 2])
            #expect(page1.map(\.id) == [walletEntries[2].id, walletEntries[1].id])
            #expect(page1.map(\.balanceAfter) == [123, 120])
            #expect(page2.map(\.walletVersion) == [1])
            #expect(page2.first?.amount == 100 && page2.first?.transactionId == receipts[0].transaction.id)
            #expect(page2.first?.line == 1 && page2.first?.walletId == a.id)
            #expect(page3.isEmpty)
        }
    }
}
