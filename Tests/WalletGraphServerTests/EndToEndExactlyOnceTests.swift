import DatabaseTestSupport
import Foundation
import Testing

/// The exactly-once contract as a client sees it over HTTP (docs/ledger.md, "Exactly once"): a key with a stored
/// result returns that result whatever changed since, a key reused with other input is IDEMPOTENCY_CONFLICT, and
/// identical concurrent requests all name one transaction.
@Suite("End to end: exactly once")
struct EndToEndExactlyOnceTests {
    static let transfer = """
        mutation($f: ID!, $t: ID, $u: String, $a: Decimal!, $k: String!) {
          transfer(input: {fromWalletId: $f, toWalletId: $t, toUsername: $u, amount: $a, idempotencyKey: $k}) {
            transaction { id amount } userErrors { code field message } } }
        """

    static let spend = """
        mutation($w: ID!, $a: Decimal!, $k: String!) {
          spend(input: {walletId: $w, amount: $a, idempotencyKey: $k}) { transaction { id } userErrors { code field } } }
        """

    /// A fresh user with `amount` IDR, topped up by the admin; returns the token and the IDR wallet id.
    static func funded(_ server: LiveServer, _ name: String, amount: String) async throws -> (String, String) {
        let token = try await server.signUp(name)
        let wallet = try await createWallet(server, token, asset: "IDR")
        let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
        let top = try await server.graphql(
            """
            mutation($w: ID!, $a: Decimal!, $k: String!) {
              topUp(input: {walletId: $w, amount: $a, idempotencyKey: $k}) { transaction { id } userErrors { code } } }
            """, variables: ["w": wallet, "a": amount, "k": "fund-\(name)"], token: admin)
        guard top.string("topUp.transaction.id") != nil else { throw E2EFailure("top-up failed: \(top.body)") }
        return (token, wallet)
    }

    /// A new wallet of the viewer's in `asset`; returns its id.
    static func createWallet(_ server: LiveServer, _ token: String, asset: String) async throws -> String {
        let created = try await server.graphql(
            "mutation($a: String!) { createWallet(input: {assetCode: $a}) { wallet { id } userErrors { code } } }",
            variables: ["a": asset], token: token)
        guard let id = created.string("createWallet.wallet.id") else { throw E2EFailure("createWallet: \(created.body)") }
        return id
    }

