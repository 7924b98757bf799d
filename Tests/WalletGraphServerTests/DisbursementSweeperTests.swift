import DatabaseTestSupport
import Foundation
import Logging
import SQLDriver
import Synchronization
import Testing
import WalletGraph
import WalletGraphQueries
import WalletGraphServer

/// The server's sweeper: expired PENDING holds are failed and refunded; PROCESSING and young ones are left.
@Suite("Disbursement sweeper")
struct DisbursementSweeperTests {
    @Test(arguments: Engine.all)
    func theSweeperRefundsExpiredHoldsOnlyAndStopsWhenCancelled(engine: Engine) async throws {
        try await withDatabase(engine) { pool, _ in
            try await MigrationRunner(pool: pool, migrations: Migration.embedded(engine.dialect)).migrate()
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            let offset = Mutex<TimeInterval>(0)
            let clock = LedgerClock { start.addingTimeInterval(offset.withLock { $0 }) }
            let ledger = Ledger(
                pool: pool,
                configuration: LedgerConfiguration(
                    systemShards: 2, withdrawals: WithdrawalPolicy(holdTimeout: .seconds(3_600))),
                clock: clock)
            let accounts = Accounts(pool: pool, clock: clock)
            let admin = Initiator(
                userID: try await accounts.createUser(
                    UserProfile(username: "root", name: "Root", email: "r@example.com", phone: "081200000001", nik: nil),
                    passwordHash: "x", role: .admin
                ).id, role: .admin)
            let alice = Initiator(
                userID: try await accounts.createUser(
                    UserProfile(username: "alice", name: "Alice", email: "a@example.com", phone: "081200000002", nik: nil),
                    passwordHash: "x", role: .user
                ).id, role: .user)
            _ = try await ledger.createAsset(code: "IDR", name: "Rupiah", scale: 0, by: admin)
            let wallet = try await ledger.createWallet(owner: alice.userID, assetCode: "IDR", label: "Main", by: alice)
            _ = try await ledger.topUp(
                MoneyRequest(walletID: wallet.id, amount: 1_000_000, idempotencyKey: "fund"), by: admin)
            _ = try await ledger.addDisbursementMethod(
                NewDisbursementMethod(
                    type: .bankTransfer, provider: .bca, accountNumber: "1234567890", accountHolderName: "Alice"),
                by: alice)
            func withdraw(_ key: String) async throws -> DisbursementRecord {
                try await ledger.withdraw(
                    WithdrawRequest(walletID: wallet.id, amount: 100_000, idempotencyKey: key), by: alice
                ).disbursement
            }
            let expired = try await withdraw("old-pending")
            let handedOver = try await withdraw("old-processing")
            _ = try await ledger.processDisbursement(referenceID: handedOver.referenceID, by: admin)
            offset.withLock { $0 = 3_000 }
            let young = try await withdraw("young-pending")
            offset.withLock { $0 = 3_601 }

            let sweeper = DisbursementSweeper(ledger: ledger, interval: .seconds(3_600), logger: Logger(label: "test"))
            #expect(await sweeper.sweepOnce() == 1)
            #expect(await sweeper.sweepOnce() == 0)
            let rows = try await pool.withConnection(readOnly: true) { connection in
                let queries = Queries(connection)
                return (
                    try await queries.getWallet(id: wallet.id).map(\.balance),
                    try await queries.reconcileClearingMismatches().count)
            }
            // Three holds of 106,500; the expired one came back in full.
            #expect(try #require(rows.0) == 1_000_000 - 2 * 106_500)
            #expect(rows.1 == 0)
            #expect(try await ledger.reconcile().isClean)
            let statuses = try await [expired, handedOver, young].asyncMap { record in
                try await ledger.disbursementStatus(record.referenceID)
            }
            #expect(statuses == [.failed, .processing, .pending])

            // run() sweeps at once, then sleeps until cancelled.
            offset.withLock { $0 = 3_000 + 3_601 }
            let task = Task { await sweeper.run() }
            for _ in 0..<200 where try await ledger.disbursementStatus(young.referenceID) != .failed {
                try await Task.sleep(for: .milliseconds(20))
            }
            task.cancel()
            await task.value
            #expect(try await ledger.disbursementStatus(young.referenceID) == .failed)
            #expect(try await ledger.disbursementStatus(handedOver.referenceID) == .processing)
            #expect(try await ledger.reconcile().isClean)
        }
    }
}

extension Ledger {
    /// A withdrawal's status, read as the operator sees it: repeating `process` on a PROCESSING one returns it
    /// unchanged, so the test reads through a raw query instead.
    fileprivate func disbursementStatus(_ referenceID: String) async throws -> DisbursementStatus? {
        try await pool.withConnection(readOnly: true) { connection in
            try await connection.fetchOne(
                SQLStatement(
                    unsafePostgres: "SELECT status FROM disbursements WHERE reference_id = $1",
                    sqlite: "SELECT status FROM disbursements WHERE reference_id = ?1"),
                [.text(referenceID)]
            ) { row in try row.decode(String.self, at: 0) }
        }.flatMap(DisbursementStatus.init(rawValue:))
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
