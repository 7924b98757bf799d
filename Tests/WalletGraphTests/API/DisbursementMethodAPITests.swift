import DatabaseTestSupport
import Foundation
import Testing
import WalletGraphQueries

@testable import WalletGraph

/// Payout methods through the API, on both engines: adding, listing, the one default, soft removal, every
/// refusal with its field (and nothing written), and another user's method behaving as a missing one.
@Suite struct DisbursementMethodAPITests {
    typealias Docs = WithdrawalDocuments

    @Test(arguments: Engine.all)
    func methodsAreAddedListedMaskedAndKeepExactlyOneDefault(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let token = try await h.token(alice)
            let bca = try await h.addMethod(token, provider: "BCA", number: "123-456-7890")
            let gopay = try await h.addMethod(
                token, type: "E_WALLET", provider: "GOPAY", number: "0812 3456 7890", isDefault: true)

            let listed = try await h.run(Docs.methods, token: token)
            let methods = listed.data("disbursementMethods") as? [[String: Any]] ?? []
            #expect(methods.map { $0["id"] as? String } == [bca, gopay], "\(listed.body)")
            #expect(methods.map { $0["isDefault"] as? Bool } == [false, true])
            #expect(methods.map { $0["accountNumberMasked"] as? String } == ["******7890", "**********7890"])
            #expect(methods.map { $0["bankCode"] as? String } == ["014", nil])
            #expect(methods.map { $0["provider"] as? String } == ["BCA", "GOPAY"])
            #expect(methods.map { $0["type"] as? String } == ["BANK_TRANSFER", "E_WALLET"])
            #expect(methods.first?["accountHolderName"] as? String == "Alice Wijaya")
            #expect(methods.allSatisfy { ($0["createdAt"] as? String)?.hasSuffix("Z") == true })

            let made = try await h.run(Docs.setDefault, ["id": bca], token: token)
            #expect(made.userErrors("setDefaultDisbursementMethod").isEmpty, "\(made.body)")
            #expect((made.payload("setDefaultDisbursementMethod")?["method"] as? [String: Any])?["isDefault"] as? Bool == true)

            // Removing the default hands it to the newest remaining method; the removed one leaves the list but
            // stays readable by id for its owner.
            let removed = try await h.run(Docs.remove, ["id": bca], token: token)
            #expect(removed.userErrors("removeDisbursementMethod").isEmpty, "\(removed.body)")
            #expect(removed.objectID("removeDisbursementMethod", "method") == bca)
            let after = try await h.run(Docs.methods, token: token)
            let remaining = after.data("disbursementMethods") as? [[String: Any]] ?? []
            #expect(remaining.map { $0["id"] as? String } == [gopay], "\(after.body)")
            #expect(remaining.first?["isDefault"] as? Bool == true)
            let node = try await h.run("query($id: ID!) { node(id: $id) { id ... on DisbursementMethod { provider } } }", ["id": bca], token: token)
            #expect(node.data("node.provider") as? String == "BCA", "\(node.body)")
        }
    }

    @Test(arguments: Engine.all)
    func invalidMethodsAreRefusedWithTheirFieldAndWriteNothing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let token = try await h.token(alice)
            _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            let before = try await h.footprint()
            let cases: [([String: Any], WalletGraph.ErrorCode, [String])] = [
                (Docs.methodInput(provider: "BCA", number: "123456789"), .invalidAccountNumber, ["input", "accountNumber"]),
                (Docs.methodInput(provider: "BRI", number: "12345678901234"), .invalidAccountNumber, ["input", "accountNumber"]),
                (Docs.methodInput(type: "E_WALLET", provider: "OVO", number: "0712345678"), .invalidAccountNumber, ["input", "accountNumber"]),
                (Docs.methodInput(type: "E_WALLET", provider: "BCA", number: "1234567890"), .invalidInput, ["input", "provider"]),
                (Docs.methodInput(provider: "MANDIRI", number: "1234567890123", holder: "1234"), .invalidInput, ["input", "accountHolderName"]),
                (Docs.methodInput(provider: "BCA", number: "1234 567 890"), .methodAlreadyExists, ["input", "accountNumber"]),
            ]
            for (variables, code, field) in cases {
                let result = try await h.run(Docs.add, variables, token: token)
                expectUserError(result, "addDisbursementMethod", code, field: field)
                #expect(try await h.footprint() == before, "\(variables)")
            }
            let anonymous = try await h.run(Docs.add, Docs.methodInput(provider: "BNI", number: "1234567890"))
            expectTopLevelError(anonymous, "UNAUTHENTICATED")
            #expect(try await h.footprint() == before)
        }
    }

    @Test(arguments: Engine.all)
    func anotherUsersMethodIsMethodNotFoundExactlyAsAMissingOne(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let aliceToken = try await h.token(alice)
            let bobToken = try await h.token(bob)
            let aliceMethod = try await h.addMethod(aliceToken, provider: "BCA", number: "1234567890")
            let removed = try await h.addMethod(bobToken, provider: "BNI", number: "1234567890")
            _ = try await h.run(Docs.remove, ["id": removed], token: bobToken)
            let bobWallet = try await h.f.wallet(bob)
            let before = try await h.footprint()
            let ids = [
                aliceMethod, removed, "garbage", gid(bobWallet),
                GlobalID.encode(.disbursementMethod, UUID()),
            ]
            for id in ids {
                for (document, name) in [(Docs.setDefault, "setDefaultDisbursementMethod"), (Docs.remove, "removeDisbursementMethod")] {
                    let result = try await h.run(document, ["id": id], token: bobToken)
                    expectUserError(result, name, .methodNotFound, field: ["id"])
                    #expect(result.userErrors(name).first?.message == "Disbursement method not found.")
                }
            }
            // Reading: alice's method is null for bob, like a made-up id; bob's own removed method still reads.
            for id in [aliceMethod, "garbage", GlobalID.encode(.disbursementMethod, UUID())] {
                let node = try await h.run("query($id: ID!) { node(id: $id) { id } }", ["id": id], token: bobToken)
                #expect(node.errorCodes.isEmpty && node.data("node") == nil, "\(node.body)")
            }
            let own = try await h.run("query($id: ID!) { node(id: $id) { id } }", ["id": removed], token: bobToken)
            #expect(own.data("node.id") as? String == removed, "\(own.body)")
            #expect(try await h.footprint() == before)
            let listed = try await h.run(Docs.methods, token: bobToken)
            #expect((listed.data("disbursementMethods") as? [Any])?.isEmpty == true, "\(listed.body)")
            let alices = try await h.run(Docs.methods, token: aliceToken)
            #expect((alices.data("disbursementMethods") as? [[String: Any]])?.first?["isDefault"] as? Bool == true)
            // An admin's list is their own too.
            let admin = try await h.run(Docs.methods, token: try await h.token(h.f.admin))
            #expect((admin.data("disbursementMethods") as? [Any])?.isEmpty == true, "\(admin.body)")
        }
    }
}

