import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// IDOR: every read path treats another user's object as a missing one; admins read everything.
@Suite struct ReadVisibilityTests {
    /// Alice and Bob with a wallet each, a transfer from Bob to Carol, and a top-up of Bob's.
    struct World {
        let alice: Initiator
        let bob: Initiator
        let aliceWallet: WalletRecord
        let bobWallet: WalletRecord
        let bobTopUp: LedgerReceipt
        let bobToCarol: LedgerReceipt
    }

    func world(_ f: LedgerFixture) async throws -> World {
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let carol = try await f.user("carol")
        let aliceWallet = try await f.wallet(alice)
        let bobWallet = try await f.wallet(bob)
        let carolWallet = try await f.wallet(carol)
        try await f.fund(aliceWallet, 100)
        let topUp = try await f.fund(bobWallet, 500)
        let transfer = try await f.transfer(40, from: bobWallet, to: carolWallet, by: bob)
        return World(
            alice: alice, bob: bob, aliceWallet: aliceWallet, bobWallet: bobWallet, bobTopUp: topUp,
            bobToCarol: transfer)
    }

    @Test(arguments: Engine.all)
    func anotherUsersWalletIsMissing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let query = #"query($id: ID!) { wallet(id: $id) { id balance } }"#
            let theirs = try await h.run(query, ["id": .string(gid(w.bobWallet))], as: w.alice)
            let missing = try await h.run(query, ["id": .string(GlobalID.encode(.wallet, UUID()))], as: w.alice)
            let wrongType = try await h.run(query, ["id": .string(gid(w.bobTopUp.transaction))], as: w.alice)
            let garbage = try await h.run(query, ["id": "x"], as: w.alice)
            for result in [theirs, missing, wrongType, garbage] {
                #expect(result.errors.isEmpty && result.isNull("wallet"), "\(result.json)")
            }
            // Operators read like users.
            #expect(try await h.run(query, ["id": .string(gid(w.bobWallet))], as: h.f.gateway).isNull("wallet"))
            let own = try await h.run(query, ["id": .string(gid(w.aliceWallet))], as: w.alice)
            #expect(own.string("wallet.balance") == "100")
            let admin = try await h.run(query, ["id": .string(gid(w.bobWallet))], as: h.f.admin)
            #expect(admin.string("wallet.balance") == "460")
        }
    }

    @Test(arguments: Engine.all)
    func anotherUsersTransactionIsMissing(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let query = #"query($id: ID!) { transaction(id: $id) { id } node(id: $id) { id } }"#
            let variables: [String: InputValue] = ["id": .string(gid(w.bobToCarol.transaction))]
            let theirs = try await h.run(query, variables, as: w.alice)
            #expect(theirs.errors.isEmpty && theirs.isNull("transaction") && theirs.isNull("node"))
            let bob = try await h.run(query, variables, as: w.bob)
            #expect(bob.string("transaction.id") == gid(w.bobToCarol.transaction) && bob.string("node.id") != nil)
            let admin = try await h.run(query, variables, as: h.f.admin)
            #expect(admin.string("transaction.id") != nil && admin.string("node.id") != nil)
        }
    }

    @Test(arguments: Engine.all)
    func nodeHidesOtherUsersObjects(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let bobEntry = try #require(w.bobTopUp.entries.first { $0.walletID == w.bobWallet.id })
            let systemEntry = try #require(w.bobTopUp.entries.first { $0.walletID != w.bobWallet.id })
            let ids = [
                gid(w.bobWallet), gid(w.bobTopUp.transaction), GlobalID.encode(.ledgerEntry, bobEntry.id),
                GlobalID.encode(.ledgerEntry, systemEntry.id), GlobalID.encode(.wallet, systemEntry.walletID),
                GlobalID.encode(.user, w.bob.userID),
            ]
            for id in ids {
                let result = try await h.run(#"query($id: ID!) { node(id: $id) { id } }"#, ["id": .string(id)], as: w.alice)
                #expect(result.errors.isEmpty && result.isNull("node"), "\(id)")
                let admin = try await h.run(
                    #"query($id: ID!) { node(id: $id) { id } }"#, ["id": .string(id)], as: h.f.admin)
                #expect(admin.string("node.id") == id)
            }
        }
    }

    @Test(arguments: Engine.all)
    func transactionListsShowOnlyTheViewersOwn(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let query = #"query($f: TransactionFilter) { transactions(filter: $f) { totalCount edges { node { id } } } }"#
            let alice = try await h.run(query, as: w.alice)
            #expect(alice.int("transactions.totalCount") == 1 && alice.list("transactions.edges").count == 1)
            // Filtering by another user's wallet is empty, even when it exists.
            let filtered = try await h.run(query, ["f": .object(["walletId": .string(gid(w.bobWallet))])], as: w.alice)
            #expect(filtered.errors.isEmpty && filtered.int("transactions.totalCount") == 0)
            #expect(filtered.list("transactions.edges").isEmpty)
            let malformed = try await h.run(query, ["f": .object(["walletId": "nope"])], as: w.alice)
            #expect(malformed.errors.isEmpty && malformed.int("transactions.totalCount") == 0)
            let bob = try await h.run(query, ["f": .object(["walletId": .string(gid(w.bobWallet))])], as: w.bob)
            #expect(bob.int("transactions.totalCount") == 2)
            let admin = try await h.run(query, as: h.f.admin)
            #expect(admin.int("transactions.totalCount") == 3)
            let adminFiltered = try await h.run(
                query, ["f": .object(["walletId": .string(gid(w.bobWallet))])], as: h.f.admin)
            #expect(adminFiltered.int("transactions.totalCount") == 2)
        }
    }

    @Test(arguments: Engine.all)
    func ownersAndEntriesFollowTheViewer(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let query = """
                query($id: ID!) { transaction(id: $id) { entries { wallet { id owner { username email } } } } }
                """
            let variables: [String: InputValue] = ["id": .string(gid(w.bobToCarol.transaction))]
            let bob = try await h.run(query, variables, as: w.bob)
            #expect(bob.list("transaction.entries").count == 1)
            #expect(bob.string("transaction.entries.0.wallet.owner.username") == "bob")
            let admin = try await h.run(query, variables, as: h.f.admin)
            let owners = admin.list("transaction.entries").compactMap {
                (($0["wallet"] as? [String: Any])?["owner"] as? [String: Any])?["username"] as? String
            }
            #expect(Set(owners) == ["bob", "carol"])
            // A system wallet has no owner, even for an admin.
            let topUp = try await h.run(query, ["id": .string(gid(w.bobTopUp.transaction))], as: h.f.admin)
            #expect(topUp.list("transaction.entries").count == 2 && topUp.errors.isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func walletConnectionsFilterByAnotherUsersWalletAreEmpty(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let w = try await world(h.f)
            let query = """
                query($f: TransactionFilter) { wallets { transactions(filter: $f) { totalCount } entries { totalCount } } }
                """
            let own = try await h.run(query, as: w.bob)
            #expect(own.int("wallets.0.transactions.totalCount") == 2 && own.int("wallets.0.entries.totalCount") == 2)
            let other = try await h.run(query, ["f": .object(["walletId": .string(gid(w.aliceWallet))])], as: w.bob)
            #expect(other.errors.isEmpty && other.int("wallets.0.transactions.totalCount") == 0)
        }
    }
}
