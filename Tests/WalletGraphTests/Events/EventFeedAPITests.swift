import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// Query.events and node(id:) of an event, in process on both engines: who sees what, cursors, filters.
@Suite struct EventFeedAPITests {
    static let feed = """
        query($first: Int, $after: String, $filter: EventFilter) {
          events(first: $first, after: $after, filter: $filter) {
            edges { cursor node { id type cursor walletVersion balance disbursementStatus
                                  wallet { id } transaction { id amount } disbursement { referenceId } } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }
        """

    /// Every event `user` is served, following `endCursor` pages of `first`.
    func all(_ h: APIHarness, as user: Initiator, first: Int = 3, filter: [String: Any]? = nil) async throws
        -> [[String: Any]]
    {
        var nodes: [[String: Any]] = []
        var after: Any = NSNull()
        let token = try await h.token(user)
        for _ in 0..<100 {
            var variables: [String: Any] = ["first": first, "after": after]
            if let filter { variables["filter"] = filter }
            let answer = try await h.run(Self.feed, variables, token: token)
            #expect(answer.errors.isEmpty, "\(answer.body)")
            nodes += answer.list("events.edges").compactMap { $0["node"] as? [String: Any] }
            guard answer.bool("events.pageInfo.hasNextPage") == true,
                let end = answer.string("events.pageInfo.endCursor")
            else { return nodes }
            after = end
        }
        return nodes
    }

