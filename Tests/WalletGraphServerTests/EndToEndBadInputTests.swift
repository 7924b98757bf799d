import DatabaseTestSupport
import Foundation
import Hummingbird
import Testing

/// Malformed requests and bad amounts get a clear error with a stable code, and write nothing.
@Suite("End to end: bad input")
struct EndToEndBadInputTests {
    @Test("malformed bodies, invalid GraphQL and wrong variable types are 400 with a stable code", arguments: Engine.all)
    func malformed(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let before = try await server.footprint()
            let json: HTTPFields = [.contentType: "application/json", .accept: "application/graphql-response+json"]
            let bodies: [(String, [UInt8], String)] = [
                ("not JSON", Array("{query: nope".utf8), "BAD_USER_INPUT"),
                ("binary garbage", [0x00, 0xFF, 0xFE, 0x7B], "BAD_USER_INPUT"),
                ("a JSON array", Array("[1,2]".utf8), "BAD_USER_INPUT"),
                ("no query", Array(#"{"variables":{}}"#.utf8), "BAD_USER_INPUT"),
                ("syntax error", Array(#"{"query":"{ wallets { id "}"#.utf8), "GRAPHQL_PARSE_FAILED"),
                ("unknown field", Array(#"{"query":"{ wallets { secret } }"}"#.utf8), "GRAPHQL_VALIDATION_FAILED"),
                ("deep nonsense", Array(#"{"query":"mutation { topUp }"}"#.utf8), "GRAPHQL_VALIDATION_FAILED"),
            ]
            for (name, body, code) in bodies {
                var headers = json
                headers[.authorization] = "Bearer \(alice)"
                let answer = try await server.raw("/graphql", method: .post, headers: headers, body: body)
                #expect(answer.status == 400, "\(name): \(answer.body)")
                #expect(answer.errorCodes.first == code, "\(name): \(answer.body)")
                #expect(answer.headers[.contentType]?.hasPrefix("application/graphql-response+json") == true, "\(name)")
            }
            let wallet = try await server.wallet(alice, asset: "IDR").id
            let typed = "mutation($w: ID!, $a: Decimal!) { spend(input: {walletId: $w, amount: $a, idempotencyKey: \"bad-var\"}) { userErrors { code } } }"
            for amount in [1.5 as Any, "12abc", "1e3", true, ["1"], "", " 5", "0x10"] {
                let answer = try await server.graphql(typed, variables: ["w": wallet, "a": amount], token: alice)
                #expect(answer.status == 400, "\(amount): \(answer.body)")
                #expect(answer.errorCodes == ["BAD_USER_INPUT"], "\(amount): \(answer.body)")
            }
            let wrongType = try await server.graphql(typed, variables: ["w": ["a list"], "a": "5"], token: alice)
            #expect(wrongType.status == 400)
            #expect(try await server.footprint() == before)
        }
    }

    @Test("zero, negative, over-scale and huge amounts are INVALID_AMOUNT and write nothing", arguments: Engine.all)
    func amounts(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let idr = try await server.wallet(alice, asset: "IDR").id
            let gold = try await server.wallet(alice, asset: "GOLD").id
            let before = try await server.footprint()
            let cases: [(String, String)] = [
                (idr, "0"), (idr, "-5"), (idr, "-0"), (idr, "1.5"), (idr, "0.0"), (idr, "99999999999999999999"),
                (idr, "9223372036854775808"), (idr, "-9223372036854775808"), (gold, "0.00001"),
                (gold, "922337203685477.5808"),
            ]
            for mutation in ["spend", "topUp"] {
                for (wallet, amount) in cases {
                    let answer = try await server.graphql(
                        """
                        mutation($w: ID!, $a: Decimal!) { \(mutation)(input: {walletId: $w, amount: $a, idempotencyKey: "amt-\(mutation)-\(amount)"}) {
                          transaction { id } userErrors { code field } } }
                        """, variables: ["w": wallet, "a": amount], token: alice)
                    #expect(answer.status == 200, "\(mutation) \(amount): \(answer.body)")
                    #expect(answer.userErrorCodes(mutation) == ["INVALID_AMOUNT"], "\(mutation) \(amount): \(answer.body)")
                    #expect(
                        (answer.userErrors(mutation).first?.field) == ["input", "amount"],
                        "\(mutation) \(amount): \(answer.body)")
                }
            }
            // Transfers too, by id and by username.
            for amount in ["0", "-1", "0.5", "99999999999999999999"] {
                let answer = try await server.graphql(
                    """
                    mutation($w: ID!, $a: Decimal!) { transfer(input: {fromWalletId: $w, toUsername: "bob", amount: $a,
                      idempotencyKey: "amt-transfer-\(amount)"}) { transaction { id } userErrors { code } } }
                    """, variables: ["w": idr, "a": amount], token: alice)
                #expect(answer.userErrorCodes("transfer") == ["INVALID_AMOUNT"], "\(amount): \(answer.body)")
            }
            // More than the balance.
            let tooMuch = try await server.graphql(
                #"mutation($w: ID!) { spend(input: {walletId: $w, amount: "9000000000000000000", idempotencyKey: "amt-huge"}) { userErrors { code message } } }"#,
                variables: ["w": idr], token: alice, language: "id-ID,id;q=0.9,en;q=0.5")
            #expect(tooMuch.userErrorCodes("spend") == ["INSUFFICIENT_BALANCE"], "\(tooMuch.body)")
            #expect((tooMuch.userErrors("spend").first?.message) == "Saldo dompet tidak mencukupi")
            #expect(try await server.footprint() == before)

            // An amount above GraphQL's 32-bit Int works as a Decimal, as a string or an integer literal.
            let big = try await server.graphql(
                #"mutation($w: ID!) { topUp(input: {walletId: $w, amount: 3000000000, idempotencyKey: "amt-big"}) { transaction { amount } userErrors { code } } }"#,
                variables: ["w": idr], token: alice)
            #expect(big.string("topUp.transaction.amount") == "3000000000", "\(big.body)")
        }
    }

    @Test("transfer needs exactly one destination", arguments: Engine.all)
    func transferDestination(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let idr = try await server.wallet(alice, asset: "IDR").id
            let before = try await server.footprint()
            for destination in ["", #"toUsername: "bob", toWalletId: "x","#] {
                let answer = try await server.graphql(
                    """
                    mutation($w: ID!) { transfer(input: {fromWalletId: $w, \(destination) amount: "1", idempotencyKey: "dest"}) {
                      transaction { id } userErrors { code field } } }
                    """, variables: ["w": idr], token: alice)
                #expect(answer.userErrorCodes("transfer") == ["INVALID_INPUT"], "\(destination): \(answer.body)")
            }
            let unknown = try await server.graphql(
                #"mutation($w: ID!) { transfer(input: {fromWalletId: $w, toUsername: "nobody-at-all", amount: "1", idempotencyKey: "dest2"}) { userErrors { code } } }"#,
                variables: ["w": idr], token: alice)
            #expect(unknown.userErrorCodes("transfer") == ["WALLET_NOT_FOUND"], "\(unknown.body)")
            #expect(try await server.footprint() == before)
        }
    }
}