    @Test("a retry after the balance was spent returns the stored transfer, not INSUFFICIENT_BALANCE", arguments: Engine.all)
    func retryAfterSpent(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (payer, from) = try await Self.funded(server, "payer1", amount: "1000")
            let (_, to) = try await Self.funded(server, "payee1", amount: "1")
            let variables: [String: Any] = ["f": from, "t": to, "a": "1000", "k": "pay-all"]
            let first = try await server.graphql(Self.transfer, variables: variables, token: payer)
            let id = try #require(first.string("transfer.transaction.id"), "\(first.body)")
            // The whole balance is gone: a retry must still be the same transaction.
            let retry = try await server.graphql(Self.transfer, variables: variables, token: payer)
            #expect(retry.string("transfer.transaction.id") == id, "\(retry.body)")
            #expect(retry.userErrorCodes("transfer").isEmpty, "\(retry.body)")
            // The same key with another amount is a conflict naming it, even beyond the balance.
            var other = variables
            other["a"] = "5000"
            let conflict = try await server.graphql(Self.transfer, variables: other, token: payer)
            #expect(conflict.userErrorCodes("transfer") == ["IDEMPOTENCY_CONFLICT"], "\(conflict.body)")
            #expect(conflict.userErrors("transfer").first?.message ?? "" != "")
            #expect((conflict.userErrors("transfer").first?.message)?.contains("amount") == true, "\(conflict.body)")
            // "1000.0" is not an IDR amount (scale 0), but the key is what is answered first: a conflict.
            other["a"] = "1000.5"
            let overScale = try await server.graphql(Self.transfer, variables: other, token: payer)
            #expect(overScale.userErrorCodes("transfer") == ["IDEMPOTENCY_CONFLICT"], "\(overScale.body)")
            #expect(try await server.wallet(payer, asset: "IDR").balance == "0")
        }
    }

    @Test("a retry after the source or destination was frozen returns the stored transfer", arguments: Engine.all)
    func retryAfterFreeze(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (payer, from) = try await Self.funded(server, "payer2", amount: "500")
            let (_, to) = try await Self.funded(server, "payee2", amount: "1")
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            let byName: [String: Any] = ["f": from, "u": "payee2", "a": "100", "k": "by-name"]
            let byID: [String: Any] = ["f": from, "t": to, "a": "100", "k": "by-id"]
            let first = try await server.graphql(Self.transfer, variables: byName, token: payer)
            let second = try await server.graphql(Self.transfer, variables: byID, token: payer)
            let firstID = try #require(first.string("transfer.transaction.id"), "\(first.body)")
            let secondID = try #require(second.string("transfer.transaction.id"), "\(second.body)")
            for wallet in [from, to] {
                let freeze = try await server.graphql(
                    "mutation($w: ID!) { freezeWallet(walletId: $w) { userErrors { code } } }", variables: ["w": wallet],
                    token: admin)
                #expect(freeze.userErrorCodes("freezeWallet").isEmpty, "\(freeze.body)")
            }
            let again1 = try await server.graphql(Self.transfer, variables: byName, token: payer)
            let again2 = try await server.graphql(Self.transfer, variables: byID, token: payer)
            #expect(again1.string("transfer.transaction.id") == firstID, "\(again1.body)")
            #expect(again2.string("transfer.transaction.id") == secondID, "\(again2.body)")
            // A new key is refused now: the payer's own frozen wallet says so.
            var fresh = byID
            fresh["k"] = "after-freeze"
            let refused = try await server.graphql(Self.transfer, variables: fresh, token: payer)
            #expect(refused.userErrorCodes("transfer") == ["WALLET_FROZEN"], "\(refused.body)")
            #expect(try await server.wallet(payer, asset: "IDR").balance == "300")
        }
    }

    @Test("identical concurrent transfers of the whole balance all name one transaction", arguments: Engine.all)
    func concurrentIdentical(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (payer, from) = try await Self.funded(server, "payer3", amount: "700")
            let (_, to) = try await Self.funded(server, "payee3", amount: "1")
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await server.graphql(
                            Self.transfer, variables: ["f": from, "t": to, "a": "700", "k": "burst"], token: payer)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ids = Set(answers.compactMap { $0.string("transfer.transaction.id") })
            #expect(ids.count == 1, "\(answers.map(\.body))")
            #expect(answers.allSatisfy { $0.userErrorCodes("transfer").isEmpty }, "\(answers.map(\.body))")
            #expect(try await server.wallet(payer, asset: "IDR").balance == "0")
            // The same holds for a spend.
            let (spender, wallet) = try await Self.funded(server, "spender3", amount: "300")
            let spends = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await server.graphql(Self.spend, variables: ["w": wallet, "a": "300", "k": "s"], token: spender)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(spends.compactMap { $0.string("spend.transaction.id") }).count == 1, "\(spends.map(\.body))")
            #expect(spends.allSatisfy { $0.userErrorCodes("spend").isEmpty }, "\(spends.map(\.body))")
        }
    }

    @Test("a refused request stores no key: after a top-up the same key succeeds", arguments: Engine.all)
    func refusedStoresNoKey(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (payer, from) = try await Self.funded(server, "payer4", amount: "10")
            let variables: [String: Any] = ["f": from, "u": "alice", "a": "50", "k": "later"]
            let refused = try await server.graphql(Self.transfer, variables: variables, token: payer)
            #expect(refused.userErrorCodes("transfer") == ["INSUFFICIENT_BALANCE"], "\(refused.body)")
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            _ = try await server.graphql(
                """
                mutation($w: ID!) { topUp(input: {walletId: $w, amount: "100", idempotencyKey: "more"}) { userErrors { code } } }
                """, variables: ["w": from], token: admin)
            let accepted = try await server.graphql(Self.transfer, variables: variables, token: payer)
            #expect(accepted.string("transfer.transaction.id") != nil, "\(accepted.body)")
        }
    }

    @Test("a payer cannot tell a missing destination from an existing one by the answer", arguments: Engine.all)
    func noProbing(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (payer, from) = try await Self.funded(server, "payer5", amount: "100")
            let (other, otherWallet) = try await Self.funded(server, "payee5", amount: "1")
            _ = other
            let goldWallet = try await Self.createWallet(server, payer, asset: "GOLD")
            // Beyond the balance: the same answer for a real user, a missing one, and a malformed username.
            for destination: [String: Any] in [["u": "payee5"], ["u": "nobody-here"], ["u": "!!"], ["t": otherWallet]] {
                var variables: [String: Any] = ["f": from, "a": "1000", "k": "probe-\(UUID())"]
                variables.merge(destination) { _, new in new }
                let answer = try await server.graphql(Self.transfer, variables: variables, token: payer)
                #expect(answer.userErrorCodes("transfer") == ["INSUFFICIENT_BALANCE"], "\(destination): \(answer.body)")
            }
            // Within the balance: another user's frozen wallet is WALLET_NOT_FOUND, as a missing one; the payer's own
            // wallet in another asset says ASSET_MISMATCH.
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            _ = try await server.graphql(
                "mutation($w: ID!) { freezeWallet(walletId: $w) { userErrors { code } } }", variables: ["w": otherWallet],
                token: admin)
            let frozen = try await server.graphql(
                Self.transfer, variables: ["f": from, "t": otherWallet, "a": "5", "k": "frozen"], token: payer)
            #expect(frozen.userErrorCodes("transfer") == ["WALLET_NOT_FOUND"], "\(frozen.body)")
            #expect((frozen.userErrors("transfer").first?.field) == ["input", "toWalletId"])
            let own = try await server.graphql(
                Self.transfer, variables: ["f": from, "t": goldWallet, "a": "5", "k": "own-gold"], token: payer)
            #expect(own.userErrorCodes("transfer") == ["ASSET_MISMATCH"], "\(own.body)")
        }
    }

    @Test("crafted cursors with out-of-range times are BAD_USER_INPUT naming the argument, and the server lives on", arguments: Engine.all)
    func craftedCursors(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            func encoded(_ text: String) -> String {
                Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
            let id = "00000000-0000-0000-0000-000000000000"
            let cursors = [
                "\(Int64.min):\(id)", "\(Int64.max):\(id)", "-9223372036854775807:\(id)", "300000000000000000:\(id)",
                "-62135596800000001:\(id)", "253402300800000000:\(id)",
            ].map(encoded) + ["%%%", "", String(repeating: "A", count: 97)]
            let queries = [
                "query($c: String) { transactions(after: $c) { edges { cursor } } }",
                "query($c: String) { transactions(last: 2, before: $c) { edges { cursor } } }",
                "query($c: String) { wallets { transactions(after: $c) { edges { cursor } } } }",
                "query($c: String) { wallets { entries(before: $c, last: 1) { edges { cursor } } } }",
                "query($c: String) { disbursements(after: $c) { edges { cursor } } }",
            ]
            for query in queries {
                for cursor in cursors {
                    let answer = try await server.graphql(query, variables: ["c": cursor], token: alice)
                    #expect(answer.errorCodes.first == "BAD_USER_INPUT", "\(query) \(cursor): \(answer.body)")
                    let extensions = ((answer.json["errors"] as? [[String: Any]])?.first?["extensions"] as? [String: Any])
                    let argument = extensions?["argument"] as? String
                    #expect(argument == "after" || argument == "before", "\(query) \(cursor): \(answer.body)")
                }
            }
            let alive = try await server.graphql("{ wallets { id } }", token: alice)
            #expect(alive.status == 200 && alive.errorCodes.isEmpty, "\(alive.body)")
        }
    }
}