// MARK: - Support shared by the Disbursement*Tests

/// GraphQL documents and inputs of the withdrawal tests.
enum WithdrawalDocuments {
    static let methodFields = "id type provider bankCode accountNumberMasked accountHolderName isDefault createdAt"
    static let methods = "{ disbursementMethods { \(methodFields) } }"
    static let add = """
        mutation($input: AddDisbursementMethodInput!) {
          addDisbursementMethod(input: $input) { method { \(methodFields) } userErrors { code message field } }
        }
        """
    static let setDefault = """
        mutation($id: ID!) { setDefaultDisbursementMethod(id: $id) { method { id isDefault } userErrors { code message field } } }
        """
    static let remove = """
        mutation($id: ID!) { removeDisbursementMethod(id: $id) { method { id isDefault } userErrors { code message field } } }
        """
    static let disbursementFields = """
        id referenceId amount fee currency status remainingBalance failureReason description createdAt updatedAt
        processingAt resolvedAt method { id provider accountNumberMasked } wallet { id }
        transactions { id type status amount }
        """
    static let withdraw = """
        mutation($input: WithdrawInput!) {
          withdraw(input: $input) { disbursement { \(disbursementFields) } userErrors { code message field } }
        }
        """
    static let quote = """
        query($w: ID!, $a: Decimal!, $m: ID) {
          disbursementQuote(walletId: $w, amount: $a, methodId: $m) {
            fee totalDebit minimum maximum remainingToday currency method { id provider }
          }
        }
        """

    /// processDisbursement or completeDisbursement.
    static func transition(_ name: String) -> String {
        """
        mutation($r: String!) { \(name)(referenceId: $r) { disbursement { \(disbursementFields) } userErrors { code message field } } }
        """
    }

    static let fail = """
        mutation($r: String!, $reason: String!) {
          failDisbursement(referenceId: $r, reason: $reason) { disbursement { \(disbursementFields) } userErrors { code message field } }
        }
        """

    static func methodInput(
        type: String = "BANK_TRANSFER", provider: String, number: String, holder: String = "Alice Wijaya",
        isDefault: Bool? = nil
    ) -> [String: Any] {
        var input: [String: Any] = [
            "type": type, "provider": provider, "accountNumber": number, "accountHolderName": holder,
        ]
        if let isDefault { input["isDefault"] = isDefault }
        return ["input": input]
    }

    static func withdrawInput(
        _ wallet: String, _ amount: Any, method: String? = nil, key: String = UUID().uuidString,
        description: String? = nil
    ) -> [String: Any] {
        var input: [String: Any] = ["walletId": wallet, "amount": amount, "idempotencyKey": key]
        if let method { input["methodId"] = method }
        if let description { input["description"] = description }
        return ["input": input]
    }
}

/// Everything a refused withdrawal request must leave as it was.
extension APIHarness {
    /// Adds a method through the API and returns its id.
    func addMethod(
        _ token: String, type: String = "BANK_TRANSFER", provider: String, number: String, isDefault: Bool? = nil
    ) async throws -> String {
        let result = try await run(
            WithdrawalDocuments.add,
            WithdrawalDocuments.methodInput(type: type, provider: provider, number: number, isDefault: isDefault),
            token: token)
        guard let id = result.objectID("addDisbursementMethod", "method") else {
            throw WithdrawalTestFailure("addDisbursementMethod failed: \(result.body)")
        }
        return id
    }

    /// Withdraws through the API and returns the disbursement object.
    func withdraw(_ token: String, _ wallet: WalletRecord, _ amount: String, method: String? = nil) async throws
        -> [String: Any]
    {
        let result = try await run(
            WithdrawalDocuments.withdraw, WithdrawalDocuments.withdrawInput(gid(wallet), amount, method: method),
            token: token)
        guard let disbursement = result.payload("withdraw")?["disbursement"] as? [String: Any] else {
            throw WithdrawalTestFailure("withdraw failed: \(result.body)")
        }
        return disbursement
    }
}

struct WithdrawalTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
