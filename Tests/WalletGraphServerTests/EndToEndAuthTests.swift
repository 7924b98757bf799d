import DatabaseTestSupport
import Foundation
import Testing
import WalletGraph

/// Every way a token can be wrong gets 401 UNAUTHENTICATED, never anonymous access; no token opens only
/// signUp, signIn, assets and introspection.
@Suite("End to end: authentication")
struct EndToEndAuthTests {
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    @Test("missing, malformed, expired, tampered, alg none, wrong key and pre-password-change tokens", arguments: Engine.all)
    func badTokens(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let me = try await server.graphql("{ me { id username } }", token: alice)
            #expect(me.string("me.username") == "alice")
            let aliceGlobalID = try #require(me.string("me.id"))
            let aliceID = try #require(GlobalID.decode(aliceGlobalID, as: .user))

            // No token: private fields are UNAUTHENTICATED; open ones answer.
            for query in ["{ me { id } }", "{ wallets { id } }", "{ transactions { totalCount } }"] {
                let answer = try await server.graphql(query)
                #expect(answer.status == 200)
                #expect(answer.errorCodes == ["UNAUTHENTICATED"], "\(query): \(answer.body)")
            }
            let open = try await server.graphql("{ assets { code } __schema { queryType { name } } }")
            #expect(open.errorCodes.isEmpty)
            #expect(open.string("__schema.queryType.name") == "Query")
            let spend = try await server.graphql(
                #"mutation { spend(input: {walletId: "x", amount: "1", idempotencyKey: "k"}) { userErrors { code } } }"#)
            #expect(spend.errorCodes == ["UNAUTHENTICATED"])

            // Forged and stale tokens: 401 before anything runs.
            let secret = Array(LiveServer.secret.utf8)
            let expired = try await TokenService(secret: secret, clock: LedgerClock { Date().addingTimeInterval(-2 * 86_400) })
                .issue(userID: aliceID, tokenVersion: 0).token
            let wrongKey = try await TokenService(secret: Array(repeating: 7, count: 48)).issue(userID: aliceID, tokenVersion: 0).token
            let parts = alice.split(separator: ".")
            let payloadBytes = try #require(Self.base64URLDecode(parts[1]))
            var claims = try #require(try JSONSerialization.jsonObject(with: payloadBytes) as? [String: Any])
            claims["tv"] = 5
            let tampered = "\(parts[0]).\(Self.base64URL(try JSONSerialization.data(withJSONObject: claims))).\(parts[2])"
            let noneHeader = Self.base64URL(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
            let algNone = "\(noneHeader).\(parts[1])."
            let hs512Header = Self.base64URL(Array(#"{"alg":"HS512","typ":"JWT"}"#.utf8))
            let otherAlg = "\(hs512Header).\(parts[1]).\(parts[2])"
            for (name, token) in [
                ("expired", expired), ("wrong key", wrongKey), ("tampered", tampered), ("alg none", algNone),
                ("other alg", otherAlg), ("garbage", "not-a-jwt"), ("empty signature", "\(parts[0]).\(parts[1]).")
            ] {
                let answer = try await server.graphql("{ me { id } }", token: token)
                #expect(answer.status == 401, "\(name)")
                #expect(answer.errorCodes == ["UNAUTHENTICATED"], "\(name): \(answer.body)")
                #expect(answer.json["data"] == nil, "\(name): no data")
            }
            for header in ["Basic YWxpY2U6cGFzc3dvcmQxMjM=", "Bearer", "Bearer a b"] {
                let answer = try await server.raw(
                    "/graphql", method: .post,
                    headers: [.contentType: "application/json", .authorization: header],
                    body: Array(#"{"query":"{ me { id } }"}"#.utf8))
                #expect(answer.status == 401, "\(header)")
            }

            // A password change ends every older token; the new one works; the old password no longer signs in.
            let changed = try await server.graphql(
                """
                mutation { changePassword(input: {currentPassword: "password123", newPassword: "new-password-1"}) {
                  token userErrors { code } } }
                """, token: alice)
            let fresh = try #require(changed.string("changePassword.token"), "\(changed.body)")
            let stale = try await server.graphql("{ me { id } }", token: alice)
            #expect(stale.status == 401)
            #expect(stale.errorCodes == ["UNAUTHENTICATED"])
            let works = try await server.graphql("{ me { username } }", token: fresh)
            #expect(works.string("me.username") == "alice")
            let oldPassword = try await server.graphql(
                #"mutation { signIn(input: {username: "alice", password: "password123"}) { token userErrors { code } } }"#)
            #expect(oldPassword.userErrorCodes("signIn") == ["INVALID_CREDENTIALS"])
            #expect(oldPassword.data("signIn.token") == nil)
            _ = try await server.signIn("alice", "new-password-1")
        }
    }

    @Test("sign-in failures: wrong password and unknown user look the same", arguments: Engine.all)
    func signInFailures(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            for (username, password) in [("alice", "wrong-password"), ("nobody-here", "password123")] {
                let answer = try await server.graphql(
                    "mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token user { id } userErrors { code message } } }",
                    variables: ["u": username, "p": password])
                #expect(answer.status == 200)
                #expect(answer.userErrorCodes("signIn") == ["INVALID_CREDENTIALS"], "\(answer.body)")
                #expect(answer.data("signIn.token") == nil)
                #expect(answer.data("signIn.user") == nil)
            }
        }
    }

    @Test("sign-up rejects taken usernames and emails and invalid input, with the field", arguments: Engine.all)
    func signUpErrors(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            _ = try await server.signUp("taken1")
            let before = try await server.footprint()
            let cases: [([String: Any], String, String)] = [
                (["username": "taken1", "email": "fresh@example.com"], "USERNAME_TAKEN", "username"),
                (["username": "TAKEN1", "email": "fresh0@example.com"], "USERNAME_TAKEN", "username"),
                (["username": "fresh1", "email": "taken1@example.com"], "EMAIL_TAKEN", "email"),
                (["username": "x", "email": "fresh2@example.com"], "INVALID_INPUT", "username"),
                (["username": "fresh3", "email": "not-an-email"], "INVALID_INPUT", "email"),
                (["username": "fresh4", "email": "fresh4@example.com", "password": "short"], "INVALID_INPUT", "password"),
                (["username": "fresh5", "email": "fresh5@example.com", "phone": "12"], "INVALID_INPUT", "phone"),
            ]
            for (overrides, code, field) in cases {
                var input: [String: Any] = [
                    "password": "password-ok-1", "name": "Fresh", "phone": "081234567890",
                ]
                input.merge(overrides) { $1 }
                let answer = try await server.graphql(
                    "mutation($i: SignUpInput!) { signUp(input: $i) { token userErrors { code field message } } }",
                    variables: ["i": input])
                let errors = answer.userErrors("signUp")
                #expect(errors.first?.code == code, "\(overrides): \(answer.body)")
                #expect((errors.first?.field)?.last == field, "\(overrides): \(answer.body)")
                #expect(answer.data("signUp.token") == nil)
            }
            // Nothing was written by any refused sign-up.
            #expect(try await server.footprint() == before)
        }
    }
}
