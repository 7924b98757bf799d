import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraph

/// processDisbursement, completeDisbursement and failDisbursement through the API, on both engines: the back
/// office moves a withdrawal through its states, the ledger settles or refunds it, users are FORBIDDEN, and
/// illegal or unknown transitions are userErrors that write nothing.
@Suite struct DisbursementLifecycleTests {
    typealias Docs = WithdrawalDocuments

    /// alice's funded IDR wallet (Rp 1,000,000), her token, and the reference of a Rp 100,000 BCA withdrawal
    /// held from it.
    static func held(_ h: APIHarness) async throws -> (wallet: WalletRecord, token: String, reference: String) {
        let alice = try await h.f.user("alice")
        let wallet = try await h.f.wallet(alice)
        try await h.f.fund(wallet, 1_000_000)
        let token = try await h.token(alice)
        _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
        let reference = try #require(try await h.withdraw(token, wallet, "100000")["referenceId"] as? String)
        return (wallet, token, reference)
    }

    @Test(arguments: Engine.all)
    func anOperatorProcessesAndCompletesAndTheFeeBecomesRevenue(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 1_000_000)
            let token = try await h.token(alice)
            _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            let held = try await h.withdraw(token, wallet, "100000")
            let reference = try #require(held["referenceId"] as? String)
            let operatorToken = try await h.token(h.f.gateway)

            let processed = try await h.run(Docs.transition("processDisbursement"), ["r": reference], token: operatorToken)
            #expect(processed.userErrors("processDisbursement").isEmpty, "\(processed.body)")
            #expect(processed.data("processDisbursement.disbursement.status") as? String == "PROCESSING")
            #expect(processed.data("processDisbursement.disbursement.processingAt") is String)
            // The operator sees the withdrawal and its method, but not the user's wallet.
            #expect(processed.data("processDisbursement.disbursement.method.accountNumberMasked") as? String == "******7890")
            #expect(processed.data("processDisbursement.disbursement.wallet") == nil)
            // The full account number, which the payout needs, is for the back office only.
            let payTo = "query($r: String!) { disbursement(referenceId: $r) { method { accountNumber accountNumberMasked } } }"
            let seenByOperator = try await h.run(payTo, ["r": reference], token: operatorToken)
            #expect(seenByOperator.data("disbursement.method.accountNumber") as? String == "1234567890", "\(seenByOperator.body)")
            let seenByOwner = try await h.run(payTo, ["r": reference], token: token)
            #expect(seenByOwner.data("disbursement.method.accountNumberMasked") as? String == "******7890")
            #expect(seenByOwner.data("disbursement.method") != nil && seenByOwner.data("disbursement.method.accountNumber") == nil)
            let again = try await h.run(Docs.transition("processDisbursement"), ["r": reference], token: operatorToken)
            #expect(again.data("processDisbursement.disbursement.status") as? String == "PROCESSING", "\(again.body)")

            let completed = try await h.run(
                Docs.transition("completeDisbursement"), ["r": reference], token: try await h.token(h.f.admin))
            #expect(completed.userErrors("completeDisbursement").isEmpty, "\(completed.body)")
            #expect(completed.data("completeDisbursement.disbursement.status") as? String == "COMPLETED")
            #expect(completed.data("completeDisbursement.disbursement.resolvedAt") is String)
            #expect(completed.data("completeDisbursement.disbursement.wallet.id") as? String == gid(wallet))
            let transactions = completed.data("completeDisbursement.disbursement.transactions") as? [[String: Any]] ?? []
            #expect(transactions.map { $0["type"] as? String } == ["WITHDRAWAL", "WITHDRAWAL_SETTLEMENT"])
            #expect(transactions.map { $0["status"] as? String } == ["COMPLETED", "COMPLETED"])
            #expect(try await h.balance(wallet) == 893_500)

