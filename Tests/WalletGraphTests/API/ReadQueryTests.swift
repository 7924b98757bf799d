import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// Every Query field of the read side, on both engines, through `WalletAPI.execute`.
@Suite struct ReadQueryTests {
    @Test(arguments: Engine.all)
    func meAndWalletsShowTheViewersOwnData(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let idr = try await f.wallet(alice)
            let gold = try await f.wallet(alice, "GOLD", label: "Bars")
            try await f.fund(idr, 1500)
            try await f.fund(gold, 12345)
            let result = try await h.run(
                """
                { me { id username name email phone role createdAt wallets { label } }
                  wallets { id label balance version status isDefault createdAt asset { code scale }
                            owner { username email } } }
                """, as: alice)
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(result.string("me.username") == "alice" && result.string("me.email") == "alice@example.com")
            #expect(result.string("me.phone") == "+6281234567890" && result.string("me.role") == "USER")
            #expect(result.string("me.id") == GlobalID.encode(.user, alice.userID))
            #expect(result.list("me.wallets").map { $0["label"] as? String } == ["IDR wallet", "Bars"])
            let wallets = result.list("wallets")
            #expect(wallets.count == 2)
            #expect(result.string("wallets.0.balance") == "1500" && result.string("wallets.1.balance") == "1.2345")
            #expect(result.string("wallets.0.version") == "1" && result.string("wallets.0.status") == "ACTIVE")
            #expect(result.bool("wallets.0.isDefault") == true && result.string("wallets.1.asset.code") == "GOLD")
            #expect(result.int("wallets.1.asset.scale") == 4 && result.string("wallets.0.owner.username") == "alice")
            #expect(result.string("wallets.0.id") == gid(idr))
            #expect(DateTimeFormat.parse(result.string("wallets.0.createdAt") ?? "") != nil)
        }
    }

    @Test(arguments: Engine.all)
    func assetsAreOpenWithoutAToken(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let result = try await h.run(
                #"{ assets { id code name scale } asset(code: "gold") { code scale } missing: asset(code: "USD") { code } }"#,
                token: nil)
            #expect(result.outcome == .executed && result.errors.isEmpty, "\(result.errors)")
            #expect(result.list("assets").map { $0["code"] as? String } == ["GOLD", "IDR"])
            #expect(result.string("asset.code") == "GOLD" && result.int("asset.scale") == 4)
            #expect(result.isNull("missing"))
            let introspection = try await h.run("{ __schema { queryType { name } } }", token: nil)
            #expect(introspection.string("__schema.queryType.name") == "Query")
        }
    }

    @Test(arguments: Engine.all)
    func everyOtherFieldNeedsAToken(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let id = GlobalID.encode(.wallet, UUID())
            for query in [
                "{ me { id } }", "{ wallets { id } }", #"{ wallet(id: "\#(id)") { id } }"#,
                #"{ transaction(id: "\#(id)") { id } }"#, "{ transactions { totalCount } }",
                #"{ node(id: "\#(id)") { id } }"#, "{ reconcile { isClean } }",
            ] {
                let result = try await h.run(query, token: nil)
                #expect(result.errorCodes == ["UNAUTHENTICATED"], "\(query): \(result.json)")
            }
        }
    }

    @Test(arguments: Engine.all)
    func transactionShowsItsFieldsEntriesAndCounterparty(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let from = try await f.wallet(alice)
            let to = try await f.wallet(bob)
            try await f.fund(from, 1000)
            let receipt = try await f.ledger.transfer(
                TransferRequest(
                    fromWalletID: from.id, destination: .username("bob"), amount: 250, idempotencyKey: "k1",
                    description: "lunch"),
                by: alice)
            let query = """
                query($id: ID!) { transaction(id: $id) { id idempotencyKey type status amount description createdAt
                  asset { code } counterparty { username name }
                  entries { id amount balanceAfter walletVersion createdAt wallet { id } transaction { id } } } }
                """
            let variables: [String: InputValue] = ["id": .string(gid(receipt.transaction))]
            let seenByAlice = try await h.run(query, variables, as: alice)
            #expect(seenByAlice.errors.isEmpty, "\(seenByAlice.errors)")
            #expect(seenByAlice.string("transaction.type") == "TRANSFER")
            #expect(seenByAlice.string("transaction.status") == "COMPLETED")
            #expect(seenByAlice.string("transaction.amount") == "250")
            #expect(seenByAlice.string("transaction.description") == "lunch")
            #expect(seenByAlice.string("transaction.idempotencyKey") == "k1")
            #expect(seenByAlice.string("transaction.asset.code") == "IDR")
            #expect(seenByAlice.string("transaction.counterparty.username") == "bob")
            #expect(seenByAlice.string("transaction.counterparty.name") == "Bob")
            // Alice sees her own entry only.
            let aliceEntries = seenByAlice.list("transaction.entries")
            #expect(aliceEntries.count == 1)
            #expect(seenByAlice.string("transaction.entries.0.amount") == "-250")
            #expect(seenByAlice.string("transaction.entries.0.balanceAfter") == "750")
            #expect(seenByAlice.string("transaction.entries.0.walletVersion") == "2")
            #expect(seenByAlice.string("transaction.entries.0.wallet.id") == gid(from))
            #expect(seenByAlice.string("transaction.entries.0.transaction.id") == gid(receipt.transaction))

            let seenByBob = try await h.run(query, variables, as: bob)
            #expect(seenByBob.string("transaction.counterparty.username") == "alice")
            #expect(seenByBob.list("transaction.entries").count == 1)
            #expect(seenByBob.string("transaction.entries.0.wallet.id") == gid(to))

            let seenByAdmin = try await h.run(query, variables, as: f.admin)
            #expect(seenByAdmin.string("transaction.counterparty.username") == "bob")
            #expect(seenByAdmin.list("transaction.entries").count == 2)

            // A top-up has no counterparty.
            let topUp = try await f.fund(from, 5)
            let plain = try await h.run(query, ["id": .string(gid(topUp.transaction))], as: alice)
            #expect(plain.string("transaction.type") == "TOP_UP" && plain.isNull("transaction.counterparty"))
        }
    }

    @Test(arguments: Engine.all)
    func nodeResolvesEveryKind(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice, "GOLD")
            let receipt = try await f.fund(wallet, 50)
            let entry = try #require(receipt.entries.first { $0.walletID == wallet.id })
            let query = """
                query($id: ID!) { node(id: $id) { __typename id
                  ... on Wallet { balance } ... on Transaction { amount } ... on LedgerEntry { amount }
                  ... on User { username } ... on Asset { code } } }
                """
            let cases: [(String, String, String?)] = [
                (gid(wallet), "Wallet", "0.0050"), (gid(receipt.transaction), "Transaction", "0.0050"),
                (GlobalID.encode(.ledgerEntry, entry.id), "LedgerEntry", "0.0050"),
                (GlobalID.encode(.user, alice.userID), "User", nil), (GlobalID.encode(.asset, f.gold.id), "Asset", nil),
            ]
            for (id, typename, amount) in cases {
                let result = try await h.run(query, ["id": .string(id)], as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                #expect(result.string("node.__typename") == typename && result.string("node.id") == id)
                if let amount {
                    let shown: String? = result.string("node.balance") ?? result.string("node.amount")
                    #expect(shown == amount, "\(typename)")
                }
            }
            #expect(try await h.run(query, ["id": "not-an-id"], as: alice).isNull("node"))
        }
    }

    @Test(arguments: Engine.all)
    func reconcileIsForAdminsOnly(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            try await f.fund(try await f.wallet(alice), 100)
            let query = "{ reconcile { isClean checkedAt assets wallets transactions entries problems summary } }"
            #expect(try await h.run(query, as: alice).errorCodes == ["FORBIDDEN"])
            #expect(try await h.run(query, as: f.gateway).errorCodes == ["FORBIDDEN"])
            let report = try await h.run(query, as: f.admin)
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.bool("reconcile.isClean") == true && report.string("reconcile.transactions") == "1")
            #expect(report.string("reconcile.entries") == "2" && report.string("reconcile.assets") == "2")
            #expect((report.data("reconcile.problems") as? [Any])?.isEmpty == true)
            #expect(report.string("reconcile.summary")?.hasSuffix("clean") == true)
        }
    }

    @Test(arguments: Engine.all)
    func aBalanceEqualsItsEntriesInOneSnapshot(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let wallet = try await f.wallet(alice)
            let other = try await f.wallet(bob)
            try await f.fund(wallet, 10_000)
            // Writers run while the reads do; each read must still agree with itself.
            let writer = Task {
                for _ in 0..<15 {
                    try await f.transfer(7, from: wallet, to: other, by: alice)
                    try await f.fund(wallet, 3)
                }
            }
            for _ in 0..<8 {
                let result = try await h.run(
                    #"query($id: ID!) { wallet(id: $id) { balance version entries(first: 100) { totalCount edges { node { amount } } } } }"#,
                    ["id": .string(gid(wallet))], as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                let amounts = result.list("wallet.entries.edges").compactMap {
                    (($0["node"] as? [String: Any])?["amount"] as? String).flatMap { Int64($0) }
                }
                #expect(String(amounts.reduce(0, +)) == result.string("wallet.balance"))
                #expect(String(amounts.count) == result.string("wallet.version"))
                #expect(result.int("wallet.entries.totalCount") == amounts.count)
            }
            try await writer.value
        }
    }
}
