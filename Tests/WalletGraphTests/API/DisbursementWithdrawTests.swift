import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraph

/// disbursementQuote and withdraw through the API, on both engines: the BCA fee of Rp 6,500, the amounts shown,
/// every rule in the ledger's order with its field (and nothing written), retries, and other users' wallets and
/// methods behaving as missing ones.
@Suite struct DisbursementWithdrawTests {
    typealias Docs = WithdrawalDocuments

    @Test(arguments: Engine.all)
    func aQuoteShowsTheBCAFeeOf6500AndTheLimits(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 1_000_000)
            let token = try await h.token(alice)
            let bca = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            let gopay = try await h.addMethod(token, type: "E_WALLET", provider: "GOPAY", number: "081234567890")

            let quote = try await h.run(Docs.quote, ["w": gid(wallet), "a": "100000"], token: token)
            #expect(quote.errorCodes.isEmpty, "\(quote.body)")
            #expect(quote.data("disbursementQuote.fee") as? String == "6500", "\(quote.body)")
            #expect(quote.data("disbursementQuote.totalDebit") as? String == "106500")
            #expect(quote.data("disbursementQuote.minimum") as? String == "10000")
            #expect(quote.data("disbursementQuote.maximum") as? String == "50000000")
            #expect(quote.data("disbursementQuote.remainingToday") as? String == "100000000")
            #expect(quote.data("disbursementQuote.currency") as? String == "IDR")
            #expect(quote.data("disbursementQuote.method.id") as? String == bca)

            // GoPay: 1 % of 100,000, within its minimum 1,000 and maximum 10,000.
            let named = try await h.run(Docs.quote, ["w": gid(wallet), "a": "100000", "m": gopay], token: token)
            #expect(named.data("disbursementQuote.fee") as? String == "1000", "\(named.body)")
            #expect(named.data("disbursementQuote.method.provider") as? String == "GOPAY")

