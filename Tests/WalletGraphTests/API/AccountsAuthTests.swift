import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// The password helpers the server's bootstrap uses: `Accounts.createUser(_:password:role:hasher:)` and
/// `Accounts.setPassword(userID:password:hasher:)`, checked through sign-in.
@Suite struct AccountsAuthTests {
    static let signIn = """
        mutation($input: SignInInput!) { signIn(input: $input) { token userErrors { code field } } }
        """
    static let createWallet = """
        mutation { createWallet(input: {assetCode: "IDR"}) { wallet { id } } }
        """

    @Test(arguments: Engine.all)
    func aUserCreatedWithAPasswordSignsInAndAResetEndsOlderTokens(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let hasher = h.api.services.passwords
            let profile = try UserProfile(
                username: "Boss", name: "Boss", email: "boss@example.com", phone: "081299990000", nik: nil)
            await expectDomainError(.invalidInput, field: ["password"]) {
                try await h.f.accounts.createUser(profile, password: "short", role: .admin, hasher: hasher)
            }
            let boss = try await h.f.accounts.createUser(profile, password: "first password", role: .admin, hasher: hasher)
            #expect(boss.role == .admin && boss.tokenVersion == 0)
            let first = try await h.run(Self.signIn, ["input": ["username": "boss", "password": "first password"]])
            let token = try #require(first.payload("signIn")?["token"] as? String, "\(first.body)")

            #expect(try await h.f.accounts.setPassword(userID: boss.id, password: "second password", hasher: hasher) == 1)
            #expect(try await h.f.accounts.setPassword(userID: UUID(), password: "second password", hasher: hasher) == nil)
            let stale = try await h.run(Self.createWallet, token: token)
            #expect(stale.outcome == .unauthenticated)
            let old = try await h.run(Self.signIn, ["input": ["username": "boss", "password": "first password"]])
            expectUserError(old, "signIn", .invalidCredentials, field: nil)
            let new = try await h.run(Self.signIn, ["input": ["username": "boss", "password": "second password"]])
            #expect(new.payload("signIn")?["token"] is String, "\(new.body)")
        }
    }
}
