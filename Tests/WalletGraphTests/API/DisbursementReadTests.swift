import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraph

/// disbursement(referenceId:), disbursements, node(id:) and the nested fields, on both engines: who sees what,
/// keyset pages and filters, and one statement per level.
@Suite struct DisbursementReadTests {
    typealias Docs = WithdrawalDocuments

    static let page = """
        query($first: Int, $after: String, $filter: DisbursementFilter) {
          disbursements(first: $first, after: $after, filter: $filter) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { referenceId status amount } }
          }
        }
        """

    @Test(arguments: Engine.all)
    func aWithdrawalIsVisibleToItsOwnerAndTheBackOfficeOnly(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 1_000_000)
            let aliceToken = try await h.token(alice)
            let bobToken = try await h.token(bob)
            let method = try await h.addMethod(aliceToken, provider: "BCA", number: "1234567890")
            let held = try await h.withdraw(aliceToken, wallet, "100000")
            let reference = try #require(held["referenceId"] as? String)
            let id = try #require(held["id"] as? String)
            // A removed method still shows on its withdrawal.
            _ = try await h.run(Docs.remove, ["id": method], token: aliceToken)

            let read = """
                query($r: String!, $id: ID!) {
                  disbursement(referenceId: $r) { id method { id accountNumberMasked } wallet { id }
                    transactions { type entries { amount wallet { id } } } }
                  node(id: $id) { id ... on Disbursement { referenceId } }
                }
                """
            let own = try await h.run(read, ["r": reference, "id": id], token: aliceToken)
            #expect(own.data("disbursement.id") as? String == id, "\(own.body)")
            #expect(own.data("disbursement.method.id") as? String == method)
            #expect(own.data("disbursement.wallet.id") as? String == gid(wallet))
            #expect(own.data("node.referenceId") as? String == reference)
            // The user sees the hold's entries on their own wallet only (amount and fee legs), not clearing's.
            let entries = own.data("disbursement.transactions.0.entries") as? [[String: Any]] ?? []
            #expect(!entries.isEmpty)
            #expect(entries.allSatisfy { ($0["wallet"] as? [String: Any])?["id"] as? String == gid(wallet) }, "\(own.body)")

            for token in [bobToken, try await h.token(try await h.f.user("carol"))] {
                let other = try await h.run(read, ["r": reference, "id": id], token: token)
                #expect(other.errorCodes.isEmpty, "\(other.body)")
                #expect(other.data("disbursement") == nil && other.data("node") == nil, "\(other.body)")
                let page = try await h.run(Self.page, token: token)
                #expect(page.data("disbursements.totalCount") as? Int == 0, "\(page.body)")
                let method = try await h.run("query($id: ID!) { node(id: $id) { id } }", ["id": method], token: token)
                #expect(method.data("node") == nil)
            }
            for token in [try await h.token(h.f.gateway), try await h.token(h.f.admin)] {
                let staff = try await h.run(read, ["r": reference, "id": id], token: token)
                #expect(staff.data("disbursement.id") as? String == id, "\(staff.body)")
                #expect(staff.data("node.referenceId") as? String == reference)
                #expect(staff.data("disbursement.method.accountNumberMasked") as? String == "******7890")
                let page = try await h.run(Self.page, token: token)
                #expect(page.data("disbursements.totalCount") as? Int == 1, "\(page.body)")
            }
            // An admin sees every entry of the hold; an operator none (entries follow Transaction.entries).
            let admin = try await h.run(read, ["r": reference, "id": id], token: try await h.token(h.f.admin))
            let adminEntries = admin.data("disbursement.transactions.0.entries") as? [[String: Any]] ?? []
            #expect(adminEntries.count == entries.count * 2, "\(admin.body)")
            #expect(admin.data("disbursement.wallet.id") as? String == gid(wallet))
            let operatorView = try await h.run(read, ["r": reference, "id": id], token: try await h.token(h.f.gateway))
            #expect((operatorView.data("disbursement.transactions.0.entries") as? [Any])?.isEmpty == true)
            #expect(operatorView.data("disbursement.wallet") == nil)