            // A withdrawal counts against what remains today.
            _ = try await h.withdraw(token, wallet, "250000")
            let later = try await h.run(Docs.quote, ["w": gid(wallet), "a": "10000"], token: token)
            #expect(later.data("disbursementQuote.remainingToday") as? String == "99750000", "\(later.body)")
        }
    }

    @Test(arguments: Engine.all)
    func aQuoteForSomethingNotTheViewersIsATopLevelErrorLikeAMissingOne(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let carol = try await h.f.user("carol")
            let aliceIDR = try await h.f.wallet(alice)
            let aliceGold = try await h.f.wallet(alice, "GOLD")
            let bobIDR = try await h.f.wallet(bob)
            let carolIDR = try await h.f.wallet(carol)
            let token = try await h.token(alice)
            _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            let bobMethod = try await h.addMethod(try await h.token(bob), provider: "BCA", number: "1234567890")
            let cases: [([String: Any], String, String?, String)] = [
                (["w": "garbage", "a": "100000"], "WALLET_NOT_FOUND", "walletId", "alice"),
                (["w": gid(bobIDR), "a": "100000"], "WALLET_NOT_FOUND", "walletId", "alice"),
                (["w": GlobalID.encode(.wallet, UUID()), "a": "100000"], "WALLET_NOT_FOUND", "walletId", "alice"),
                (["w": gid(bobIDR), "a": "1.5"], "WALLET_NOT_FOUND", "walletId", "alice"),
                (["w": gid(aliceIDR), "a": "1.5"], "INVALID_AMOUNT", "amount", "alice"),
                (["w": gid(aliceIDR), "a": "99999999999999999999"], "INVALID_AMOUNT", "amount", "alice"),
                (["w": gid(aliceGold), "a": "10"], "ASSET_NOT_SUPPORTED", "walletId", "alice"),
                (["w": gid(aliceIDR), "a": "100000", "m": bobMethod], "METHOD_NOT_FOUND", "methodId", "alice"),
                (["w": gid(aliceIDR), "a": "100000", "m": "garbage"], "METHOD_NOT_FOUND", "methodId", "alice"),
                (["w": gid(aliceIDR), "a": "100000", "m": gid(aliceIDR)], "METHOD_NOT_FOUND", "methodId", "alice"),
                (["w": gid(carolIDR), "a": "100000"], "METHOD_NOT_FOUND", "methodId", "carol"),
            ]
            for (variables, code, field, who) in cases {
                let asWho = who == "alice" ? token : try await h.token(carol)
                let result = try await h.run(Docs.quote, variables, token: asWho)
                #expect(result.errorCodes == [code], "\(variables): \(result.body)")
                #expect(result.dataIsNull, "\(result.body)")
                let extensions = result.errors.first?["extensions"] as? [String: Any]
                #expect(extensions?["field"] as? String == field, "\(result.body)")
            }
            let indonesian = try await h.run(
                Docs.quote, ["w": gid(bobIDR), "a": "100000"], token: token, language: .indonesian)
            #expect(indonesian.errors.first?["message"] as? String == "Dompet tidak ditemukan.")
        }
    }

    @Test(arguments: Engine.all)
    func aWithdrawalHoldsAmountPlusFeeAndARetryReturnsTheSameOne(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 1_000_000)
            let token = try await h.token(alice)
            let bca = try await h.addMethod(token, provider: "BCA", number: "1234567890")

            let input = Docs.withdrawInput(gid(wallet), "100000", key: "w-1", description: "rent")
            let result = try await h.run(Docs.withdraw, input, token: token)
            #expect(result.userErrors("withdraw").isEmpty, "\(result.body)")
            let d = try #require(result.payload("withdraw")?["disbursement"] as? [String: Any], "\(result.body)")
            #expect(d["amount"] as? String == "100000")
            #expect(d["fee"] as? String == "6500")
            #expect(d["currency"] as? String == "IDR")
            #expect(d["status"] as? String == "PENDING")
            #expect(d["remainingBalance"] as? String == "893500")
            #expect(d["description"] as? String == "rent")
            #expect(d["failureReason"] is NSNull && d["processingAt"] is NSNull && d["resolvedAt"] is NSNull)
            #expect((d["method"] as? [String: Any])?["id"] as? String == bca)
            #expect((d["wallet"] as? [String: Any])?["id"] as? String == gid(wallet))
            let transactions = d["transactions"] as? [[String: Any]] ?? []
            #expect(transactions.map { $0["type"] as? String } == ["WITHDRAWAL"])
            #expect(transactions.map { $0["status"] as? String } == ["PENDING"])
            #expect(transactions.map { $0["amount"] as? String } == ["100000"])
            #expect(try await h.balance(wallet) == 893_500)

            let before = try await h.footprint()
            let again = try await h.run(Docs.withdraw, input, token: token)
            #expect(again.data("withdraw.disbursement.referenceId") as? String == d["referenceId"] as? String)
            #expect(try await h.footprint() == before)
            // The same key for another request is a conflict, and writes nothing.
            let conflict = try await h.run(
                Docs.withdraw, Docs.withdrawInput(gid(wallet), "100001", key: "w-1"), token: token)
            expectUserError(conflict, "withdraw", .idempotencyConflict, field: ["input", "idempotencyKey"])
            #expect(try await h.footprint() == before)
            #expect(try await h.f.ledger.reconcile().isClean)
        }
    }

    @Test(arguments: Engine.all)
    func everyWithdrawalRuleIsAUserErrorAtItsFieldAndWritesNothing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let wallet = try await h.f.wallet(alice)
            let gold = try await h.f.wallet(alice, "GOLD")
            let small = try await h.f.wallet(alice, label: "small")
            let bobIDR = try await h.f.wallet(bob)
            try await h.f.fund(wallet, 200_000_000)
            try await h.f.fund(small, 100_000)
            try await h.f.fund(gold, 1_000_000)
            try await h.f.fund(bobIDR, 1_000_000)
            let token = try await h.token(alice)
            let bobToken = try await h.token(bob)
            _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            let bobMethod = try await h.addMethod(bobToken, provider: "BCA", number: "1234567890")

            let cases: [([String: Any], WalletGraph.ErrorCode, [String])] = [
                (Docs.withdrawInput("garbage", "100000"), .walletNotFound, ["input", "walletId"]),
                (Docs.withdrawInput(gid(bobIDR), "100000"), .walletNotFound, ["input", "walletId"]),
                (Docs.withdrawInput(gid(bobIDR), "1.5"), .walletNotFound, ["input", "walletId"]),
                (Docs.withdrawInput(GlobalID.encode(.wallet, UUID()), "100000"), .walletNotFound, ["input", "walletId"]),
                (Docs.withdrawInput(gid(wallet), "1.5"), .invalidAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(wallet), "0"), .invalidAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(wallet), "99999999999999999999"), .invalidAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(gold), "10"), .assetNotSupported, ["input", "walletId"]),
                (Docs.withdrawInput(gid(wallet), "9999"), .minimumAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(wallet), "50000001"), .maximumAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(wallet), "100000", method: bobMethod), .methodNotFound, ["input", "methodId"]),
                (Docs.withdrawInput(gid(wallet), "100000", method: "garbage"), .methodNotFound, ["input", "methodId"]),
                // A malformed method id is answered where a missing one is: after the limits.
                (Docs.withdrawInput(gid(wallet), "9999", method: "garbage"), .minimumAmount, ["input", "amount"]),
                (Docs.withdrawInput(gid(small), "95000"), .insufficientBalance, ["input", "amount"]),
            ]
            for (variables, code, field) in cases {
                let before = try await h.footprint()
                let result = try await h.run(Docs.withdraw, variables, token: token)
                expectUserError(result, "withdraw", code, field: field)
                #expect(result.data("withdraw.disbursement") == nil)
                #expect(try await h.footprint() == before, "\(variables)")
            }
            let indonesian = try await h.run(
                Docs.withdraw, Docs.withdrawInput(gid(small), "95000"), token: token, language: .indonesian)
            #expect(indonesian.userErrors("withdraw").first?.message == "Saldo dompet tidak mencukupi")

            // The daily limit (Rp 100,000,000, fees excluded) counts today's withdrawals.
            _ = try await h.withdraw(token, wallet, "50000000")
            _ = try await h.withdraw(token, wallet, "49990000")
            let before = try await h.footprint()
            let over = try await h.run(Docs.withdraw, Docs.withdrawInput(gid(wallet), "10001"), token: token)
            expectUserError(over, "withdraw", .dailyLimitExceeded, field: ["input", "amount"])
            #expect(try await h.footprint() == before)
            let exact = try await h.run(Docs.withdraw, Docs.withdrawInput(gid(wallet), "10000"), token: token)
            #expect(exact.userErrors("withdraw").isEmpty, "\(exact.body)")

            // Without any method, the default is missing.
            let none = try await h.run(Docs.withdraw, Docs.withdrawInput(gid(bobIDR), "10000"), token: try await h.token(try await h.f.user("carol")))
            expectUserError(none, "withdraw", .walletNotFound, field: ["input", "walletId"])
            let anonymous = try await h.run(Docs.withdraw, Docs.withdrawInput(gid(wallet), "10000"))
            expectTopLevelError(anonymous, "UNAUTHENTICATED")
            #expect(try await h.f.ledger.reconcile().isClean)
        }
    }

    @Test(arguments: Engine.all)
    func withoutAnyMethodAWithdrawalIsMethodNotFound(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let carol = try await h.f.user("carol")
            let wallet = try await h.f.wallet(carol)
            try await h.f.fund(wallet, 100_000)
            let before = try await h.footprint()
            let result = try await h.run(
                Docs.withdraw, Docs.withdrawInput(gid(wallet), "10000"), token: try await h.token(carol))
            expectUserError(result, "withdraw", .methodNotFound, field: ["input", "methodId"])
            #expect(try await h.footprint() == before)
        }
    }
}
