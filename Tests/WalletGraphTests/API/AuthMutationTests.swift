import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// signUp, signIn and changePassword through the API, on both engines: tokens, credentials, profile rules,
/// throttling.
@Suite struct AuthMutationTests {
    static let signUp = """
        mutation($input: SignUpInput!) {
          signUp(input: $input) { token expiresAt user { id username } userErrors { code message field } }
        }
        """
    static let signIn = """
        mutation($input: SignInInput!) { signIn(input: $input) { token expiresAt userErrors { code message field } } }
        """
    static let changePassword = """
        mutation($input: ChangePasswordInput!) {
          changePassword(input: $input) { token expiresAt user { id } userErrors { code message field } }
        }
        """
    static let createWallet = """
        mutation { createWallet(input: {assetCode: "IDR"}) { wallet { id } userErrors { code field } } }
        """

    static func profile(
        _ username: String, password: String = "correct horse", email: String? = nil, phone: String = "081234567890",
        nik: String? = nil
    ) -> [String: Any] {
        var input: [String: Any] = [
            "username": username, "password": password, "name": username.capitalized,
            "email": email ?? "\(username.lowercased())@example.com", "phone": phone,
        ]
        if let nik { input["nik"] = nik }
        return ["input": input]
    }

    static func credentials(_ username: String, _ password: String) -> [String: Any] {
        ["input": ["username": username, "password": password]]
    }

    @Test(arguments: Engine.all)
    func signUpSignInAndChangePasswordIssueTokensAndEndOlderOnes(engine: Engine) async throws {
        try await withMutationAPI(engine) { h in
            let signedUp = try await h.run(Self.signUp, Self.profile("Dewi"))
            #expect(signedUp.userErrors("signUp").isEmpty, "\(signedUp.body)")
            let first = try #require(signedUp.payload("signUp")?["token"] as? String)
            #expect((signedUp.payload("signUp")?["user"] as? [String: Any])?["username"] as? String == "dewi")
            let expiresAt = try #require(DateTimeFormat.parse(signedUp.payload("signUp")?["expiresAt"] as? String ?? ""))
            #expect(abs(expiresAt.timeIntervalSinceNow - 24 * 3600) < 120)
            // The token works.
            let wallet = try await h.run(Self.createWallet, token: first)
            #expect(wallet.objectID("createWallet", "wallet") != nil, "\(wallet.body)")

            // Signing in: the username is compared case-insensitively.
            let signedIn = try await h.run(Self.signIn, Self.credentials("DEWI", "correct horse"))
            #expect(signedIn.userErrors("signIn").isEmpty, "\(signedIn.body)")
            let second = try #require(signedIn.payload("signIn")?["token"] as? String)

            // A wrong current password changes nothing.
            let wrong = try await h.run(
                Self.changePassword, ["input": ["currentPassword": "nope nope", "newPassword": "battery staple"]],
                token: first)
            expectUserError(wrong, "changePassword", .invalidCredentials, field: ["input", "currentPassword"])
            #expect(wrong.payload("changePassword")?["token"] is NSNull)
            // A new password that breaks the rules changes nothing either.
            let short = try await h.run(
                Self.changePassword, ["input": ["currentPassword": "correct horse", "newPassword": "short"]], token: first)
            expectUserError(short, "changePassword", .invalidInput, field: ["input", "newPassword"])

            let changed = try await h.run(
                Self.changePassword, ["input": ["currentPassword": "correct horse", "newPassword": "battery staple"]],
                token: first)
            #expect(changed.userErrors("changePassword").isEmpty, "\(changed.body)")
            let third = try #require(changed.payload("changePassword")?["token"] as? String)

            // Every token from before the change is refused outright; the new one works.
            for old in [first, second] {
                let refused = try await h.run(Self.createWallet, token: old)
                #expect(refused.status == 401)
                #expect(refused.errorCodes == ["UNAUTHENTICATED"])
            }
            let fresh = try await h.run(Self.createWallet, token: third)
            #expect(fresh.objectID("createWallet", "wallet") != nil, "\(fresh.body)")

            // Only the new password signs in.
            let oldPassword = try await h.run(Self.signIn, Self.credentials("dewi", "correct horse"))
            expectUserError(oldPassword, "signIn", .invalidCredentials, field: nil)
            let newPassword = try await h.run(Self.signIn, Self.credentials("dewi", "battery staple"))
            #expect(newPassword.payload("signIn")?["token"] is String, "\(newPassword.body)")
        }
    }

    @Test(arguments: Engine.all)
    func wrongPasswordAndUnknownUserAreTheSameInvalidCredentials(engine: Engine) async throws {
        try await withMutationAPI(engine) { h in
            _ = try await h.run(Self.signUp, Self.profile("dewi"))
            for (username, password) in [("dewi", "wrong password"), ("nobody", "correct horse"), ("x", "y"),
                ("dewi", String(repeating: "a", count: 100))]
            {
                let result = try await h.run(Self.signIn, Self.credentials(username, password))
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
                #expect(result.payload("signIn")?["token"] is NSNull)
                #expect(result.userErrors("signIn").first?.message == "Invalid username or password.")
            }
            let indonesian = try await h.run(Self.signIn, Self.credentials("dewi", "wrong password"), language: .indonesian)
            #expect(indonesian.userErrors("signIn").first?.message == "Nama pengguna atau kata sandi salah.")
        }
    }

