import DatabaseTestSupport
import Foundation
import Testing
import WalletGraph

/// Another user's wallet, transaction or entry behaves exactly as a missing one, for every field that reads or
/// debits a wallet by id; paying into it reveals nothing beyond success.
@Suite("End to end: other users' objects")
struct EndToEndIDORTests {
    @Test("reads: another user's wallet, transaction and entry are null, like missing ones", arguments: Engine.all)
    func reads(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let bob = try await server.signIn("bob", "password456")
            let bobWallet = try await server.wallet(bob, asset: "IDR").id
            let bobView = try await server.graphql(
                """
                query($w: ID!) { wallet(id: $w) { entries(first: 1) { edges { node { id transaction { id } } } } } }
                """, variables: ["w": bobWallet], token: bob)
            let bobEntry = try #require(bobView.string("wallet.entries.edges.0.node.id"), "\(bobView.body)")
            let bobTransaction = try #require(bobView.string("wallet.entries.edges.0.node.transaction.id"))
            let missingWallet = GlobalID.encode(.wallet, UUID())

            for id in [bobWallet, missingWallet, "garbage", bobTransaction] {
                let answer = try await server.graphql(
                    "query($id: ID!) { wallet(id: $id) { id balance } node(id: $id) { id } }", variables: ["id": id],
                    token: alice)
                #expect(answer.errorCodes.isEmpty, "\(answer.body)")
                #expect(answer.data("wallet") == nil && answer.data("node") == nil, "\(id): \(answer.body)")
            }
            for id in [bobTransaction, bobEntry] {
                let answer = try await server.graphql(
                    "query($id: ID!) { transaction(id: $id) { id } node(id: $id) { id } }", variables: ["id": id], token: alice)
                #expect(answer.errorCodes.isEmpty)
                #expect(answer.data("transaction") == nil && answer.data("node") == nil, "\(id): \(answer.body)")
            }
            let filtered = try await server.graphql(
                "query($w: ID!) { transactions(filter: {walletId: $w}) { totalCount edges { node { id } } } }",
                variables: ["w": bobWallet], token: alice)
            #expect(filtered.data("transactions.totalCount") as? Int == 0, "\(filtered.body)")
            #expect((filtered.data("transactions.edges") as? [Any])?.isEmpty == true)

            // Bob sees his own; the admin sees everything.
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            for token in [bob, admin] {
                let answer = try await server.graphql(
                    "query($w: ID!, $t: ID!) { wallet(id: $w) { id owner { username } } transaction(id: $t) { id } }",
                    variables: ["w": bobWallet, "t": bobTransaction], token: token)
                #expect(answer.string("wallet.id") == bobWallet, "\(answer.body)")
                #expect(answer.string("wallet.owner.username") == "bob")
                #expect(answer.string("transaction.id") == bobTransaction)
            }
        }
    }

    @Test("debits and changes: another user's wallet is WALLET_NOT_FOUND, exactly as a missing one, and nothing is written", arguments: Engine.all)
    func writes(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let bob = try await server.signIn("bob", "password456")
            let aliceWallet = try await server.wallet(alice, asset: "IDR").id
            let bobWallet = try await server.wallet(bob, asset: "IDR").id
            let missingWallet = GlobalID.encode(.wallet, UUID())
            let mutations: [(String, String, [String: Any])] = [
                ("spend", #"mutation($w: ID!) { spend(input: {walletId: $w, amount: "10", idempotencyKey: "idor-spend"}) { transaction { id } userErrors { code message field } } }"#, [:]),
                ("topUp", #"mutation($w: ID!) { topUp(input: {walletId: $w, amount: "10", idempotencyKey: "idor-topup"}) { transaction { id } userErrors { code message field } } }"#, [:]),
                ("transfer", #"mutation($w: ID!, $to: ID!) { transfer(input: {fromWalletId: $w, toWalletId: $to, amount: "10", idempotencyKey: "idor-transfer"}) { transaction { id } userErrors { code message field } } }"#, ["to": aliceWallet]),
                ("setDefaultWallet", #"mutation($w: ID!) { setDefaultWallet(walletId: $w) { wallet { id } userErrors { code message field } } }"#, [:]),
            ]
            let before = try await server.footprint()
            for (field, mutation, extra) in mutations {
                var answers: [[SeenUserError]] = []
                for target in [bobWallet, missingWallet] {
                    let answer = try await server.graphql(mutation, variables: extra.merging(["w": target]) { $1 }, token: alice)
                    #expect(answer.errorCodes.isEmpty, "\(field): \(answer.body)")
                    #expect(answer.userErrorCodes(field) == ["WALLET_NOT_FOUND"], "\(field): \(answer.body)")
                    #expect(answer.data("\(field).transaction") == nil && answer.data("\(field).wallet") == nil)
                    answers.append(answer.userErrors(field))
                }
                #expect(
                    answers[0] == answers[1],
                    "\(field): another user's wallet must be indistinguishable from a missing one")
            }
            let freeze = try await server.graphql(
                "mutation($w: ID!) { freezeWallet(walletId: $w) { wallet { id } userErrors { code } } }",
                variables: ["w": bobWallet], token: alice)
            #expect(freeze.errorCodes == ["FORBIDDEN"], "\(freeze.body)")
            let bonus = try await server.graphql(
                #"mutation($w: ID!) { grantBonus(input: {walletId: $w, amount: "10", idempotencyKey: "idor-bonus"}) { transaction { id } userErrors { code } } }"#,
                variables: ["w": aliceWallet], token: alice)
            #expect(bonus.errorCodes == ["FORBIDDEN"], "\(bonus.body)")
            #expect(try await server.footprint() == before)
        }
    }

    @Test("paying into another user's wallet works and reveals only the payee's name", arguments: Engine.all)
    func payInto(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let bob = try await server.signIn("bob", "password456")
            let aliceWallet = try await server.wallet(alice, asset: "IDR").id
            let bobWallet = try await server.wallet(bob, asset: "IDR").id
            let answer = try await server.graphql(
                """
                mutation($from: ID!, $to: ID!) { transfer(input: {fromWalletId: $from, toWalletId: $to, amount: "5",
                  idempotencyKey: "pay-bob"}) { transaction { id entries { amount wallet { id owner { username } } }
                  counterparty { username name } } userErrors { code } } }
                """, variables: ["from": aliceWallet, "to": bobWallet], token: alice)
            #expect(answer.userErrorCodes("transfer").isEmpty, "\(answer.body)")
            let entries = (answer.data("transfer.transaction.entries") as? [[String: Any]]) ?? []
            #expect(entries.count == 1, "only alice's own entry: \(answer.body)")
            #expect((entries.first?["amount"] as? String) == "-5")
            #expect(answer.string("transfer.transaction.counterparty.username") == "bob")
            // An amount beyond the payer's balance gets the same answer whether the destination exists or not.
            for (key, destination) in [
                ("toWalletId", bobWallet), ("toWalletId", GlobalID.encode(.wallet, UUID())), ("toUsername", "bob"),
                ("toUsername", "nobody-by-this-name"),
            ] {
                let probe = try await server.graphql(
                    """
                    mutation($from: ID!, $to: String!) { transfer(input: {fromWalletId: $from, \(key): $to,
                      amount: "900000000000", idempotencyKey: "probe-\(destination)"}) { userErrors { code field } } }
                    """.replacingOccurrences(of: "$to: String!", with: key == "toWalletId" ? "$to: ID!" : "$to: String!"),
                    variables: ["from": aliceWallet, "to": destination], token: alice)
                #expect(probe.userErrorCodes("transfer") == ["INSUFFICIENT_BALANCE"], "\(key) \(destination): \(probe.body)")
            }
            // The payee's wallet stays unreadable.
            let peek = try await server.graphql("query($w: ID!) { wallet(id: $w) { balance } }", variables: ["w": bobWallet], token: alice)
            #expect(peek.data("wallet") == nil)
        }
    }
}