    @Test(arguments: Engine.all)
    func eachViewerSeesTheirOwnEventsAndStaffSeeMore(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let aliceWallet = try await f.wallet(alice)
            let bobWallet = try await f.wallet(bob)
            try await f.fund(aliceWallet, 1_000)
            let transfer = try await f.transfer(250, from: aliceWallet, to: bobWallet, by: alice)
            _ = try await f.ledger.freezeWallet(aliceWallet.id, by: f.admin)
            _ = try await f.events()

            let aliceSees = try await all(h, as: alice)
            #expect(aliceSees.map { $0["type"] as? String } == [
                "TRANSACTION_CREATED", "WALLET_BALANCE_CHANGED", "TRANSACTION_CREATED", "WALLET_BALANCE_CHANGED",
                "WALLET_FROZEN",
            ])
            #expect(aliceSees[3]["balance"] as? String == "750" && aliceSees[3]["walletVersion"] as? String == "2")
            // Bob sees the transfer he received, and his own balance, but not Alice's wallet or her balance.
            let bobSees = try await all(h, as: bob)
            #expect(bobSees.map { $0["type"] as? String } == ["TRANSACTION_CREATED", "WALLET_BALANCE_CHANGED"])
            #expect(bobSees[0]["wallet"] is NSNull, "the payer's wallet is not Bob's to read")
            #expect((bobSees[0]["transaction"] as? [String: Any])?["id"] as? String == gid(transfer.transaction))
            #expect((bobSees[1]["wallet"] as? [String: Any])?["id"] as? String == gid(bobWallet))
            #expect(bobSees[1]["balance"] as? String == "250")
            // Bob filtering by Alice's wallet gets nothing; by his own, his events.
            #expect(try await all(h, as: bob, filter: ["walletId": gid(aliceWallet)]).isEmpty)
            #expect(try await all(h, as: bob, filter: ["walletId": gid(bobWallet)]).count == 2)
            #expect(try await all(h, as: bob, filter: ["walletId": "not-an-id"]).isEmpty)
            // The admin sees everything, the type filter applies, and an empty list is no filter.
            let adminSees = try await all(h, as: f.admin, first: 100)
            #expect(adminSees.count == 6)
            let frozen = try await all(h, as: f.admin, filter: ["types": ["WALLET_FROZEN"]])
            #expect(frozen.count == 1)
            #expect(try await all(h, as: f.admin, filter: ["types": [String]()]).count == 6)
            // An operator without wallets of their own sees no one's transfers or balances.
            #expect(try await all(h, as: f.gateway).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func operatorsSeeEveryWithdrawalsStatusButNotTheMoneyAroundIt(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let h = try await APIHarness(over: f)
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 500_000)
            try await f.addMethod(alice)
            let held = try await f.withdraw(wallet, 50_000, by: alice)
            _ = try await f.ledger.processDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            _ = try await f.events()
            let seen = try await all(h, as: f.gateway)
            #expect(seen.map { $0["disbursementStatus"] as? String } == ["PENDING", "PROCESSING"])
            #expect(seen.allSatisfy {
                ($0["disbursement"] as? [String: Any])?["referenceId"] as? String == held.disbursement.referenceID
            })
            #expect(seen.allSatisfy { $0["wallet"] is NSNull && $0["balance"] is NSNull })
            // Alice sees her own withdrawal's events too, with her wallet.
            let aliceSees = try await all(h, as: alice, filter: ["types": ["DISBURSEMENT_STATUS_CHANGED"]])
            #expect(aliceSees.count == 2 && aliceSees.allSatisfy { !($0["wallet"] is NSNull) })
        }
    }

    @Test(arguments: Engine.all)
    func cursorsAndPageSizesAreChecked(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 10)
            _ = try await h.f.events()
            for bad in ["x", String(repeating: "A", count: 500), EventCursor(xact: 1, position: 2).encoded + "A",
                        GlobalID.base64URLEncode(Array("ev:-1:2".utf8)), GlobalID.base64URLEncode(Array("ev:01:2".utf8)),
                        GlobalID.base64URLEncode(Array("ev:99999999999999999999:2".utf8))]
            {
                let answer = try await h.run(Self.feed, ["after": bad], token: try await h.token(alice))
                #expect(answer.errorCodes == ["BAD_USER_INPUT"], "\(bad): \(answer.body)")
            }
            for (first, code) in [(-1, "BAD_USER_INPUT"), (101, "BAD_USER_INPUT"), (Int(Int32.max), "QUERY_TOO_COMPLEX")] {
                let answer = try await h.run(Self.feed, ["first": first], token: try await h.token(alice))
                #expect(answer.errorCodes == [code], "\(first): \(answer.body)")
            }
            let none = try await h.run(Self.feed, ["first": 0], token: try await h.token(alice))
            #expect(none.errors.isEmpty && none.list("events.edges").isEmpty)
            let anonymous = try await h.run(Self.feed)
            #expect(anonymous.errorCodes == ["UNAUTHENTICATED"])
            // The last cursor of a page resumes after it; a cursor from the far future serves nothing.
            let token = try await h.token(alice)
            let page = try await h.run(Self.feed, ["first": 1], token: token)
            let end = try #require(page.string("events.pageInfo.endCursor"))
            let rest = try await h.run(Self.feed, ["after": end], token: token)
            #expect(rest.list("events.edges").count == 1 && rest.bool("events.pageInfo.hasPreviousPage") == true)
            let future = EventCursor(xact: Int64.max, position: Int64.max).encoded
            #expect(try await h.run(Self.feed, ["after": future], token: token).list("events.edges").isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func nodeFindsAnEventWithTheFeedsVisibility(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 10)
            let event = try #require(try await h.f.events().first)
            let id = GlobalID.encodeEvent(event.position)
            let query = #"query($id: ID!) { node(id: $id) { id ... on Event { type } } }"#
            #expect(try await h.run(query, ["id": .string(id)], as: alice).string("node.type") == "TRANSACTION_CREATED")
            #expect(try await h.run(query, ["id": .string(id)], as: bob).isNull("node"))
            #expect(try await h.run(query, ["id": .string(id)], as: h.f.admin).string("node.id") == id)
            for bad in [GlobalID.base64URLEncode(Array("Event:0".utf8)), GlobalID.base64URLEncode(Array("Event:+1".utf8))] {
                #expect(try await h.run(query, ["id": .string(bad)], as: h.f.admin).isNull("node"))
            }
        }
    }
}

extension APIHarness {
    /// An API over an existing fixture (one made with other ledger settings, such as withdrawals).
    init(over f: LedgerFixture) async throws {
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let services = APIServices(
            pool: f.pool, ledger: f.ledger, accounts: f.accounts, tokens: try await TokenService(secret: secret),
            passwords: PasswordHasher())
        self.init(f: f, api: try WalletAPI(services: services))
    }
}
