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
        try await withAPI(engine) { h in
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
                #expect(refused.outcome == .unauthenticated)
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
        try await withAPI(engine) { h in
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
        try await withAPI(engine) { h in
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
        try await withAPI(engine) { h in
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

    static func smallLimits() -> SignInThrottle.Limits {
        var limits = SignInThrottle.Limits()
        limits.perPair = 3
        limits.perAddress = 5
        limits.perUsername = 6
        limits.window = 600
        return limits
    }

    @Test(arguments: Engine.all)
    func failedSignInsAreLimitedPerPairAndAddressAndNeverRefuseTheOwnerForTheUsername(engine: Engine) async throws {
        try await withAPI(engine, throttle: SignInThrottle(Self.smallLimits())) { h in
            _ = try await h.run(Self.signUp, Self.profile("dewi"))
            _ = try await h.run(Self.signUp, Self.profile("sari"))
            for _ in 0..<3 {
                let result = try await h.run(Self.signIn, Self.credentials("dewi", "wrong password"), clientAddress: "10.0.0.1")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            // Per pair: this address may not guess dewi's password any more, even the right one...
            let pair = try await h.run(Self.signIn, Self.credentials("DEWI", "correct horse"), clientAddress: "10.0.0.1")
            expectTopLevelError(pair, "RATE_LIMITED")
            // ...but may still try sari, up to the address's limit (5 failures in all).
            for _ in 0..<2 {
                let result = try await h.run(Self.signIn, Self.credentials("sari", "wrong password"), clientAddress: "10.0.0.1")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            let address = try await h.run(Self.signIn, Self.credentials("sari", "correct horse"), clientAddress: "10.0.0.1")
            expectTopLevelError(address, "RATE_LIMITED")
            // Three more failures for dewi from elsewhere: 6, the username's limit. A wrong password is now
            // RATE_LIMITED from anywhere, but the right one still signs in.
            for index in 2..<5 {
                let result = try await h.run(
                    Self.signIn, Self.credentials("dewi", "wrong password"), clientAddress: "10.0.0.\(index)")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            let wrong = try await h.run(Self.signIn, Self.credentials("dewi", "wrong password"), clientAddress: "10.0.0.9")
            expectTopLevelError(wrong, "RATE_LIMITED")
            let owner = try await h.run(Self.signIn, Self.credentials("dewi", "correct horse"), clientAddress: "10.0.0.10")
            #expect(owner.payload("signIn")?["token"] is String, "\(owner.body)")
            // An IPv6 client is one /64: another address in it shares the count.
            for _ in 0..<3 {
                let result = try await h.run(
                    Self.signIn, Self.credentials("sari", "wrong password"), clientAddress: "2001:db8:1:2::1")
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
            }
            let sameNetwork = try await h.run(
                Self.signIn, Self.credentials("sari", "correct horse"), clientAddress: "2001:db8:1:2:ffff::9")
            expectTopLevelError(sameNetwork, "RATE_LIMITED")
            let otherNetwork = try await h.run(
                Self.signIn, Self.credentials("sari", "correct horse"), clientAddress: "2001:db8:1:3::1")
            #expect(otherNetwork.payload("signIn")?["token"] is String, "\(otherNetwork.body)")
        }
    }

    @Test(arguments: Engine.all)
    func wrongCurrentPasswordsCountAsGuessesAndARightOneIsRefunded(engine: Engine) async throws {
        try await withAPI(engine, throttle: SignInThrottle(Self.smallLimits())) { h in
            let signedUp = try await h.run(Self.signUp, Self.profile("dewi"))
            let token = try #require(signedUp.payload("signUp")?["token"] as? String)
            // An invalid new password is refused before any guess is counted.
            for _ in 0..<5 {
                let short = try await h.run(
                    Self.changePassword, ["input": ["currentPassword": "nope nope", "newPassword": "short"]], token: token,
                    clientAddress: "10.0.0.1")
                expectUserError(short, "changePassword", .invalidInput, field: ["input", "newPassword"])
            }
            for _ in 0..<3 {
                let wrong = try await h.run(
                    Self.changePassword, ["input": ["currentPassword": "nope nope", "newPassword": "battery staple"]],
                    token: token, clientAddress: "10.0.0.1")
                expectUserError(wrong, "changePassword", .invalidCredentials, field: ["input", "currentPassword"])
            }
            let limited = try await h.run(
                Self.changePassword, ["input": ["currentPassword": "correct horse", "newPassword": "battery staple"]],
                token: token, clientAddress: "10.0.0.1")
            expectTopLevelError(limited, "RATE_LIMITED")
            let elsewhere = try await h.run(
                Self.changePassword, ["input": ["currentPassword": "correct horse", "newPassword": "battery staple"]],
                token: token, clientAddress: "10.0.0.2")
            #expect(elsewhere.userErrors("changePassword").isEmpty, "\(elsewhere.body)")
        }
    }

    @Test(arguments: Engine.all)
    func withoutATokenOnlySignUpAndSignInAreOpen(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let wallet = try await h.f.wallet(try await h.f.user("dewi"))
            let id = gid(wallet)
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
            let before = try await h.footprint()
            for document in documents {
                let result = try await h.run(document)
                #expect(result.outcome == .executed, "\(document)")
                expectTopLevelError(result, "UNAUTHENTICATED")
            }
            #expect(try await h.footprint() == before)
            #expect(try await h.f.ledger.wallets(owner: wallet.ownerID!).count == 1)
        }
    }
}

/// Passwords bcrypt would read only in part (it stops at the first NUL byte).
@Suite struct PasswordControlCharacterTests {
    @Test(arguments: Engine.all)
    func signUpRefusesAPasswordWithAControlCharacter(engine: Engine) async throws {
        try await withAPI(engine) { h in
            for password in ["ab\u{0}cdefghij", "abcdefgh\u{1}", "abc\tdefghij", "abcdefgh\u{7F}"] {
                let result = try await h.run(AuthMutationTests.signUp, AuthMutationTests.profile("dewi", password: password))
                expectUserError(result, "signUp", .invalidInput, field: ["input", "password"])
            }
            let prefix = try await h.run(AuthMutationTests.signIn, AuthMutationTests.credentials("dewi", "ab"))
            expectUserError(prefix, "signIn", .invalidCredentials, field: nil)
            let changed = try await h.run(
                AuthMutationTests.signUp, AuthMutationTests.profile("dewi"))
            let token = try #require(changed.payload("signUp")?["token"] as? String)
            let result = try await h.run(
                AuthMutationTests.changePassword,
                ["input": ["currentPassword": "correct horse", "newPassword": "ab\u{0}cdefghij"]], token: token)
            expectUserError(result, "changePassword", .invalidInput, field: ["input", "newPassword"])
        }
    }

    @Test(arguments: Engine.all)
    func aPasswordWithANulStoredBeforeTheRuleNeverMatches(engine: Engine) async throws {
        try await withAPI(engine) { h in
            // A hash made before the rule existed: bcrypt only read "ab".
            let profile = try UserProfile(
                username: "dewi", name: "Dewi", email: "dewi@example.com", phone: "081234567890", nik: nil)
            let hash = try await h.api.services.passwords.hash("ab\u{0}cdefghij")
            let user = try await h.f.accounts.createUser(profile, passwordHash: hash, role: .user)
            // "ab" itself matches such a hash (that is bcrypt): the rule stops the hash from being made at all.
            for password in ["ab\u{0}cdefghij", "ab\u{0}zzzzzzzz"] {
                let result = try await h.run(AuthMutationTests.signIn, AuthMutationTests.credentials("dewi", password))
                expectUserError(result, "signIn", .invalidCredentials, field: nil)
                #expect(result.payload("signIn")?["token"] is NSNull)
            }
            let token = try await h.api.services.tokens.issue(userID: user.id, tokenVersion: user.tokenVersion).token
            for current in ["ab\u{0}cdefghij", "ab\u{0}zzzzzzzz"] {
                let result = try await h.run(
                    AuthMutationTests.changePassword,
                    ["input": ["currentPassword": current, "newPassword": "battery staple"]], token: token)
                expectUserError(result, "changePassword", .invalidCredentials, field: ["input", "currentPassword"])
            }
        }
    }
}