    @Test(arguments: Engine.all)
    func takenUsernameEmailAndNikAreReportedOnTheirFields(engine: Engine) async throws {
        try await withMutationAPI(engine) { h in
            let first = try await h.run(Self.signUp, Self.profile("dewi", nik: "3171234567890123"))
            #expect(first.userErrors("signUp").isEmpty, "\(first.body)")
            let username = try await h.run(Self.signUp, Self.profile("DEWI", email: "other@example.com"))
            expectUserError(username, "signUp", .usernameTaken, field: ["input", "username"])
            #expect(username.payload("signUp")?["token"] is NSNull)
            let email = try await h.run(Self.signUp, Self.profile("dewi2", email: "Dewi@Example.com"))
            expectUserError(email, "signUp", .emailTaken, field: ["input", "email"])
            let nik = try await h.run(Self.signUp, Self.profile("dewi3", nik: "3171234567890123"))
            expectUserError(nik, "signUp", .nikTaken, field: ["input", "nik"])
        }
    }

    @Test(arguments: Engine.all)
    func invalidProfileAndPasswordAreInvalidInputOnEachField(engine: Engine) async throws {
        try await withMutationAPI(engine) { h in
            let cases: [([String: Any], [String])] = [
                (Self.profile("a!"), ["input", "username"]),
                (Self.profile("dewi", email: "not-an-email"), ["input", "email"]),
                (Self.profile("dewi", phone: "12345"), ["input", "phone"]),
                (Self.profile("dewi", nik: "123"), ["input", "nik"]),
                (Self.profile("dewi", password: "short"), ["input", "password"]),
                // 73 bytes: bcrypt would ignore the last one.
                (Self.profile("dewi", password: String(repeating: "é", count: 36) + "a"), ["input", "password"]),
            ]
            for (variables, field) in cases {
                let result = try await h.run(Self.signUp, variables)
                expectUserError(result, "signUp", .invalidInput, field: field)
            }
            // Every broken rule at once.
            let both = try await h.run(Self.signUp, Self.profile("dewi", password: "short", email: "nope"))
            #expect(both.userErrors("signUp").map(\.field) == [["input", "email"], ["input", "password"]])
            // Nothing was created: the username is still free.
            let ok = try await h.run(Self.signUp, Self.profile("dewi"))
            #expect(ok.userErrors("signUp").isEmpty, "\(ok.body)")
        }
    }

    @Test(arguments: Engine.all)
    func repeatedFailedSignInsAreRateLimitedPerUsernameAndPerAddress(engine: Engine) async throws {
        try await withMutationAPI(engine, throttle: SignInThrottle(limit: 3, window: 600)) { h in
            _ = try await h.run(Self.signUp, Self.profile("dewi"))
            _ = try await h.run(Self.signUp, Self.profile("sari"))
            for _ in 0..<3 {
                let result = try await h.run(Self.signIn, Self.credentials("dewi", "wrong password"), clientAddress: "10.0.0.1")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            // Per username: even the right password, from another address, waits.
            let limited = try await h.run(Self.signIn, Self.credentials("DEWI", "correct horse"), clientAddress: "10.0.0.2")
            expectTopLevelError(limited, "RATE_LIMITED")
            // Per address: another username from the same address waits too.
            let sameAddress = try await h.run(Self.signIn, Self.credentials("sari", "correct horse"), clientAddress: "10.0.0.1")
            expectTopLevelError(sameAddress, "RATE_LIMITED")
            // Another user from another address is not affected.
            let other = try await h.run(Self.signIn, Self.credentials("sari", "correct horse"), clientAddress: "10.0.0.3")
            #expect(other.payload("signIn")?["token"] is String, "\(other.body)")
        }
    }

    @Test(arguments: Engine.all)
    func withoutATokenOnlySignUpAndSignInAreOpen(engine: Engine) async throws {
        try await withMutationAPI(engine) { h in
            let wallet = try await h.f.wallet(try await h.f.user("dewi"))
            let id = walletGID(wallet)
            let money = "{walletId: \"\(id)\", amount: \"1\", idempotencyKey: \"k\"}"
            let documents = [
                "mutation { changePassword(input: {currentPassword: \"a\", newPassword: \"bbbbbbbb\"}) { token } }",
                "mutation { createWallet(input: {assetCode: \"IDR\"}) { wallet { id } } }",
                "mutation { setDefaultWallet(walletId: \"\(id)\") { wallet { id } } }",
                "mutation { topUp(input: \(money)) { transaction { id } } }",
                "mutation { spend(input: \(money)) { transaction { id } } }",
                "mutation { grantBonus(input: \(money)) { transaction { id } } }",
                "mutation { transfer(input: {fromWalletId: \"\(id)\", toUsername: \"root\", amount: \"1\", idempotencyKey: \"k\"}) { transaction { id } } }",
                "mutation { createAsset(input: {code: \"EUR\", name: \"Euro\", scale: 2}) { asset { id } } }",
                "mutation { freezeWallet(walletId: \"\(id)\") { wallet { id } } }",
                "mutation { unfreezeWallet(walletId: \"\(id)\") { wallet { id } } }",
            ]
            let before = try await h.state([wallet])
            for document in documents {
                let result = try await h.run(document)
                #expect(result.status == 200, "\(document)")
                expectTopLevelError(result, "UNAUTHENTICATED")
            }
            #expect(try await h.state([wallet]) == before)
            #expect(try await h.f.ledger.wallets(owner: wallet.ownerID!).count == 1)
        }
    }
}