            // Only the hold touches the user's wallet: their history has the WITHDRAWAL (now readable by type), while
            // the settlement shows through the disbursement's `transactions`.
            let history = try await h.run(
                "{ transactions(filter: {types: [WITHDRAWAL, WITHDRAWAL_SETTLEMENT]}) { edges { node { type amount } } } }",
                token: token)
            let types = (history.data("transactions.edges") as? [[String: Any]] ?? []).compactMap {
                ($0["node"] as? [String: Any])?["type"] as? String
            }
            #expect(types == ["WITHDRAWAL"], "\(history.body)")
            #expect(try await h.f.ledger.reconcile().isClean)
        }
    }

    @Test(arguments: Engine.all)
    func aFailedWithdrawalIsRefundedInFullWithItsReason(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let (wallet, token, reference) = try await Self.held(h)
            let operatorToken = try await h.token(h.f.gateway)
            _ = try await h.run(Docs.transition("processDisbursement"), ["r": reference], token: operatorToken)

            let failed = try await h.run(Docs.fail, ["r": reference, "reason": "Account closed"], token: operatorToken)
            #expect(failed.userErrors("failDisbursement").isEmpty, "\(failed.body)")
            #expect(failed.data("failDisbursement.disbursement.status") as? String == "FAILED")
            #expect(failed.data("failDisbursement.disbursement.failureReason") as? String == "Account closed")
            let transactions = failed.data("failDisbursement.disbursement.transactions") as? [[String: Any]] ?? []
            #expect(transactions.map { $0["type"] as? String } == ["WITHDRAWAL", "WITHDRAWAL_REFUND"])
            #expect(transactions.first?["status"] as? String == "FAILED")
            #expect(try await h.balance(wallet) == 1_000_000)

            // The refund credits the user's wallet, so it is in their history; an admin's listing shows every
            // withdrawal type (the read side used to throw on them).
            let history = "{ transactions(filter: {types: [WITHDRAWAL, WITHDRAWAL_SETTLEMENT, WITHDRAWAL_REFUND]}) { edges { node { type status } } } }"
            for who in [token, try await h.token(h.f.admin)] {
                let listed = try await h.run(history, token: who)
                #expect(listed.errorCodes.isEmpty, "\(listed.body)")
                let nodes = (listed.data("transactions.edges") as? [[String: Any]] ?? []).compactMap { $0["node"] as? [String: Any] }
                #expect(nodes.map { $0["type"] as? String } == ["WITHDRAWAL_REFUND", "WITHDRAWAL"], "\(listed.body)")
                #expect(nodes.map { $0["status"] as? String } == ["COMPLETED", "FAILED"])
            }

            // Repeating is idempotent (the first reason stays); completing it now is illegal.
            let before = try await h.footprint()
            let again = try await h.run(Docs.fail, ["r": reference, "reason": "other"], token: operatorToken)
            #expect(again.data("failDisbursement.disbursement.failureReason") as? String == "Account closed")
            let complete = try await h.run(Docs.transition("completeDisbursement"), ["r": reference], token: operatorToken)
            expectUserError(complete, "completeDisbursement", .invalidStateTransition, field: nil)
            let process = try await h.run(Docs.transition("processDisbursement"), ["r": reference], token: operatorToken)
            expectUserError(process, "processDisbursement", .invalidStateTransition, field: nil)
            #expect(try await h.footprint() == before)
            #expect(try await h.f.ledger.reconcile().isClean)
        }
    }

    @Test(arguments: Engine.all)
    func usersAreForbiddenAndBadReferencesAndReasonsWriteNothing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let (_, token, reference) = try await Self.held(h)
            let bobToken = try await h.token(try await h.f.user("bob"))
            let before = try await h.footprint()

            // The owner, and any other user, may not record outcomes: FORBIDDEN, for a real or a made-up reference.
            for who in [token, bobToken] {
                for r in [reference, "no-such-reference"] {
                    for name in ["processDisbursement", "completeDisbursement"] {
                        expectTopLevelError(try await h.run(Docs.transition(name), ["r": r], token: who), "FORBIDDEN")
                    }
                    expectTopLevelError(try await h.run(Docs.fail, ["r": r, "reason": "x"], token: who), "FORBIDDEN")
                }
            }
            expectTopLevelError(try await h.run(Docs.transition("processDisbursement"), ["r": reference]), "UNAUTHENTICATED")

            let operatorToken = try await h.token(h.f.gateway)
            // No such withdrawal, or text that cannot be a reference (a NUL, which PostgreSQL text cannot hold,
            // was an internal error on PostgreSQL before references were checked as UUIDs).
            for r in [UUID().uuidString.lowercased(), "abc\u{0}def", "\u{0}" + String(reference.dropFirst())] {
                for name in ["processDisbursement", "completeDisbursement"] {
                    let missing = try await h.run(Docs.transition(name), ["r": r], token: operatorToken)
                    expectUserError(missing, name, .disbursementNotFound, field: ["referenceId"])
                }
                let read = try await h.run("query($r: String!) { disbursement(referenceId: $r) { status } }", ["r": r], token: operatorToken)
                #expect(read.errors.isEmpty && read.isNull("disbursement"), "\(read.body)")
            }
            let long = try await h.run(Docs.fail, ["r": String(repeating: "x", count: 200), "reason": "x"], token: operatorToken)
            expectUserError(long, "failDisbursement", .disbursementNotFound, field: ["referenceId"])
            for reason in ["", "   ", String(repeating: "r", count: 501), "line\u{7}bell"] {
                let bad = try await h.run(Docs.fail, ["r": reference, "reason": reason], token: operatorToken)
                expectUserError(bad, "failDisbursement", .invalidInput, field: ["reason"])
            }
            // Completing a PENDING one skips PROCESSING: illegal.
            let early = try await h.run(Docs.transition("completeDisbursement"), ["r": reference], token: operatorToken)
            expectUserError(early, "completeDisbursement", .invalidStateTransition, field: nil)
            #expect(try await h.footprint() == before)
            let status = try await h.run("query($r: String!) { disbursement(referenceId: $r) { status } }", ["r": reference], token: token)
            #expect(status.data("disbursement.status") as? String == "PENDING", "\(status.body)")
        }
    }
}
