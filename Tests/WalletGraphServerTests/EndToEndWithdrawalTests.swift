import DatabaseTestSupport
import Foundation
import Testing
import WalletGraph

/// Withdrawals over real HTTP against the seeded demo (alice, bob, admin root), on both engines: a payout from
/// method to completion, a failure refunded in full, Indonesian messages, other users' objects, and after every
/// refusal proof that nothing was written.
@Suite("End to end: withdrawals")
struct EndToEndWithdrawalTests {
    static let addMethod = """
        mutation($i: AddDisbursementMethodInput!) {
          addDisbursementMethod(input: $i) { method { id provider bankCode accountNumberMasked isDefault } userErrors { code message field } }
        }
        """
    static let quote = """
        query($w: ID!, $a: Decimal!, $m: ID) { disbursementQuote(walletId: $w, amount: $a, methodId: $m) { fee totalDebit remainingToday currency } }
        """
    static let fields = "id referenceId amount fee currency status remainingBalance failureReason method { id } transactions { type status }"
    static let withdraw = """
        mutation($i: WithdrawInput!) { withdraw(input: $i) { disbursement { \(fields) } userErrors { code message field } } }
        """
    static func transition(_ name: String) -> String {
        "mutation($r: String!) { \(name)(referenceId: $r) { disbursement { \(fields) } userErrors { code message field } } }"
    }
    static let fail = """
        mutation($r: String!, $reason: String!) { failDisbursement(referenceId: $r, reason: $reason) { disbursement { \(fields) } userErrors { code message field } } }
        """

    /// Adds a BCA account for the holder of `token` (a number the demo seed does not use) and returns its id.
    static func addBCA(_ server: LiveServer, _ token: String, number: String = "7700112233") async throws -> String {
        let added = try await server.graphql(
            addMethod,
            variables: ["i": ["type": "BANK_TRANSFER", "provider": "BCA", "accountNumber": number, "accountHolderName": "Demo Holder", "isDefault": true]],
            token: token)
        guard let id = added.string("addDisbursementMethod.method.id") else { throw E2EFailure("addBCA: \(added.body)") }
        return id
    }

    static func withdrawInput(_ wallet: String, _ amount: String, method: String? = nil) -> [String: Any] {
        var input: [String: Any] = ["walletId": wallet, "amount": amount, "idempotencyKey": UUID().uuidString]
        if let method { input["methodId"] = method }
        return ["i": input]
    }

    @Test("a BCA payout: quote, hold, processing, completion, balances", arguments: Engine.all)
    func payout(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            let method = try await Self.addBCA(server, alice)
            let wallet = try await server.wallet(alice, asset: "IDR")
            let start = try #require(Int64(wallet.balance))

            let quote = try await server.graphql(Self.quote, variables: ["w": wallet.id, "a": "100000", "m": method], token: alice)
            #expect(quote.string("disbursementQuote.fee") == "6500", "\(quote.body)")
            #expect(quote.string("disbursementQuote.totalDebit") == "106500")
            #expect(quote.string("disbursementQuote.currency") == "IDR")

            let held = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(wallet.id, "100000", method: method), token: alice)
            #expect(held.userErrors("withdraw").isEmpty, "\(held.body)")
            #expect(held.string("withdraw.disbursement.status") == "PENDING")
            #expect(held.string("withdraw.disbursement.fee") == "6500")
            #expect(held.string("withdraw.disbursement.remainingBalance") == String(start - 106_500))
            let reference = try #require(held.string("withdraw.disbursement.referenceId"))
            #expect(try await server.wallet(alice, asset: "IDR").balance == String(start - 106_500))

            let processed = try await server.graphql(Self.transition("processDisbursement"), variables: ["r": reference], token: admin)
            #expect(processed.string("processDisbursement.disbursement.status") == "PROCESSING", "\(processed.body)")
            let completed = try await server.graphql(Self.transition("completeDisbursement"), variables: ["r": reference], token: admin)
            #expect(completed.string("completeDisbursement.disbursement.status") == "COMPLETED", "\(completed.body)")
            let types = (completed.data("completeDisbursement.disbursement.transactions") as? [[String: Any]] ?? []).map { $0["type"] as? String }
            #expect(types == ["WITHDRAWAL", "WITHDRAWAL_SETTLEMENT"])
            #expect(try await server.wallet(alice, asset: "IDR").balance == String(start - 106_500))

