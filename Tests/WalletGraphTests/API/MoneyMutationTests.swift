import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// topUp, spend, grantBonus and transfer through the API, on both engines: happy paths, retries, amounts,
/// other users' wallets. Balances are checked through the ledger, not through GraphQL reads.
@Suite struct MoneyMutationTests {
    typealias Docs = MutationDocuments

    @Test(arguments: Engine.all)
    func everyMoneyMutationMovesMoney(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let bobIDR = try await h.f.wallet(bob)
            let aliceToken = try await h.token(alice)

            let topUp = try await h.run(Docs.money("topUp"), Docs.amount(gid(aliceIDR), "1000"), token: aliceToken)
            #expect(topUp.userErrors("topUp").isEmpty, "\(topUp.body)")
            let topUpID = try #require(transactionUUID(topUp.objectID("topUp", "transaction")))
            #expect(try await h.f.ledger.transaction(topUpID)?.transaction.type == .topUp)

            let spend = try await h.run(Docs.money("spend"), Docs.amount(gid(aliceIDR), "300"), token: aliceToken)
            #expect(transactionUUID(spend.objectID("spend", "transaction")) != nil, "\(spend.body)")

            let bonus = try await h.run(
                Docs.money("grantBonus"), Docs.amount(gid(aliceIDR), "50"), token: try await h.token(h.f.admin))
            #expect(transactionUUID(bonus.objectID("grantBonus", "transaction")) != nil, "\(bonus.body)")

            // An operator tops up anyone's wallet.
            let gateway = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(bobIDR), "5"), token: try await h.token(h.f.gateway))
            #expect(transactionUUID(gateway.objectID("topUp", "transaction")) != nil, "\(gateway.body)")

            let byID = try await h.run(
                Docs.transfer,
                ["input": ["fromWalletId": gid(aliceIDR), "toWalletId": gid(bobIDR), "amount": "100",
                    "idempotencyKey": "t1", "description": "lunch"]],
                token: aliceToken)
            let byIDTransaction = try #require(transactionUUID(byID.objectID("transfer", "transaction")), "\(byID.body)")
            #expect(try await h.f.ledger.transaction(byIDTransaction)?.transaction.description == "lunch")

            // By username: bob's default IDR wallet, whatever case the name is given in.
            let byName = try await h.run(
                Docs.transfer,
                ["input": ["fromWalletId": gid(aliceIDR), "toUsername": "Bob", "amount": "200", "idempotencyKey": "t2"]],
                token: aliceToken)
            #expect(transactionUUID(byName.objectID("transfer", "transaction")) != nil, "\(byName.body)")

            #expect(try await h.balance(aliceIDR) == 1000 - 300 + 50 - 100 - 200)
            #expect(try await h.balance(bobIDR) == 5 + 100 + 200)
            #expect(try await h.f.footprint().transactions == 6)
            #expect(try await h.f.ledger.reconcile().isClean)
        }
    }

    @Test(arguments: Engine.all)
    func aRetryWithTheSameKeyReturnsTheSameTransactionAndWritesOnce(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let bobIDR = try await h.f.wallet(bob)
            let token = try await h.token(alice)

            let input = Docs.amount(gid(aliceIDR), "1000", key: "top-1")
            let first = try await h.run(Docs.money("topUp"), input, token: token)
            let again = try await h.run(Docs.money("topUp"), input, token: token)
            #expect(first.objectID("topUp", "transaction") != nil)
            #expect(first.objectID("topUp", "transaction") == again.objectID("topUp", "transaction"))

            let transfer: [String: Any] = [
                "input": ["fromWalletId": gid(aliceIDR), "toUsername": "bob", "amount": "10", "idempotencyKey": "tr-1"]
            ]
            let sent = try await h.run(Docs.transfer, transfer, token: token)
            let resent = try await h.run(Docs.transfer, transfer, token: token)
            #expect(sent.objectID("transfer", "transaction") != nil)
            #expect(sent.objectID("transfer", "transaction") == resent.objectID("transfer", "transaction"))
            #expect(try await h.f.footprint().transactions == 2)
            #expect(try await h.balance(aliceIDR) == 990)
            #expect(try await h.balance(bobIDR) == 10)

            // The same key for a different request: a conflict naming the field, and nothing written.
            let before = try await h.footprint()
            let conflict = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(aliceIDR), "999", key: "top-1"), token: token)
            expectUserError(conflict, "topUp", .idempotencyConflict, field: ["input", "idempotencyKey"])
            #expect(conflict.userErrors("topUp").first?.message.contains("amount") == true)
            let badKey = try await h.run(Docs.money("topUp"), Docs.amount(gid(aliceIDR), "1", key: ""), token: token)
            expectUserError(badKey, "topUp", .invalidIdempotencyKey, field: ["input", "idempotencyKey"])
            #expect(try await h.footprint() == before)
        }
    }

    @Test(arguments: Engine.all)
    func badAmountsAreInvalidAmountAndWriteNothing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let aliceGold = try await h.f.wallet(alice, "GOLD")
            let bobIDR = try await h.f.wallet(bob)
            try await h.f.fund(aliceIDR, 1000)
            try await h.f.fund(aliceGold, 50_000)
            let token = try await h.token(alice)
            let admin = try await h.token(h.f.admin)
            let before = try await h.footprint()

            for amount in ["0", "-5", "1.5", "99999999999999999999", "-0", "0.0"] {
                for (name, who) in [("topUp", token), ("spend", token), ("grantBonus", admin)] {
                    let result = try await h.run(Docs.money(name), Docs.amount(gid(aliceIDR), amount), token: who)
                    expectUserError(result, name, .invalidAmount, field: ["input", "amount"])
                }
                let transfer = try await h.run(
                    Docs.transfer,
                    ["input": ["fromWalletId": gid(aliceIDR), "toWalletId": gid(bobIDR), "amount": amount,
                        "idempotencyKey": UUID().uuidString]],
                    token: token)
                expectUserError(transfer, "transfer", .invalidAmount, field: ["input", "amount"])
            }
            // GOLD has four decimal places: a fifth is too many.
            let overScale = try await h.run(Docs.money("spend"), Docs.amount(gid(aliceGold), "0.00001"), token: token)
            expectUserError(overScale, "spend", .invalidAmount, field: ["input", "amount"])
            // A float is not a Decimal at all: as a literal, a validation failure (400); as a variable, a request
            // error (400). Either way nothing runs.
            let float = try await h.run(
                "mutation { topUp(input: {walletId: \"\(gid(aliceIDR))\", amount: 1.5, idempotencyKey: \"f\"}) { transaction { id } } }",
                token: token)
            #expect(float.outcome == .requestError, "\(float.body)")
            #expect(float.errorCodes == ["GRAPHQL_VALIDATION_FAILED"], "\(float.body)")
            // An integer literal beyond 64 bits is a number too large for any wallet: INVALID_AMOUNT, not a type error.
            let huge = try await h.run(
                "mutation { topUp(input: {walletId: \"\(gid(aliceIDR))\", amount: 99999999999999999999999, idempotencyKey: \"h\"}) { transaction { id } userErrors { code field } } }",
                token: token)
            expectUserError(huge, "topUp", .invalidAmount, field: ["input", "amount"])
            let longText = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(aliceIDR), String(repeating: "9", count: 200)), token: token)
            expectUserError(longText, "topUp", .invalidAmount, field: ["input", "amount"])
            let floatVariable = try await h.run(Docs.money("topUp"), Docs.amount(gid(aliceIDR), 1.5), token: token)
            #expect(floatVariable.outcome == .requestError, "\(floatVariable.body)")
            let words = try await h.run(Docs.money("topUp"), Docs.amount(gid(aliceIDR), "ten"), token: token)
            #expect(words.outcome == .requestError, "\(words.body)")
            #expect(try await h.footprint() == before)

            // An integer literal is a Decimal too, beyond GraphQL's 32-bit Int: 2^31 rupiah.
            let big = try await h.run(
                "mutation { topUp(input: {walletId: \"\(gid(aliceIDR))\", amount: 2147483648, idempotencyKey: \"big\"}) { transaction { id } userErrors { code } } }",
                token: token)
            #expect(big.objectID("topUp", "transaction") != nil, "\(big.body)")
            #expect(try await h.balance(aliceIDR) == 1000 + 2_147_483_648)
            // Within the scale is fine: 1.2345 GOLD is 12345 minor units.
            let gold = try await h.run(Docs.money("spend"), Docs.amount(gid(aliceGold), "1.2345"), token: token)
            #expect(gold.objectID("spend", "transaction") != nil, "\(gold.body)")
            #expect(try await h.balance(aliceGold) == 50_000 - 12_345)
        }
    }

    @Test(arguments: Engine.all)
    func anotherUsersWalletBehavesAsAMissingOne(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let bobIDR = try await h.f.wallet(bob)
            let bobSecond = try await h.f.wallet(bob, label: "savings")
            try await h.f.fund(aliceIDR, 1000)
            try await h.f.fund(bobIDR, 1000)
            let token = try await h.token(alice)
            let system = try #require(try await h.f.ledger.systemWallets(asset: h.f.idr.id).first)
            let before = try await h.footprint()

            // Bob's wallet, a system wallet, an id of another type, garbage and a well-formed unknown id.
            let foreign = [
                gid(bobIDR), gid(system), GlobalID.encode(.asset, h.f.idr.id), "not-an-id",
                GlobalID.encode(.wallet, UUID()),
            ]
            for id in foreign {
                for name in ["topUp", "spend"] {
                    let result = try await h.run(Docs.money(name), Docs.amount(id, "10"), token: token)
                    expectUserError(result, name, .walletNotFound, field: ["input", "walletId"])
                    // The amount is not even looked at: a bad one says the same.
                    let bad = try await h.run(Docs.money(name), Docs.amount(id, "1.5"), token: token)
                    expectUserError(bad, name, .walletNotFound, field: ["input", "walletId"])
                }
                let from = try await h.run(
                    Docs.transfer,
                    ["input": ["fromWalletId": id, "toWalletId": gid(aliceIDR), "amount": "10", "idempotencyKey": "x"]],
                    token: token)
                expectUserError(from, "transfer", .walletNotFound, field: ["input", "fromWalletId"])
                let setDefault = try await h.run(
                    "mutation($id: ID!) { setDefaultWallet(walletId: $id) { wallet { id } userErrors { code field } } }",
                    ["id": id], token: token)
                expectUserError(setDefault, "setDefaultWallet", .walletNotFound, field: ["walletId"])
                #expect(setDefault.payload("setDefaultWallet")?["wallet"] is NSNull)
            }
            // A payee that is not a user wallet is not found either.
            for id in foreign.dropFirst() {
                let to = try await h.run(
                    Docs.transfer,
                    ["input": ["fromWalletId": gid(aliceIDR), "toWalletId": id, "amount": "10", "idempotencyKey": "y"]],
                    token: token)
                expectUserError(to, "transfer", .walletNotFound, field: ["input", "toWalletId"])
            }
            #expect(try await h.footprint() == before)
            #expect(try await h.f.reload(bobSecond).isDefault == false)
        }
    }

    @Test(arguments: Engine.all)
    func transferNeedsExactlyOneDestinationAndRevealsNothingAboutIt(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let aliceGold = try await h.f.wallet(alice, "GOLD")
            let bobIDR = try await h.f.wallet(bob)
            let bobGold = try await h.f.wallet(bob, "GOLD")
            try await h.f.fund(aliceIDR, 1000)
            _ = try await h.f.ledger.freezeWallet(bobIDR.id, by: h.f.admin)
            let token = try await h.token(alice)
            let before = try await h.footprint()

            func transfer(_ destination: [String: Any]) async throws -> APIAnswer {
                var input: [String: Any] = [
                    "fromWalletId": gid(aliceIDR), "amount": "10", "idempotencyKey": UUID().uuidString,
                ]
                input.merge(destination) { $1 }
                return try await h.run(Docs.transfer, ["input": input], token: token)
            }
            let both = try await transfer(["toWalletId": gid(bobIDR), "toUsername": "bob"])
            expectUserError(both, "transfer", .invalidInput, field: ["input", "toWalletId"])
            let neither = try await transfer([:])
            expectUserError(neither, "transfer", .invalidInput, field: ["input", "toWalletId"])
            let nulls = try await transfer(["toWalletId": NSNull(), "toUsername": NSNull()])
            expectUserError(nulls, "transfer", .invalidInput, field: ["input", "toWalletId"])
            let unknown = try await transfer(["toUsername": "nobody"])
            expectUserError(unknown, "transfer", .walletNotFound, field: ["input", "toUsername"])
            // Bob's frozen wallet and his GOLD wallet look exactly like missing ones.
            let frozen = try await transfer(["toWalletId": gid(bobIDR)])
            expectUserError(frozen, "transfer", .walletNotFound, field: ["input", "toWalletId"])
            let frozenByName = try await transfer(["toUsername": "bob"])
            expectUserError(frozenByName, "transfer", .walletNotFound, field: ["input", "toUsername"])
            let otherAsset = try await transfer(["toWalletId": gid(bobGold)])
            expectUserError(otherAsset, "transfer", .walletNotFound, field: ["input", "toWalletId"])
            // Her own wallets she may know about.
            let ownGold = try await transfer(["toWalletId": gid(aliceGold)])
            expectUserError(ownGold, "transfer", .assetMismatch, field: ["input", "toWalletId"])
            let herself = try await transfer(["toWalletId": gid(aliceIDR)])
            expectUserError(herself, "transfer", .sameWallet, field: ["input", "toWalletId"])
            let herselfByName = try await transfer(["toUsername": "alice"])
            expectUserError(herselfByName, "transfer", .sameWallet, field: ["input", "toUsername"])
            #expect(try await h.footprint() == before)
        }
    }

    @Test(arguments: Engine.all)
    func insufficientBalanceIsAUserErrorInTheRequestsLanguage(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            _ = try await h.f.wallet(bob)
            try await h.f.fund(aliceIDR, 100)
            let token = try await h.token(alice)
            let before = try await h.footprint()

            let spend = try await h.run(
                Docs.money("spend"), Docs.amount(gid(aliceIDR), "101"), token: token, language: .indonesian)
            expectUserError(spend, "spend", .insufficientBalance, field: ["input", "amount"])
            #expect(spend.userErrors("spend").first?.message == "Saldo dompet tidak mencukupi")
            let transfer = try await h.run(
                Docs.transfer,
                ["input": ["fromWalletId": gid(aliceIDR), "toUsername": "bob", "amount": "101", "idempotencyKey": "k"]],
                token: token)
            expectUserError(transfer, "transfer", .insufficientBalance, field: ["input", "amount"])
            #expect(transfer.userErrors("transfer").first?.message == "Insufficient wallet balance.")
            #expect(try await h.footprint() == before)
        }
    }

    @Test(arguments: Engine.all)
    func selfTopUpWhenSwitchedOffIsForbidden(engine: Engine) async throws {
        try await withAPI(engine, allowSelfTopUp: false) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceIDR = try await h.f.wallet(alice)
            let bobIDR = try await h.f.wallet(bob)
            let before = try await h.footprint()
            let own = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(aliceIDR), "10"), token: try await h.token(alice))
            expectTopLevelError(own, "FORBIDDEN")
            // Someone else's wallet is still simply not found.
            let other = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(bobIDR), "10"), token: try await h.token(alice))
            expectUserError(other, "topUp", .walletNotFound, field: ["input", "walletId"])
            #expect(try await h.footprint() == before)
            // The operator still tops up.
            let gateway = try await h.run(
                Docs.money("topUp"), Docs.amount(gid(aliceIDR), "10"), token: try await h.token(h.f.gateway))
            #expect(gateway.objectID("topUp", "transaction") != nil, "\(gateway.body)")
        }
    }
}
