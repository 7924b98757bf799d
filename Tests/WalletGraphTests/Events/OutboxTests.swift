import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

@testable import WalletGraph

extension LedgerFixture {
    /// The events a reader is served now, in feed order, read page by page (`page` rows at a time).
    func servedEvents(after cursor: EventCursor = .start, page: Int64 = 1_000) async throws -> [WalletGraphQueries.Event] {
        var all: [WalletGraphQueries.Event] = []
        var cursor = cursor
        while true {
            let rows = try await pool.withConnection(readOnly: true) { connection in
                try await Queries(connection).listEvents(
                    ListEventsParams(afterXact: cursor.xact, afterPosition: cursor.position, types: nil, pageSize: page))
            }
            all += rows
            guard let last = rows.last, rows.count == page else { return all }
            cursor = EventCursor(xact: last.xact, position: last.position)
        }
    }

    /// Every committed event after `cursor`, in feed order. On PostgreSQL the commit horizon is the cluster's:
    /// a transaction still open in another test's database holds it back for a moment, so this waits (up to 30 s)
    /// until everything committed is served.
    func events(after cursor: EventCursor = .start) async throws -> [WalletGraphQueries.Event] {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while true {
            let committed = try await pool.withConnection { connection in
                try await connection.fetchOne(
                    SQLStatement(
                        unsafePostgres: "SELECT count(*) FROM events WHERE (xact, position) > ($1, $2)",
                        sqlite: "SELECT count(*) FROM events WHERE (xact, position) > (?1, ?2)"),
                    [.int64(cursor.xact), .int64(cursor.position)]) { try $0.decode(Int64.self, at: 0) } ?? 0
            }
            let served = try await servedEvents(after: cursor)
            if served.count == committed || clock.now > deadline { return served }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// The outbox (issue 17): every committed operation writes its events in its own transaction, on both engines.
@Suite struct OutboxTests {
    @Test(arguments: Engine.all)
    func aTransferWritesOneTransactionEventAndOneBalanceEventPerUserWallet(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let from = try await f.wallet(alice)
            let to = try await f.wallet(bob)
            let funding = try await f.fund(from, 1_000)
            let before = try await f.events()
            #expect(before.map(\.type) == ["transaction_created", "wallet_balance_changed"])
            #expect(before[0].transactionId == funding.transaction.id && before[0].walletId == from.id)
            #expect(before[0].ownerId == alice.userID && before[0].peerWalletId == nil)
            #expect(before[1].walletVersion == 1 && before[1].balance == 1_000)

            let receipt = try await f.ledger.transfer(
                TransferRequest(fromWalletID: from.id, destination: .wallet(to.id), amount: 300, idempotencyKey: "t-1"),
                by: alice)
            let events = Array(try await f.events().dropFirst(2))
            #expect(events.map(\.type) == ["transaction_created", "wallet_balance_changed", "wallet_balance_changed"])
            #expect(events.allSatisfy { $0.transactionId == receipt.transaction.id })
            let created = events[0]
            #expect(created.walletId == from.id && created.ownerId == alice.userID)
            #expect(created.peerWalletId == to.id && created.peerOwnerId == bob.userID)
            #expect(created.walletVersion == nil && created.balance == nil)
            #expect(events[1].walletId == from.id && events[1].walletVersion == 2 && events[1].balance == 700)
            #expect(events[2].walletId == to.id && events[2].ownerId == bob.userID)
            #expect(events[2].walletVersion == 1 && events[2].balance == 300)
            #expect(events.allSatisfy { $0.occurredAt == receipt.transaction.createdAt })
            // Positions increase in feed order.
            let all = try await f.events()
            #expect(all.map(\.position) == all.map(\.position).sorted())

            // A replay writes nothing new; a refused transfer writes nothing at all.
            _ = try await f.ledger.transfer(
                TransferRequest(fromWalletID: from.id, destination: .wallet(to.id), amount: 300, idempotencyKey: "t-1"),
                by: alice)
            let footprint = try await f.footprint()
            await expectDomainError(.insufficientBalance) {
                try await f.ledger.transfer(
                    TransferRequest(
                        fromWalletID: from.id, destination: .wallet(to.id), amount: 10_000, idempotencyKey: "t-2"),
                    by: alice)
            }
            #expect(try await f.footprint() == footprint)
            #expect(try await f.events().count == 5)
        }
    }

    @Test(arguments: Engine.all)
    func aTransferBetweenOwnWalletsNamesNoPeerOwner(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let first = try await f.wallet(alice)
            let second = try await f.wallet(alice, label: "savings")
            try await f.fund(first, 100)
            _ = try await f.ledger.transfer(
                TransferRequest(fromWalletID: first.id, destination: .wallet(second.id), amount: 40, idempotencyKey: "own"),
                by: alice)
            let created = try #require(try await f.events().last { $0.type == "transaction_created" })
            #expect(created.walletId == first.id && created.peerWalletId == second.id)
            #expect(created.ownerId == alice.userID && created.peerOwnerId == nil)
        }
    }

    @Test(arguments: Engine.all)
    func withdrawalsReportEachStatusWithTheTransactionOfThatStep(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 500_000)
            try await f.addMethod(alice)
            let paid = try await f.withdraw(wallet, 50_000, by: alice)
            let refunded = try await f.withdraw(wallet, 60_000, by: alice)
            let start = try #require(try await f.events().last).position
            _ = try await f.ledger.processDisbursement(referenceID: paid.disbursement.referenceID, by: f.gateway)
            // Processing again changes nothing and tells no one.
            _ = try await f.ledger.processDisbursement(referenceID: paid.disbursement.referenceID, by: f.gateway)
            let completed = try await f.ledger.completeDisbursement(
                referenceID: paid.disbursement.referenceID, by: f.gateway)
            let failed = try await f.ledger.failDisbursement(
                referenceID: refunded.disbursement.referenceID, reason: "bank rejected", by: f.gateway)

            let all = try await f.events()
            let holds = all.filter { $0.type == "disbursement_status_changed" && $0.status == "PENDING" }
            #expect(holds.map(\.transactionId) == [paid.receipt.transaction.id, refunded.receipt.transaction.id])
            let later = all.filter { $0.position > start }
            #expect(later.filter { $0.type == "disbursement_status_changed" }.map(\.status) == ["PROCESSING", "COMPLETED", "FAILED"])
            let processing = try #require(later.first)
            #expect(processing.type == "disbursement_status_changed" && processing.transactionId == nil)
            #expect(processing.disbursementId == paid.disbursement.id && processing.walletId == wallet.id)
            #expect(processing.ownerId == alice.userID)
            let settlement = try #require(later.first { $0.status == "COMPLETED" })
            #expect(settlement.transactionId == completed.settlementTransactionID)
            // The settlement moves money between system wallets only: its TRANSACTION_CREATED concerns no user.
            let settlementCreated = try #require(
                later.first { $0.type == "transaction_created" && $0.transactionId == completed.settlementTransactionID })
            #expect(settlementCreated.walletId == nil && settlementCreated.ownerId == nil)
            let refund = try #require(later.first { $0.status == "FAILED" })
            #expect(refund.transactionId == failed.refundTransactionID)
            let refundBalance = try #require(
                later.first { $0.type == "wallet_balance_changed" && $0.transactionId == failed.refundTransactionID })
            #expect(refundBalance.balance == (try await f.reload(wallet)).balance)
        }
    }

    @Test(arguments: Engine.all)
    func freezingTellsOnceAndUnfreezingTellsOnce(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            _ = try await f.ledger.freezeWallet(wallet.id, by: f.admin)
            _ = try await f.ledger.freezeWallet(wallet.id, by: f.admin)
            _ = try await f.ledger.unfreezeWallet(wallet.id, by: f.admin)
            let events = try await f.events()
            #expect(events.map(\.type) == ["wallet_frozen", "wallet_unfrozen"])
            #expect(events.allSatisfy { $0.walletId == wallet.id && $0.ownerId == alice.userID })
            // Refused for a non-admin: nothing written.
            await expectDomainError(.forbidden) { _ = try await f.ledger.freezeWallet(wallet.id, by: alice) }
            #expect(try await f.events().count == 2)
        }
    }

    @Test(arguments: Engine.all)
    func eventsAreAppendOnly(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            try await f.fund(try await f.wallet(alice), 10)
            for sql in ["UPDATE events SET balance = 0", "DELETE FROM events"] {
                await #expect(throws: SQLError.self) {
                    try await f.pool.withTransaction { try await $0.execute(SQLStatement(unsafeSQL: sql), []) }
                }
            }
            #expect(try await f.events().count == 2)
        }
    }

    /// The hard part: a position can commit after a larger one. A transaction that wrote an event and is still
    /// open hides every event of later transactions from readers, so a cursor never passes it.
    @Test(arguments: Engine.postgresOnly)
    func anOpenTransactionHoldsBackEverythingThatSortsAfterIt(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 10)
            let seen = try await f.events()
            let cursor = EventCursor(xact: seen.last!.xact, position: seen.last!.position)
            let slow = Locked<Int64?>(nil)
            try await whileHolding({ held, release in
                try await f.pool.withTransaction { connection in
                    // Takes the next position first, then waits while a later transaction commits.
                    try await Queries(connection).insertEvent(
                        InsertEventParams(
                            type: "wallet_frozen", walletId: wallet.id, ownerId: alice.userID, peerWalletId: nil,
                            peerOwnerId: nil, transactionId: nil, disbursementId: nil, walletVersion: nil, balance: nil,
                            status: "frozen", occurredAt: Date()))
                    let position = try await connection.fetchOne(
                        SQLStatement(unsafeSQL: "SELECT max(position) FROM events")) { try $0.decode(Int64.self, at: 0) }
                    slow.withLock { $0 = position }
                    await held.open()
                    await release.wait()
                }
            }) {
                let later = try await f.fund(wallet, 5)
                // Committed, with a larger position, yet not served: the slow transaction could still commit before it.
                let stored = try await f.scalar(
                    "SELECT count(*) FROM events WHERE transaction_id = $1", [.uuid(later.transaction.id)])
                #expect(stored == 2)
                #expect(try await f.servedEvents(after: cursor).isEmpty)
            }
            // Once it commits, both come, the slow one first.
            let after = try await f.events(after: cursor)
            #expect(after.count == 3)
            #expect(after.first?.position == slow.withLock { $0 })
            #expect(after.first?.type == "wallet_frozen")
        }
    }

    /// Many writers, one reader paging all the time: every committed event is read exactly once, in feed order.
    @Test(arguments: Engine.all)
    func aReaderPagingDuringConcurrentWritesReadsEveryEventExactlyOnceInOrder(engine: Engine) async throws {
        try await withLedger(engine, connections: 8) { f in
            var wallets: [(Initiator, WalletRecord)] = []
            for index in 0..<6 {
                let user = try await f.user("user\(index)")
                let wallet = try await f.wallet(user)
                try await f.fund(wallet, 1_000_000)
                wallets.append((user, wallet))
            }
            let start = try #require(try await f.events().last)
            let writers = 6
            let perWriter = engine == .sqlite ? 40 : 60
            let expected = writers * perWriter * 3
            let wallets0 = wallets
            let reader = Task { () -> [WalletGraphQueries.Event] in
                var read: [WalletGraphQueries.Event] = []
                var cursor = EventCursor(xact: start.xact, position: start.position)
                let deadline = ContinuousClock.now + .seconds(120)
                // Until it has read as many as will be written (or more, which the checks below would catch).
                while read.count < expected && ContinuousClock.now < deadline {
                    // Small pages, so that the reader is always mid-stream while writers commit.
                    let page = try await f.servedEvents(after: cursor, page: 7)
                    read += page
                    if let last = page.last { cursor = EventCursor(xact: last.xact, position: last.position) }
                    if page.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
                }
                return read + (try await f.servedEvents(after: cursor))
            }
            _ = try await concurrently(writers) { writer in
                var generator = SeededGenerator(seed: UInt64(writer + 1))
                for step in 0..<perWriter {
                    let (payer, from) = wallets0[writer]
                    var target = Int.random(in: 0..<wallets0.count, using: &generator)
                    if target == writer { target = (target + 1) % wallets0.count }
                    _ = try await f.ledger.transfer(
                        TransferRequest(
                            fromWalletID: from.id, destination: .wallet(wallets0[target].1.id), amount: 1,
                            idempotencyKey: "w\(writer)-\(step)"),
                        by: payer)
                }
            }
            let read = try await reader.value
            let committed = try await f.events(after: EventCursor(xact: start.xact, position: start.position))
            #expect(committed.count == expected)
            #expect(read.count == committed.count)
            #expect(Set(read.map(\.position)).count == read.count, "no event read twice")
            #expect(read.map(\.position) == committed.map(\.position), "every event, in feed order")
            // How often a smaller position arrived after a larger one: what a reader by position alone would miss.
            let late = zip(read, read.dropFirst()).filter { $0.1.position < $0.0.position }.count
            print("outbox feed (\(engine)): \(read.count) events read while \(writers) writers committed; \(late) arrived after a larger position")
        }
    }
}