            let missing = try await h.run(read, ["r": "nope", "id": "garbage"], token: aliceToken)
            #expect(missing.errorCodes.isEmpty && missing.data("disbursement") == nil && missing.data("node") == nil)
            let anonymous = try await h.run(read, ["r": reference, "id": id])
            #expect(anonymous.errorCodes.contains("UNAUTHENTICATED"), "\(anonymous.body)")
        }
    }

    @Test(arguments: Engine.all)
    func pagesAreNewestFirstWithCursorsAndFilters(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let wallet = try await h.f.wallet(alice)
            let bobWallet = try await h.f.wallet(bob)
            try await h.f.fund(wallet, 10_000_000)
            try await h.f.fund(bobWallet, 1_000_000)
            let token = try await h.token(alice)
            let bobToken = try await h.token(bob)
            _ = try await h.addMethod(token, provider: "BCA", number: "1234567890")
            _ = try await h.addMethod(bobToken, provider: "BCA", number: "1234567890")
            var references: [String] = []
            for amount in ["10000", "20000", "30000", "40000", "50000"] {
                references.append(try #require(try await h.withdraw(token, wallet, amount)["referenceId"] as? String))
            }
            let bobs = try #require(try await h.withdraw(bobToken, bobWallet, "60000")["referenceId"] as? String)
            let newestFirst = Array(references.reversed())
            let operatorToken = try await h.token(h.f.gateway)
            _ = try await h.run(Docs.fail, ["r": references[1], "reason": "closed"], token: operatorToken)

            let first = try await h.run(Self.page, ["first": 2], token: token)
            #expect(first.data("disbursements.totalCount") as? Int == 5, "\(first.body)")
            #expect(Self.references(first) == Array(newestFirst.prefix(2)))
            #expect(first.data("disbursements.pageInfo.hasNextPage") as? Bool == true)
            #expect(first.data("disbursements.pageInfo.hasPreviousPage") as? Bool == false)
            var seen = Self.references(first)
            var cursor = first.data("disbursements.pageInfo.endCursor") as? String
            while let after = cursor {
                let next = try await h.run(Self.page, ["first": 2, "after": after], token: token)
                #expect(next.data("disbursements.pageInfo.hasPreviousPage") as? Bool == true, "\(next.body)")
                seen += Self.references(next)
                cursor = next.data("disbursements.pageInfo.hasNextPage") as? Bool == true
                    ? next.data("disbursements.pageInfo.endCursor") as? String : nil
            }
            #expect(seen == newestFirst)

            let failed = try await h.run(Self.page, ["filter": ["statuses": ["FAILED"]]], token: token)
            #expect(Self.references(failed) == [references[1]], "\(failed.body)")
            #expect(failed.data("disbursements.totalCount") as? Int == 1)
            let open = try await h.run(Self.page, ["filter": ["statuses": ["PENDING", "PROCESSING"]]], token: token)
            #expect(open.data("disbursements.totalCount") as? Int == 4, "\(open.body)")
            let future = try await h.run(Self.page, ["filter": ["createdAfter": "2999-01-01T00:00:00Z"]], token: token)
            #expect(Self.references(future).isEmpty && future.data("disbursements.totalCount") as? Int == 0)
            let past = try await h.run(Self.page, ["filter": ["createdBefore": "2999-01-01T00:00:00Z", "statuses": []]], token: token)
            #expect(past.data("disbursements.totalCount") as? Int == 5, "\(past.body)")
            let none = try await h.run(Self.page, ["filter": ["createdBefore": "2000-01-01T00:00:00Z"]], token: token)
            #expect(none.data("disbursements.totalCount") as? Int == 0)

            // The back office's queue is everyone's, filtered the same way.
            let queue = try await h.run(Self.page, ["filter": ["statuses": ["PENDING"]]], token: operatorToken)
            #expect(queue.data("disbursements.totalCount") as? Int == 5, "\(queue.body)")
            #expect(Self.references(queue).first == bobs)
            let adminPage = try await h.run(Self.page, ["first": 1, "after": try #require(first.data("disbursements.pageInfo.startCursor") as? String)], token: try await h.token(h.f.admin))
            #expect(Self.references(adminPage) == [newestFirst[1]], "\(adminPage.body)")

            let bad = try await h.run(Self.page, ["after": "not-a-cursor"], token: token)
            #expect(bad.errorCodes == ["BAD_USER_INPUT"], "\(bad.body)")
            let tooMany = try await h.run(Self.page, ["first": 101], token: token)
            #expect(tooMany.errorCodes == ["BAD_USER_INPUT"], "\(tooMany.body)")
        }
    }

    @Test(arguments: Engine.all)
    func aPageWithMethodsTransactionsAndEntriesCostsOneStatementPerLevel(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let fixture = h.f
            let alice = try await fixture.user("alice")
            let wallet = try await fixture.wallet(alice)
            try await fixture.fund(wallet, 10_000_000)
            let bca = try await fixture.ledger.addDisbursementMethod(
                NewDisbursementMethod(type: .bankTransfer, provider: .bca, accountNumber: "1234567890", accountHolderName: "Alice"),
                by: alice)
            let ovo = try await fixture.ledger.addDisbursementMethod(
                NewDisbursementMethod(type: .eWallet, provider: .ovo, accountNumber: "081234567890", accountHolderName: "Alice"),
                by: alice)
            for index in 0..<6 {
                let receipt = try await fixture.ledger.withdraw(
                    WithdrawRequest(walletID: wallet.id, amount: 10_000 + Int64(index), methodID: index % 2 == 0 ? bca.id : ovo.id,
                        idempotencyKey: "w-\(index)"),
                    by: alice)
                if index % 3 == 0 {
                    _ = try await fixture.ledger.failDisbursement(
                        referenceID: receipt.disbursement.referenceID, reason: "closed", by: fixture.gateway)
                }
            }
            let query = """
                query($first: Int) { disbursements(first: $first) { edges { node { id amount fee remainingBalance currency
                  method { id provider } transactions { id type entries { id amount } } } } } }
                """
            var counts: [Int] = []
            for size in [1, 6] {
                for token in [try await h.token(alice), try await h.token(fixture.admin)] {
                    // Warm the asset cache, which the amounts read once per process.
                    _ = try await h.run("{ assets { id } }", token: token)
                    let result = try await h.run(query, ["first": size], token: token)
                    #expect(result.errors.isEmpty, "\(result.json)")
                    #expect(result.list("disbursements.edges").count == size)
                    counts.append(result.statementCount)
                }
            }
            // The page, the methods, the transactions, the entries.
            #expect(counts == [4, 4, 4, 4], "\(counts)")
        }
    }

    static func references(_ result: APIAnswer) -> [String] {
        (result.data("disbursements.edges") as? [[String: Any]] ?? []).compactMap {
            ($0["node"] as? [String: Any])?["referenceId"] as? String
        }
    }
}
