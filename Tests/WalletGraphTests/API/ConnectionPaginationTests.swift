import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// Relay connections: keyset pages both ways, stability under inserts, filters, bad arguments, and batching.
@Suite struct ConnectionPaginationTests {
    static let page = """
        query($first: Int, $after: String, $last: Int, $before: String, $f: TransactionFilter) {
          transactions(first: $first, after: $after, last: $last, before: $before, filter: $f) {
            edges { cursor node { id amount } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
        """

    /// Newest first, as the API orders them.
    static func newestFirst(_ records: [TransactionRecord]) -> [String] {
        records.sorted {
            ($0.createdAt, $0.id.uuidString.lowercased()) > ($1.createdAt, $1.id.uuidString.lowercased())
        }.map(gid)
    }

    static func ids(_ result: APIAnswer) -> [String] {
        result.list("transactions.edges").compactMap { ($0["node"] as? [String: Any])?["id"] as? String }
    }

    static func variables(_ pairs: [String: InputValue?]) -> [String: InputValue] {
        pairs.compactMapValues { $0 }
    }

    @Test(arguments: Engine.all)
    func pagesForwardAndBackwardWithoutGapsOrDuplicates(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            var records: [TransactionRecord] = []
            for amount in 1...47 { records.append(try await f.fund(wallet, Int64(amount)).transaction) }
            let expected = Self.newestFirst(records)

            var forward: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let result = try await h.run(
                    Self.page, Self.variables(["first": 10, "after": after.map(InputValue.string)]), as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                forward += Self.ids(result)
                #expect(result.bool("transactions.pageInfo.hasPreviousPage") == (after != nil))
                let hasNext = result.bool("transactions.pageInfo.hasNextPage") ?? false
                #expect(hasNext == (forward.count < 47))
                after = hasNext ? result.string("transactions.pageInfo.endCursor") : nil
                pages += 1
            } while after != nil && pages < 10
            #expect(forward == expected && pages == 5)

            var backward: [String] = []
            var before: String?
            pages = 0
            repeat {
                let result = try await h.run(
                    Self.page, Self.variables(["last": 10, "before": before.map(InputValue.string)]), as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                backward = Self.ids(result) + backward
                #expect(result.bool("transactions.pageInfo.hasNextPage") == (before != nil))
                let hasPrevious = result.bool("transactions.pageInfo.hasPreviousPage") ?? false
                #expect(hasPrevious == (backward.count < 47))
                #expect(result.string("transactions.pageInfo.startCursor") == result.string("transactions.edges.0.cursor"))
                before = hasPrevious ? result.string("transactions.pageInfo.startCursor") : nil
                pages += 1
            } while before != nil && pages < 10
            #expect(backward == expected && pages == 5)

            // The default page is 20, and `after` with `before` bounds both sides.
            let first = try await h.run(Self.page, as: alice)
            #expect(Self.ids(first) == Array(expected.prefix(20)))
            let edges = first.list("transactions.edges")
            let window = try await h.run(
                Self.page,
                [
                    "after": .string(edges[2]["cursor"] as? String ?? ""),
                    "before": .string(edges[8]["cursor"] as? String ?? ""),
                ], as: alice)
            #expect(Self.ids(window) == Array(expected[3..<8]))
        }
    }

