import DatabaseTestSupport
import Foundation
import Testing

/// The main flows over real HTTP, on both engines: sign up, wallet, top-up, transfer by id and by username,
/// history pages, retries.
@Suite("End to end: flows")
struct EndToEndFlowTests {
    @Test("sign up, open a wallet, top up, transfer by id and by username, read the history", arguments: Engine.all)
    func happyPath(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let dewi = try await server.signUp("dewi")
            let created = try await server.graphql(
                """
                mutation { createWallet(input: {assetCode: "IDR", label: "Harian"}) {
                  wallet { id label isDefault balance version status asset { code scale } } userErrors { code } } }
                """, token: dewi)
            #expect(created.status == 200)
            #expect(created.userErrorCodes("createWallet").isEmpty)
            #expect(created.string("createWallet.wallet.label") == "Harian")
            #expect(created.data("createWallet.wallet.isDefault") as? Bool == true)
            #expect(created.string("createWallet.wallet.balance") == "0")
            #expect(created.string("createWallet.wallet.version") == "0")
            let dewiWallet = try #require(created.string("createWallet.wallet.id"))

            // Self top-up is on in development.
            let topUp = try await server.graphql(
                """
                mutation($w: ID!) { topUp(input: {walletId: $w, amount: "250000", idempotencyKey: "dewi-topup-1"}) {
                  transaction { id type status amount asset { code } entries { amount balanceAfter walletVersion wallet { id } } }
                  userErrors { code } } }
                """, variables: ["w": dewiWallet], token: dewi)
            #expect(topUp.userErrorCodes("topUp").isEmpty, "\(topUp.body)")
            #expect(topUp.string("topUp.transaction.type") == "TOP_UP")
            #expect(topUp.string("topUp.transaction.status") == "COMPLETED")
            #expect(topUp.string("topUp.transaction.amount") == "250000")
            let topUpEntries = (topUp.data("topUp.transaction.entries") as? [[String: Any]]) ?? []
            #expect(topUpEntries.count == 1, "a user sees only the entry on their own wallet")
            #expect(topUpEntries.first?["balanceAfter"] as? String == "250000")

            // Transfer by wallet id to alice's IDR wallet (seeded), then by username to bob.
            let alice = try await server.signIn("alice", "password123")
            let aliceIDR = try await server.wallet(alice, asset: "IDR")
            let byID = try await server.graphql(
                """
                mutation($from: ID!, $to: ID!) { transfer(input: {fromWalletId: $from, toWalletId: $to, amount: "1000",
                  idempotencyKey: "dewi-to-alice", description: "makan siang"}) {
                  transaction { id type amount description counterparty { username name } } userErrors { code } } }
                """, variables: ["from": dewiWallet, "to": aliceIDR.id], token: dewi)
            #expect(byID.userErrorCodes("transfer").isEmpty, "\(byID.body)")
            #expect(byID.string("transfer.transaction.type") == "TRANSFER")
            #expect(byID.string("transfer.transaction.description") == "makan siang")
            #expect(byID.string("transfer.transaction.counterparty.username") == "alice")

            let bob = try await server.signIn("bob", "password456")
            let bobBefore = try await server.wallet(bob, asset: "IDR")
            let byName = try await server.graphql(
                """
                mutation($from: ID!) { transfer(input: {fromWalletId: $from, toUsername: "bob", amount: "2500",
                  idempotencyKey: "dewi-to-bob"}) { transaction { id amount } userErrors { code } } }
                """, variables: ["from": dewiWallet], token: dewi)
            #expect(byName.userErrorCodes("transfer").isEmpty, "\(byName.body)")
            let bobAfter = try await server.wallet(bob, asset: "IDR")
            #expect(Int64(bobAfter.balance)! - Int64(bobBefore.balance)! == 2500)
            let aliceAfter = try await server.wallet(alice, asset: "IDR")
            #expect(Int64(aliceAfter.balance)! - Int64(aliceIDR.balance)! == 1000)

            // Dewi's balance and history: newest first.
            let history = try await server.graphql(
                """
                { wallets { balance version } transactions(first: 10) { totalCount
                  edges { cursor node { type amount counterparty { username } } }
                  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
                """, token: dewi)
            #expect(history.string("wallets.0.balance") == "246500")
            #expect(history.string("wallets.0.version") == "3")
            #expect(history.data("transactions.totalCount") as? Int == 3)
            let types = ((history.data("transactions.edges") as? [[String: Any]]) ?? []).compactMap {
                ($0["node"] as? [String: Any])?["type"] as? String
            }
            #expect(types == ["TRANSFER", "TRANSFER", "TOP_UP"])
            #expect(history.string("transactions.edges.0.node.counterparty.username") == "bob")
            #expect(history.data("transactions.pageInfo.hasNextPage") as? Bool == false)

            // The ledger still balances.
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            let report = try await server.graphql("{ reconcile { isClean problems } }", token: admin)
            #expect(report.data("reconcile.isClean") as? Bool == true, "\(report.body)")
        }
    }

    @Test("the seeded demo: alice, bob and charlie sign in and hold IDR and GOLD wallets", arguments: Engine.all)
    func seededDemo(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            for (username, password) in [("alice", "password123"), ("bob", "password456"), ("charlie", "password789")] {
                let token = try await server.signIn(username, password)
                let wallets = try await server.wallets(token)
                #expect(Set(wallets.map(\.asset)) == ["IDR", "GOLD"], "\(username)")
                #expect(wallets.contains { $0.asset == "IDR" && (Int64($0.balance) ?? 0) > 0 }, "\(username) was topped up")
            }
            let assets = try await server.graphql("{ assets { code scale name } }")
            let codes = ((assets.data("assets") as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("IDR") && codes.contains("GOLD"))
        }
    }

    @Test("a retry with the same idempotency key returns the same transaction and moves money once", arguments: Engine.all)
    func retries(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let from = try await server.wallet(alice, asset: "IDR")
            let bob = try await server.signIn("bob", "password456")
            let bobBefore = try await server.wallet(bob, asset: "IDR")
            let mutation = """
                mutation($from: ID!) { transfer(input: {fromWalletId: $from, toUsername: "bob", amount: "700",
                  idempotencyKey: "retry-1"}) { transaction { id } userErrors { code } } }
                """
            var ids: [String] = []
            for _ in 0..<3 {
                let answer = try await server.graphql(mutation, variables: ["from": from.id], token: alice)
                ids.append(try #require(answer.string("transfer.transaction.id"), "\(answer.body)"))
            }
            #expect(Set(ids).count == 1)
            let bobAfter = try await server.wallet(bob, asset: "IDR")
            #expect(Int64(bobAfter.balance)! - Int64(bobBefore.balance)! == 700)

            // The same key with a different amount is a conflict, and writes nothing.
            let before = try await server.footprint()
            let conflict = try await server.graphql(
                """
                mutation($from: ID!) { transfer(input: {fromWalletId: $from, toUsername: "bob", amount: "701",
                  idempotencyKey: "retry-1"}) { transaction { id } userErrors { code field } } }
                """, variables: ["from": from.id], token: alice)
            #expect(conflict.userErrorCodes("transfer") == ["IDEMPOTENCY_CONFLICT"])
            #expect(try await server.footprint() == before)
        }
    }

    @Test("history pages forward and backward without gaps or duplicates", arguments: Engine.all)
    func historyPages(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let eka = try await server.signUp("eka")
            let created = try await server.graphql(
                #"mutation { createWallet(input: {assetCode: "IDR"}) { wallet { id } } }"#, token: eka)
            let wallet = try #require(created.string("createWallet.wallet.id"))
            for index in 0..<25 {
                let answer = try await server.graphql(
                    """
                    mutation($w: ID!, $k: String!) { topUp(input: {walletId: $w, amount: "\(index + 1)", idempotencyKey: $k}) {
                      userErrors { code } } }
                    """, variables: ["w": wallet, "k": "page-\(index)"], token: eka)
                #expect(answer.userErrorCodes("topUp").isEmpty)
            }
            // Forward, 7 at a time.
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let answer = try await server.graphql(
                    """
                    query($after: String) { transactions(first: 7, after: $after) {
                      edges { cursor node { amount } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }
                    """, variables: after.map { ["after": $0] } ?? [:], token: eka)
                #expect(answer.data("transactions.totalCount") as? Int == 25)
                let edges = (answer.data("transactions.edges") as? [[String: Any]]) ?? []
                seen += edges.compactMap { ($0["node"] as? [String: Any])?["amount"] as? String }
                pages += 1
                after = (answer.data("transactions.pageInfo.hasNextPage") as? Bool == true)
                    ? answer.string("transactions.pageInfo.endCursor") : nil
            } while after != nil && pages < 10
            #expect(pages == 4)
            #expect(seen == (1...25).reversed().map(String.init), "newest first, each once")

            // Backward from the end, 10 at a time.
            var backward: [String] = []
            var before: String?
            pages = 0
            repeat {
                let answer = try await server.graphql(
                    """
                    query($before: String) { transactions(last: 10, before: $before) {
                      edges { node { amount } } pageInfo { hasPreviousPage startCursor } } }
                    """, variables: before.map { ["before": $0] } ?? [:], token: eka)
                let edges = (answer.data("transactions.edges") as? [[String: Any]]) ?? []
                backward = edges.compactMap { ($0["node"] as? [String: Any])?["amount"] as? String } + backward
                pages += 1
                before = (answer.data("transactions.pageInfo.hasPreviousPage") as? Bool == true)
                    ? answer.string("transactions.pageInfo.startCursor") : nil
            } while before != nil && pages < 10
            #expect(pages == 3)
            #expect(backward == seen)

            // first over 100 is refused with a stable code.
            let tooMany = try await server.graphql("{ transactions(first: 101) { totalCount } }", token: eka)
            #expect(tooMany.errorCodes == ["BAD_USER_INPUT"])
        }
    }
}