            // Alice reads it back; her history lists the hold as a WITHDRAWAL.
            let read = try await server.graphql(
                "query($r: String!) { disbursement(referenceId: $r) { status } transactions(first: 1) { edges { node { type status amount } } } }",
                variables: ["r": reference], token: alice)
            #expect(read.string("disbursement.status") == "COMPLETED", "\(read.body)")
            #expect(read.string("transactions.edges.0.node.type") == "WITHDRAWAL")
            #expect(read.string("transactions.edges.0.node.status") == "COMPLETED")
            let reconcile = try await server.graphql("{ reconcile { isClean summary } }", token: admin)
            #expect(reconcile.data("reconcile.isClean") as? Bool == true, "\(reconcile.body)")
        }
    }

    @Test("a failed payout is refunded in full, fee included", arguments: Engine.all)
    func refund(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let bob = try await server.signIn("bob", "password456")
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            _ = try await Self.addBCA(server, bob)
            let wallet = try await server.wallet(bob, asset: "IDR")
            let held = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(wallet.id, "50000"), token: bob)
            let reference = try #require(held.string("withdraw.disbursement.referenceId"), "\(held.body)")
            #expect(try await server.wallet(bob, asset: "IDR").balance == String(Int64(wallet.balance)! - 56_500))

            let failed = try await server.graphql(Self.fail, variables: ["r": reference, "reason": "Rekening ditutup"], token: admin)
            #expect(failed.string("failDisbursement.disbursement.status") == "FAILED", "\(failed.body)")
            #expect(failed.string("failDisbursement.disbursement.failureReason") == "Rekening ditutup")
            let types = (failed.data("failDisbursement.disbursement.transactions") as? [[String: Any]] ?? []).map { $0["type"] as? String }
            #expect(types == ["WITHDRAWAL", "WITHDRAWAL_REFUND"])
            #expect(try await server.wallet(bob, asset: "IDR").balance == wallet.balance)

            // Completing a failed one is illegal, and changes nothing.
            let before = try await server.footprint()
            let complete = try await server.graphql(Self.transition("completeDisbursement"), variables: ["r": reference], token: admin)
            #expect(complete.userErrorCodes("completeDisbursement") == ["INVALID_STATE_TRANSITION"], "\(complete.body)")
            #expect(try await server.footprint() == before)
            let reconcile = try await server.graphql("{ reconcile { isClean } }", token: admin)
            #expect(reconcile.data("reconcile.isClean") as? Bool == true, "\(reconcile.body)")
        }
    }

    @Test("refusals in Indonesian, and nothing written", arguments: Engine.all)
    func indonesian(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let bob = try await server.signIn("bob", "password456")
            _ = try await Self.addBCA(server, bob)
            let wallet = try await server.wallet(bob, asset: "IDR")
            let gold = try await server.wallet(bob, asset: "GOLD")
            let balance = try #require(Int64(wallet.balance))
            let cases: [(String, String, String, String)] = [
                (wallet.id, String(balance - 1_000), "INSUFFICIENT_BALANCE", "Saldo dompet tidak mencukupi"),
                (wallet.id, "9999", "MINIMUM_AMOUNT", WalletGraph.ErrorCode.minimumAmount.message(in: .indonesian)),
                (gold.id, "1", "ASSET_NOT_SUPPORTED", WalletGraph.ErrorCode.assetNotSupported.message(in: .indonesian)),
            ]
            for (walletID, amount, code, message) in cases {
                let before = try await server.footprint()
                let answer = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(walletID, amount), token: bob, language: "id")
                let errors = answer.userErrors("withdraw")
                #expect(errors.first?.code == code, "\(answer.body)")
                #expect(errors.first?.message == message)
                #expect(errors.first?.field == ["input", code == "ASSET_NOT_SUPPORTED" ? "walletId" : "amount"])
                #expect(try await server.footprint() == before)
            }
            let before = try await server.footprint()
            let quote = try await server.graphql(
                Self.quote, variables: ["w": "garbage", "a": "100000"], token: bob, language: "id")
            #expect(quote.errorCodes == ["WALLET_NOT_FOUND"], "\(quote.body)")
            #expect(quote.errorMessages == ["Dompet tidak ditemukan."])
            let bad = try await server.graphql(
                Self.addMethod,
                variables: ["i": ["type": "BANK_TRANSFER", "provider": "BRI", "accountNumber": "123", "accountHolderName": "Bob"]],
                token: bob, language: "id")
            #expect(bad.userErrorCodes("addDisbursementMethod") == ["INVALID_ACCOUNT_NUMBER"], "\(bad.body)")
            #expect(bad.userErrors("addDisbursementMethod").first?.message
                == WalletGraph.ErrorCode.invalidAccountNumber.message(in: .indonesian))
            #expect(try await server.footprint() == before)
        }
    }

    @Test("other users' methods, wallets and withdrawals behave as missing ones; users may not resolve payouts", arguments: Engine.all)
    func idor(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let alice = try await server.signIn("alice", "password123")
            let bob = try await server.signIn("bob", "password456")
            let aliceMethod = try await Self.addBCA(server, alice)
            _ = try await Self.addBCA(server, bob, number: "7700112244")
            let aliceWallet = try await server.wallet(alice, asset: "IDR")
            let bobWallet = try await server.wallet(bob, asset: "IDR")
            let held = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(aliceWallet.id, "20000"), token: alice)
            let reference = try #require(held.string("withdraw.disbursement.referenceId"), "\(held.body)")
            let aliceDisbursement = try #require(held.string("withdraw.disbursement.id"))
            let before = try await server.footprint()

            // Bob and alice's method: exactly as a made-up one.
            for id in [aliceMethod, "garbage", GlobalID.encode(.disbursementMethod, UUID())] {
                let withdraw = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(bobWallet.id, "20000", method: id), token: bob)
                #expect(withdraw.userErrorCodes("withdraw") == ["METHOD_NOT_FOUND"], "\(withdraw.body)")
                for name in ["setDefaultDisbursementMethod", "removeDisbursementMethod"] {
                    let change = try await server.graphql(
                        "mutation($id: ID!) { \(name)(id: $id) { method { id } userErrors { code field } } }", variables: ["id": id], token: bob)
                    #expect(change.userErrorCodes(name) == ["METHOD_NOT_FOUND"], "\(change.body)")
                    #expect(change.data("\(name).method") == nil)
                }
                let quote = try await server.graphql(Self.quote, variables: ["w": bobWallet.id, "a": "20000", "m": id], token: bob)
                #expect(quote.errorCodes == ["METHOD_NOT_FOUND"], "\(quote.body)")
                #expect(try await server.footprint() == before)
            }
            // Bob and alice's wallet: WALLET_NOT_FOUND, in the quote and in withdraw.
            for id in [aliceWallet.id, GlobalID.encode(.wallet, UUID())] {
                let quote = try await server.graphql(Self.quote, variables: ["w": id, "a": "20000"], token: bob)
                #expect(quote.errorCodes == ["WALLET_NOT_FOUND"], "\(quote.body)")
                let withdraw = try await server.graphql(Self.withdraw, variables: Self.withdrawInput(id, "20000"), token: bob)
                #expect(withdraw.userErrorCodes("withdraw") == ["WALLET_NOT_FOUND"], "\(withdraw.body)")
                #expect(try await server.footprint() == before)
            }
            // Bob and alice's withdrawal: null, like a missing one; and he may not resolve it.
            let read = try await server.graphql(
                "query($r: String!, $id: ID!) { disbursement(referenceId: $r) { id } node(id: $id) { id } disbursements { totalCount } }",
                variables: ["r": reference, "id": aliceDisbursement], token: bob)
            #expect(read.errorCodes.isEmpty, "\(read.body)")
            #expect(read.data("disbursement") == nil && read.data("node") == nil)
            #expect(read.data("disbursements.totalCount") as? Int == 0)
            for name in ["processDisbursement", "completeDisbursement"] {
                let answer = try await server.graphql(Self.transition(name), variables: ["r": reference], token: alice)
                #expect(answer.errorCodes == ["FORBIDDEN"], "\(answer.body)")
            }
            let fail = try await server.graphql(Self.fail, variables: ["r": reference, "reason": "mine"], token: bob)
            #expect(fail.errorCodes == ["FORBIDDEN"], "\(fail.body)")
            #expect(try await server.footprint() == before)
            let methods = try await server.graphql("{ disbursementMethods { id } }", token: alice)
            #expect((methods.data("disbursementMethods") as? [[String: Any]])?.map { $0["id"] as? String }.contains(aliceMethod) == true)
        }
    }

    /// 20 withdrawals sent at once over HTTP: alice's together exceed a daily limit of Rp 300,000 (15 of
    /// Rp 20,000 fit), charlie's exceed his Rp 250,000 balance (4 of Rp 50,000 + Rp 6,500 fit, within the limit). Exactly those
    /// succeed, the rest get the right code, and reconcile is clean.
    @Test("20 parallel withdrawals over HTTP against the daily limit and the balance", arguments: Engine.all)
    func parallelWithdrawals(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["DAILY_WITHDRAWAL_LIMIT": "300000"]) { server in
            let admin = try await server.signIn(LiveServer.adminUsername, LiveServer.adminPassword)
            for (user, password, amount, fits, refusal) in [
                ("alice", "password123", "20000", 15, "DAILY_LIMIT_EXCEEDED"),
                ("charlie", "password789", "50000", 4, "INSUFFICIENT_BALANCE"),
            ] {
                let token = try await server.signIn(user, password)
                _ = try await Self.addBCA(server, token, number: user == "alice" ? "7700000001" : "7700000002")
                let wallet = try await server.wallet(token, asset: "IDR")
                let start = try #require(Int64(wallet.balance))
                let codes = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            let answer = try await server.graphql(
                                Self.withdraw, variables: Self.withdrawInput(wallet.id, amount), token: token)
                            if answer.string("withdraw.disbursement.status") == "PENDING" { return "PENDING" }
                            return answer.string("withdraw.userErrors.0.code") ?? answer.body
                        }
                    }
                    var codes: [String] = []
                    for try await code in group { codes.append(code) }
                    return codes
                }
                #expect(codes.filter { $0 == "PENDING" }.count == fits, "\(user): \(codes)")
                #expect(codes.filter { $0 == refusal }.count == 20 - fits, "\(user): \(codes)")
                let after = try #require(Int64(try await server.wallet(token, asset: "IDR").balance))
                #expect(after == start - Int64(fits) * (Int64(amount)! + 6_500), "\(user)")
                #expect(after >= 0)
            }
            let report = try await server.graphql("{ reconcile { isClean problems } }", token: admin)
            #expect(report.json["data"].flatMap { JSONPath.value(in: $0, at: "reconcile.isClean") } as? Bool == true, "\(report.body)")
        }
    }
}
