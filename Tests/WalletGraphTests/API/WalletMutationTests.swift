import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// createWallet, setDefaultWallet, createAsset, freezeWallet and unfreezeWallet, and the role checks of every
/// admin-only mutation, on both engines.
@Suite struct WalletMutationTests {
    typealias Docs = MutationDocuments

    static let createWallet = """
        mutation($input: CreateWalletInput!) { createWallet(input: $input) { wallet { id isDefault } userErrors { code field } } }
        """
    static let setDefault = """
        mutation($id: ID!) { setDefaultWallet(walletId: $id) { wallet { id isDefault } userErrors { code field } } }
        """
    static let createAsset = """
        mutation($input: CreateAssetInput!) { createAsset(input: $input) { asset { id code scale } userErrors { code field } } }
        """
    static func status(_ name: String) -> String {
        "mutation($id: ID!) { \(name)(walletId: $id) { wallet { id status } userErrors { code field } } }"
    }

    @Test(arguments: Engine.all)
    func createWalletAndSetDefaultWallet(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let token = try await h.token(alice)
            let first = try await h.run(Self.createWallet, ["input": ["assetCode": "idr"]], token: token)
            #expect((first.payload("createWallet")?["wallet"] as? [String: Any])?["isDefault"] as? Bool == true, "\(first.body)")
            let second = try await h.run(Self.createWallet, ["input": ["assetCode": "IDR", "label": "Savings"]], token: token)
            let secondID = try #require(second.objectID("createWallet", "wallet"))
            #expect((second.payload("createWallet")?["wallet"] as? [String: Any])?["isDefault"] as? Bool == false)

            let made = try await h.run(Self.setDefault, ["id": secondID], token: token)
            #expect((made.payload("setDefaultWallet")?["wallet"] as? [String: Any])?["isDefault"] as? Bool == true, "\(made.body)")
            let wallets = try await h.f.ledger.wallets(owner: alice.userID)
            #expect(wallets.map(\.isDefault) == [false, true])
            #expect(wallets.map(\.label) == ["IDR wallet", "Savings"])

            let unknown = try await h.run(Self.createWallet, ["input": ["assetCode": "EUR"]], token: token)
            expectUserError(unknown, "createWallet", .assetNotFound, field: ["input", "assetCode"])
            let long = try await h.run(
                Self.createWallet, ["input": ["assetCode": "IDR", "label": String(repeating: "x", count: 65)]], token: token)
            expectUserError(long, "createWallet", .invalidInput, field: ["input", "label"])
            #expect(try await h.f.ledger.wallets(owner: alice.userID).count == 2)
        }
    }

    @Test(arguments: Engine.all)
    func adminOnlyMutationsAreForbiddenToOtherRoles(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let aliceIDR = try await h.f.wallet(alice)
            try await h.f.fund(aliceIDR, 100)
            let before = try await h.footprint()
            for who in [alice, h.f.gateway] {
                let token = try await h.token(who)
                let bonus = try await h.run(Docs.money("grantBonus"), Docs.amount(gid(aliceIDR), "10"), token: token)
                expectTopLevelError(bonus, "FORBIDDEN")
                // Even a malformed input is FORBIDDEN first: the role is checked before anything else.
                let badBonus = try await h.run(Docs.money("grantBonus"), Docs.amount("nope", "0"), token: token)
                expectTopLevelError(badBonus, "FORBIDDEN")
                let asset = try await h.run(Self.createAsset, ["input": ["code": "EUR", "name": "Euro", "scale": 2]], token: token)
                expectTopLevelError(asset, "FORBIDDEN")
                for name in ["freezeWallet", "unfreezeWallet"] {
                    let result = try await h.run(Self.status(name), ["id": gid(aliceIDR)], token: token)
                    expectTopLevelError(result, "FORBIDDEN")
                }
            }
            #expect(try await h.footprint() == before)
            #expect(try await h.f.reload(aliceIDR).status == .active)
            #expect(try await h.f.ledger.asset(code: "EUR") == nil)
        }
    }

    @Test(arguments: Engine.all)
    func anAdminCreatesAssetsThatCanBeUsedAtOnce(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let admin = try await h.token(h.f.admin)
            let created = try await h.run(Self.createAsset, ["input": ["code": "EUR", "name": " Euro ", "scale": 2]], token: admin)
            #expect(created.userErrors("createAsset").isEmpty, "\(created.body)")
            #expect((created.payload("createAsset")?["asset"] as? [String: Any])?["code"] as? String == "EUR")
            let stored = try #require(try await h.f.ledger.asset(code: "EUR"))
            #expect(stored.name == "Euro" && stored.scale == 2)
            #expect(try await h.f.ledger.systemWallets(asset: stored.id).count == SystemPurpose.allCases.count * 4)

            let cases: [([String: Any], ErrorCode, [String])] = [
                (["code": "EUR", "name": "Again", "scale": 2], .assetCodeTaken, ["input", "code"]),
                (["code": "eur2", "name": "Lower", "scale": 2], .invalidInput, ["input", "code"]),
                (["code": "X", "name": "Short", "scale": 2], .invalidInput, ["input", "code"]),
                (["code": "USD", "name": " ", "scale": 2], .invalidInput, ["input", "name"]),
                (["code": "USD", "name": "Dollar", "scale": 19], .invalidInput, ["input", "scale"]),
                (["code": "USD", "name": "Dollar", "scale": -1], .invalidInput, ["input", "scale"]),
            ]
            for (input, code, field) in cases {
                let result = try await h.run(Self.createAsset, ["input": input], token: admin)
                expectUserError(result, "createAsset", code, field: field)
            }
            #expect(try await h.f.ledger.asset(code: "USD") == nil)

            // A wallet in the new asset, and money in it, at its scale.
            let alice = try await h.f.user("alice")
            let token = try await h.token(alice)
            let wallet = try await h.run(Self.createWallet, ["input": ["assetCode": "EUR"]], token: token)
            let walletID = try #require(wallet.objectID("createWallet", "wallet"), "\(wallet.body)")
            let topUp = try await h.run(Docs.money("topUp"), Docs.amount(walletID, "12.34"), token: token)
            #expect(topUp.objectID("topUp", "transaction") != nil, "\(topUp.body)")
            let overScale = try await h.run(Docs.money("topUp"), Docs.amount(walletID, "0.001"), token: token)
            expectUserError(overScale, "topUp", .invalidAmount, field: ["input", "amount"])
            let stored2 = try #require(try await h.f.ledger.wallets(owner: alice.userID).first)
            #expect(stored2.balance == 1234)
        }
    }

    @Test(arguments: Engine.all)
    func anAdminFreezesAndUnfreezesAWallet(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let aliceIDR = try await h.f.wallet(alice)
            try await h.f.fund(aliceIDR, 100)
            let admin = try await h.token(h.f.admin)
            let token = try await h.token(alice)

            let frozen = try await h.run(Self.status("freezeWallet"), ["id": gid(aliceIDR)], token: admin)
            #expect((frozen.payload("freezeWallet")?["wallet"] as? [String: Any])?["status"] as? String == "FROZEN", "\(frozen.body)")
            #expect(try await h.f.reload(aliceIDR).status == .frozen)

            let before = try await h.footprint()
            let spend = try await h.run(Docs.money("spend"), Docs.amount(gid(aliceIDR), "10"), token: token)
            expectUserError(spend, "spend", .walletFrozen, field: ["input", "walletId"])
            #expect(try await h.footprint() == before)

            let thawed = try await h.run(Self.status("unfreezeWallet"), ["id": gid(aliceIDR)], token: admin)
            #expect((thawed.payload("unfreezeWallet")?["wallet"] as? [String: Any])?["status"] as? String == "ACTIVE")
            let again = try await h.run(Docs.money("spend"), Docs.amount(gid(aliceIDR), "10"), token: token)
            #expect(again.objectID("spend", "transaction") != nil, "\(again.body)")

            let system = try #require(try await h.f.ledger.systemWallets(asset: h.f.idr.id).first)
            for id in ["garbage", gid(system), GlobalID.encode(.wallet, UUID())] {
                let missing = try await h.run(Self.status("freezeWallet"), ["id": id], token: admin)
                expectUserError(missing, "freezeWallet", .walletNotFound, field: ["walletId"])
            }
            #expect(try await h.f.reload(system).status == .active)
        }
    }

    /// Found by schemathesis on PostgreSQL: a NUL in a text parameter is an error there (22021), so an asset code
    /// no asset can have must never reach the database.
    @Test(arguments: Engine.all)
    func anAssetCodeNoAssetCanHaveIsAssetNotFound(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let token = try await h.token(alice)
            for code in ["ID\u{0}R", "\u{0}", "idr\u{0}", String(repeating: "A", count: 17), "I", "IDR-"] {
                let answer = try await h.run(Self.createWallet, ["input": ["assetCode": code]], token: token)
                #expect(answer.userErrorCodes("createWallet") == ["ASSET_NOT_FOUND"], "\(code.debugDescription): \(answer.body)")
            }
            let asset = try await h.run("query($c: String!) { asset(code: $c) { id } }", ["c": "ID\u{0}R"], token: token)
            #expect(asset.errors.isEmpty && asset.isNull("asset"), "\(asset.body)")
            #expect(try await h.f.ledger.asset(code: "ID\u{0}R") == nil)
        }
    }
}
