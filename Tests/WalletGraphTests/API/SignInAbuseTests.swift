import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// What an attacker can do with sign-in, sign-up and password changes, through the API on both engines, with the
/// default throttle: lock a victim out, race the counter, spray usernames, or run many bcrypts in one request.
@Suite struct SignInAbuseTests {
    static func wrongPasswordsFail(
        _ h: APIHarness, _ username: String, count: Int, from address: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        for _ in 0..<count {
            let result = try await h.run(
                AuthMutationTests.signIn, AuthMutationTests.credentials(username, "wrong password"), clientAddress: address)
            expectUserError(result, "signIn", .invalidCredentials, field: nil, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Engine.all)
    func failuresFromOneAddressDoNotLockTheVictimOutElsewhere(engine: Engine) async throws {
        try await withAPI(engine) { h in
            _ = try await h.run(AuthMutationTests.signUp, AuthMutationTests.profile("dewi"))
            try await Self.wrongPasswordsFail(h, "dewi", count: 10, from: "10.0.0.1")
            // The attacker's address is refused for this username, even with the right password...
            let attacker = try await h.run(
                AuthMutationTests.signIn, AuthMutationTests.credentials("dewi", "correct horse"), clientAddress: "10.0.0.1")
            expectTopLevelError(attacker, "RATE_LIMITED")
            // ...but the victim, from her own address, signs in.
            let victim = try await h.run(
                AuthMutationTests.signIn, AuthMutationTests.credentials("DEWI", "correct horse"), clientAddress: "10.0.0.2")
            #expect(victim.payload("signIn")?["token"] is String, "\(victim.body)")
        }
    }

    @Test(arguments: Engine.all)
    func oneAddressCannotSprayManyUsernames(engine: Engine) async throws {
        try await withAPI(engine) { h in
            for index in 0..<50 {
                let result = try await h.run(
                    AuthMutationTests.signIn, AuthMutationTests.credentials("user\(index)", "wrong password"),
                    clientAddress: "10.0.0.9")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            let sprayed = try await h.run(
                AuthMutationTests.signIn, AuthMutationTests.credentials("user50", "wrong password"), clientAddress: "10.0.0.9")
            expectTopLevelError(sprayed, "RATE_LIMITED")
            let elsewhere = try await h.run(
                AuthMutationTests.signIn, AuthMutationTests.credentials("user50", "wrong password"), clientAddress: "10.0.0.10")
            expectUserError(elsewhere, "signIn", .invalidCredentials, field: nil)
        }
    }

    @Test(arguments: Engine.all)
    func parallelGuessesCannotOutrunTheCounter(engine: Engine) async throws {
        try await withAPI(engine) { h in
            _ = try await h.run(AuthMutationTests.signUp, AuthMutationTests.profile("dewi"))
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        let result = try await h.run(
                            AuthMutationTests.signIn, AuthMutationTests.credentials("dewi", "wrong password"),
                            clientAddress: "10.0.0.1")
                        return result.errorCodes.first ?? result.userErrors("signIn").first?.code ?? "?"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "INVALID_CREDENTIALS" }.count == 10, "\(outcomes)")
            #expect(outcomes.filter { $0 == "RATE_LIMITED" }.count == 20, "\(outcomes)")
        }
    }

    @Test(arguments: Engine.all)
    func aRequestRunsAtMostOneSignInSignUpOrPasswordChange(engine: Engine) async throws {
        try await withAPI(engine) { h in
            _ = try await h.run(AuthMutationTests.signUp, AuthMutationTests.profile("dewi"))
            let aliased = """
                mutation($input: SignInInput!) {
                  a: signIn(input: $input) { token userErrors { code } }
                  b: signIn(input: $input) { token userErrors { code } }
                  c: signIn(input: $input) { token userErrors { code } }
                }
                """
            let result = try await h.run(aliased, AuthMutationTests.credentials("dewi", "wrong password"))
            let errors = result.errors
            #expect(result.errorCodes.contains("BAD_USER_INPUT"), "\(result.body)")
            #expect(
                errors.contains { $0["message"] as? String == "one sign-in, sign-up or password change per request" },
                "\(result.body)")
            let mixed = """
                mutation($in: SignInInput!, $up: SignUpInput!) {
                  signIn(input: $in) { token }
                  signUp(input: $up) { token }
                }
                """
            var variables = AuthMutationTests.credentials("dewi", "correct horse")
            variables["up"] = AuthMutationTests.profile("sari")["input"]
            variables["in"] = variables.removeValue(forKey: "input")
            let both = try await h.run(mixed, variables)
            #expect(both.errorCodes.contains("BAD_USER_INPUT"), "\(both.body)")
            // The refused sign-up created nothing: the username is still free.
            let sari = try await h.run(AuthMutationTests.signUp, AuthMutationTests.profile("sari"))
            #expect(sari.userErrors("signUp").isEmpty, "\(sari.body)")
        }
    }

    @Test(arguments: Engine.all)
    func signUpsAreLimitedPerAddress(engine: Engine) async throws {
        try await withAPI(engine) { h in
            for index in 0..<20 {
                let result = try await h.run(
                    AuthMutationTests.signUp, AuthMutationTests.profile("user\(index)"), clientAddress: "10.0.0.7")
                #expect(result.userErrors("signUp").isEmpty, "\(result.body)")
            }
            let limited = try await h.run(
                AuthMutationTests.signUp, AuthMutationTests.profile("user20"), clientAddress: "10.0.0.7")
            expectTopLevelError(limited, "RATE_LIMITED")
            let other = try await h.run(
                AuthMutationTests.signUp, AuthMutationTests.profile("user20"), clientAddress: "10.0.0.8")
            #expect(other.userErrors("signUp").isEmpty, "\(other.body)")
        }
    }
}
