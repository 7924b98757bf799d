import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// Many callers at once against one ledger. The ledger runs with `retry: .none`, so a deadlock, serialization
/// failure or busy database would surface as LEDGER_BUSY instead of being retried away: every test below
/// also proves that none happened.
@Suite struct LedgerConcurrencyTests {
    static let configuration = LedgerConfiguration(systemShards: 4, retry: .none)

    /// One transfer request as issued, with the user who issued it, so that a duplicate repeats it exactly.
    struct Issued: Sendable {
        let initiator: Initiator
        let request: TransferRequest
    }

    struct Call: Sendable {
        let issued: Issued
        let outcome: CallOutcome
    }

    @Test(arguments: Engine.all)
    func randomTransfersWithDuplicatesWriteOneTransactionPerKeyAndReconcile(engine: Engine) async throws {
        let tasks = 16
        let transfersPerTask = 300
        let funding: Int64 = 20_000
        try await withLedger(engine, configuration: Self.configuration, connections: 16) { f in
            var owners: [Initiator] = []
            var wallets: [WalletRecord] = []
            for index in 0..<55 {
                let owner = try await f.user("payer\(index)")
                owners.append(owner)
                wallets.append(try await f.wallet(owner))
            }
            for wallet in wallets { try await f.fund(wallet, funding) }
            let fundedTransactions = try await f.footprint().transactions
            let hot = 0..<5
            let cold = 5..<55
            let issued = Locked<[Issued]>([])
            let ledger = f.ledger
            let (ownersList, walletsList) = (owners, wallets)

            let calls = try await concurrently(tasks) { task in
                var random = SeededGenerator(seed: UInt64(task + 1))
                func pick() -> Int {
                    Int.random(in: 0..<100, using: &random) < 60
                        ? Int.random(in: hot, using: &random) : Int.random(in: cold, using: &random)
                }
                var calls: [Call] = []
                calls.reserveCapacity(transfersPerTask)
                for number in 0..<transfersPerTask {
                    let earlier = issued.withLock { $0.isEmpty ? nil : $0.randomElement(using: &random) }
                    let request: Issued
                    if let earlier, Int.random(in: 0..<10, using: &random) == 0 {
                        request = earlier
                    } else {
                        let from = pick()
                        var to = pick()
                        while to == from { to = pick() }
                        request = Issued(
                            initiator: ownersList[from],
                            request: TransferRequest(
                                fromWalletID: walletsList[from].id, destination: .wallet(walletsList[to].id),
                                amount: Int64.random(in: 1...2_000, using: &random),
                                idempotencyKey: "t\(task)-\(number)"))
                        issued.withLock { $0.append(request) }
                    }
                    let outcome = await CallOutcome { try await ledger.transfer(request.request, by: request.initiator) }
                    calls.append(Call(issued: request, outcome: outcome))
                }
                return calls
            }.flatMap { $0 }

            let escaped = calls.compactMap { call -> String? in
                if case .failure(let error) = call.outcome, (error as? DomainError)?.code != .insufficientBalance {
                    return "\(error)"
                }
                return nil
            }
            #expect(escaped.isEmpty, "errors other than INSUFFICIENT_BALANCE: \(Set(escaped))")

            // Per key: every successful call got the same transaction, and exactly one of them wrote it.
            let byKey = Dictionary(grouping: calls, by: { $0.issued.request.idempotencyKey })
            var keysThatWrote = 0
            for (key, keyCalls) in byKey {
                let receipts = keyCalls.compactMap(\.outcome.receipt)
                #expect(Set(receipts.map(\.transaction.id)).count <= 1, "key \(key) produced several transactions")
                let written = receipts.filter { !$0.replayed }.count
                #expect(written == (receipts.isEmpty ? 0 : 1), "key \(key) was written \(written) times")
                if !receipts.isEmpty { keysThatWrote += 1 }
            }
            let duplicates = calls.count - byKey.count
            #expect(duplicates > calls.count / 20, "only \(duplicates) duplicate requests were issued")
            #expect(keysThatWrote > calls.count / 2, "only \(keysThatWrote) transfers succeeded")

            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == fundedTransactions + Int64(keysThatWrote))
            var total: Int64 = 0
            for wallet in wallets { total += try await f.reload(wallet).balance }
            #expect(total == funding * Int64(wallets.count))
        }
    }

    @Test(arguments: Engine.all)
    func fiftyConcurrentCallsWithOneKeyAndRequestWriteOneTransaction(engine: Engine) async throws {
        try await withLedger(engine, configuration: Self.configuration, connections: 16) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(try await f.user("bob"))
            try await f.fund(a, 1_000)
            let before = try await f.footprint()
            let request = TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 10, idempotencyKey: "once")
            let ledger = f.ledger
            let outcomes = try await concurrently(50) { _ in
                await CallOutcome { try await ledger.transfer(request, by: alice) }
            }
            let receipts = outcomes.compactMap(\.receipt)
            #expect(receipts.count == 50, "errors: \(outcomes.compactMap { $0.receipt == nil ? "\($0)" : nil })")
            #expect(Set(receipts.map(\.transaction.id)).count == 1)
            #expect(receipts.filter { !$0.replayed }.count == 1)
            let after = try await f.footprint()
            #expect(after.transactions == before.transactions + 1 && after.entries == before.entries + 2)
            #expect(try await f.reload(a).balance == 990)
            #expect(try await f.reload(b).balance == 10)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
        }
    }

    @Test(arguments: Engine.all)
    func concurrentCallsWithOneKeyAndDifferentRequestsExecuteOnceAndConflictOtherwise(engine: Engine) async throws {
        try await withLedger(engine, configuration: Self.configuration, connections: 16) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(try await f.user("bob"))
            try await f.fund(a, 1_000)
            let before = try await f.footprint()
            let ledger = f.ledger
            let outcomes = try await concurrently(20) { index in
                await CallOutcome {
                    try await ledger.transfer(
                        TransferRequest(
                            fromWalletID: a.id, destination: .wallet(b.id), amount: Int64(index + 1),
                            idempotencyKey: "shared"),
                        by: alice)
                }
            }
            let receipts = outcomes.compactMap(\.receipt)
            #expect(receipts.count == 1)
            #expect(receipts.first?.replayed == false)
            #expect(
                outcomes.filter { $0.domainCode == .idempotencyConflict }.count == 19,
                "others: \(outcomes.filter { $0.receipt == nil && $0.domainCode != .idempotencyConflict })")
            let after = try await f.footprint()
            #expect(after.transactions == before.transactions + 1 && after.entries == before.entries + 2)
            let moved = receipts.first?.transaction.amount ?? -1
            #expect(try await f.reload(a).balance == 1_000 - moved)
            #expect(try await f.reload(b).balance == moved)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
        }
    }

    @Test(arguments: Engine.all)
    func sixteenConcurrentTopUpsIntoDifferentWalletsAllSucceedAndReconcile(engine: Engine) async throws {
        try await withLedger(engine, configuration: Self.configuration, connections: 16) { f in
            var wallets: [WalletRecord] = []
            for index in 0..<16 { wallets.append(try await f.wallet(try await f.user("payee\(index)"))) }
            let before = try await f.footprint()
            let (ledger, gateway, targets) = (f.ledger, f.gateway, wallets)
            let outcomes = try await concurrently(16) { index in
                await CallOutcome {
                    try await ledger.topUp(
                        MoneyRequest(walletID: targets[index].id, amount: Int64(100 + index), idempotencyKey: "top-\(index)"),
                        by: gateway)
                }
            }
            #expect(outcomes.allSatisfy { $0.receipt?.replayed == false }, "\(outcomes.filter { $0.receipt == nil })")
            for (index, wallet) in wallets.enumerated() {
                let stored = try await f.reload(wallet)
                #expect(stored.balance == Int64(100 + index) && stored.version == 1)
            }
            let after = try await f.footprint()
            #expect(after.transactions == before.transactions + 16 && after.entries == before.entries + 32)
            let report = try await f.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
        }
    }
}