    @Test(arguments: Engine.all)
    func pagesStayStableWhenTransactionsAreInserted(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            var records: [TransactionRecord] = []
            for amount in 1...30 { records.append(try await f.fund(wallet, Int64(amount)).transaction) }
            let expected = Self.newestFirst(records)
            let first = try await h.run(Self.page, ["first": 10], as: alice)
            #expect(Self.ids(first) == Array(expected.prefix(10)))
            var inserted: [TransactionRecord] = []
            for _ in 0..<5 { inserted.append(try await f.fund(wallet, 1000).transaction) }
            let endCursor = try #require(first.string("transactions.pageInfo.endCursor"))
            let second = try await h.run(Self.page, ["first": 10, "after": .string(endCursor)], as: alice)
            #expect(Self.ids(second) == Array(expected[10..<20]))
            // Going back from the first page now finds the new ones.
            let startCursor = try #require(first.string("transactions.pageInfo.startCursor"))
            let newer = try await h.run(Self.page, ["last": 10, "before": .string(startCursor)], as: alice)
            #expect(Self.ids(newer) == Self.newestFirst(inserted))
            #expect(newer.bool("transactions.pageInfo.hasPreviousPage") == false)
            #expect(newer.bool("transactions.pageInfo.hasNextPage") == true)
        }
    }

    @Test(arguments: Engine.all)
    func everyFilterFieldNarrowsTheList(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let idr = try await f.wallet(alice)
            let second = try await f.wallet(alice, label: "Second")
            let gold = try await f.wallet(alice, "GOLD")
            let bobWallet = try await f.wallet(bob)
            let topUp = try await f.fund(idr, 1000)  // IDR 1000
            let goldTopUp = try await f.fund(gold, 15000)  // GOLD 1.5000
            let midpoint = Date()
            try await Task.sleep(for: .milliseconds(5))
            let transfer = try await f.transfer(300, from: idr, to: bobWallet, by: alice)  // IDR 300
            let spend = try await f.ledger.spend(
                MoneyRequest(walletID: gold.id, amount: 5, idempotencyKey: "s1"), by: alice)  // GOLD 0.0005
            let secondTopUp = try await f.fund(second, 2)  // IDR 2
            let query = #"query($f: TransactionFilter) { transactions(first: 100, filter: $f) { totalCount edges { node { id } } } }"#
            func matching(_ filter: [String: InputValue]) async throws -> Set<String> {
                let result = try await h.run(query, ["f": .object(.init(uniqueKeysWithValues: filter.map { ($0, $1) }))], as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                let ids = Set(Self.ids(result))
                #expect(result.int("transactions.totalCount") == ids.count)
                return ids
            }
            let all: Set = [topUp, goldTopUp, transfer, spend, secondTopUp].map { gid($0.transaction) }.reduce(into: []) { $0.insert($1) }
            #expect(try await matching([:]) == all)
            #expect(try await matching(["types": [], "statuses": []]) == all)
            #expect(try await matching(["types": ["TRANSFER", "SPEND"]]) == [gid(transfer.transaction), gid(spend.transaction)])
            #expect(try await matching(["statuses": ["COMPLETED"]]) == all)
            #expect(try await matching(["statuses": ["PENDING", "FAILED"]]).isEmpty)
            #expect(try await matching(["walletId": .string(gid(second))]) == [gid(secondTopUp.transaction)])
            #expect(try await matching(["walletId": .string(gid(gold))]) == [gid(goldTopUp.transaction), gid(spend.transaction)])
            let stamp = InputValue.string(DateTimeFormat.format(midpoint))
            #expect(try await matching(["createdAfter": stamp]) == [gid(transfer.transaction), gid(spend.transaction), gid(secondTopUp.transaction)])
            #expect(try await matching(["createdBefore": stamp]) == [gid(topUp.transaction), gid(goldTopUp.transaction)])
            let exact = InputValue.string(DateTimeFormat.format(transfer.transaction.createdAt))
            #expect(try await matching(["createdAfter": exact, "createdBefore": exact]).isEmpty)
            #expect(try await matching(["createdAfter": exact]).contains(gid(transfer.transaction)))
            // Amounts in each transaction's own asset: 1.5 keeps GOLD 1.5000 and IDR 300 and 1000, not IDR 2.
            #expect(try await matching(["minAmount": "1.5"]) == [gid(topUp.transaction), gid(goldTopUp.transaction), gid(transfer.transaction), gid(secondTopUp.transaction)])
            // 0.5 rounds up to 1 in IDR and stays 0.5000 in GOLD.
            #expect(try await matching(["minAmount": "0.5", "maxAmount": "2"]) == [gid(goldTopUp.transaction), gid(secondTopUp.transaction)])
            #expect(try await matching(["maxAmount": "0.0005"]) == [gid(spend.transaction)])
            #expect(try await matching(["maxAmount": "1.99999"]) == [gid(goldTopUp.transaction), gid(spend.transaction)])
            #expect(try await matching(["minAmount": 300, "maxAmount": 300]) == [gid(transfer.transaction)])
            #expect(try await matching(["minAmount": "99999999999999999999999"]).isEmpty)
            #expect(try await matching(["maxAmount": "-5"]).isEmpty)
            #expect(try await matching(["minAmount": "-99999999999999999999999"]) == all)
        }
    }

    @Test(arguments: Engine.all)
    func badPageArgumentsAreBadUserInput(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let walletID = gid(try await h.f.wallet(alice))
            let cases: [[String: InputValue]] = [
                ["first": 101], ["first": -1], ["last": 101], ["last": -1], ["first": 1, "last": 1],
                ["after": "bm9wZQ"], ["before": "!!"], ["after": .string(walletID)],
            ]
            for variables in cases {
                let result = try await h.run(Self.page, variables, as: alice)
                #expect(result.errorCodes == ["BAD_USER_INPUT"], "\(variables): \(result.json)")
                let message = result.errors.first?["message"] as? String ?? ""
                #expect(!message.isEmpty)
            }
            let nested = try await h.run("{ wallets { entries(first: 500) { totalCount } } }", as: alice)
            #expect(nested.errorCodes == ["BAD_USER_INPUT"])
            #expect(try await h.run(Self.page, ["first": 100], as: alice).errors.isEmpty)
            #expect(try await h.run(Self.page, ["first": 0], as: alice).errors.isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func aFiftyItemPageWithNestedOwnersCostsFourStatements(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let from = try await f.wallet(alice)
            let to = try await f.wallet(bob)
            try await f.fund(from, 10_000)
            for _ in 0..<55 { try await f.transfer(3, from: from, to: to, by: alice) }
            _ = try await h.run("{ assets { code } }", token: nil)  // the process's asset cache, as in a server
            let query = """
                { transactions(first: 50) { edges { node { amount entries { amount wallet { balance owner { name } } } } } } }
                """
            for viewer in [alice, f.admin] {
                let result = try await h.run(query, as: viewer)
                #expect(result.errors.isEmpty, "\(result.errors)")
                #expect(result.list("transactions.edges").count == 50)
                #expect(result.statementCount <= 4, "\(result.statementCount) statements")
                print("statements for a 50-item page with entries/wallet/owner (\(engine), \(viewer.role)): \(result.statementCount)")
            }
            let mine = try await h.run(query, as: alice)
            #expect(mine.string("transactions.edges.0.node.entries.0.wallet.owner.name") == "Alice")
            #expect(mine.list("transactions.edges.0.node.entries").count == 1)
            // Each connection page and each totalCount is one statement per level: the page and count of
            // Query.transactions, the wallets, and a page and a count each of their transactions and entries.
            let counted = try await h.run(
                "{ transactions(first: 50) { totalCount } wallets { transactions(first: 5) { totalCount edges { node { id } } } entries(first: 5) { totalCount } } }",
                as: alice)
            #expect(counted.errors.isEmpty, "\(counted.errors)")
            #expect(counted.int("transactions.totalCount") == 56)
            #expect(counted.int("wallets.0.transactions.totalCount") == 56 && counted.int("wallets.0.entries.totalCount") == 56)
            #expect(counted.list("wallets.0.transactions.edges").count == 5)
            #expect(counted.statementCount == 7, "\(counted.statementCount) statements")
        }
    }
}
