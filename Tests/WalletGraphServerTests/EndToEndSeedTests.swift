import DatabaseTestSupport
import Foundation
import Testing
import WalletGraph

@testable import WalletGraphServer

/// `seed` credits only the accounts it created itself: a demo username someone registered first is skipped and
/// reported, and a taken operator name stops the seed.
@Suite("End to end: the demo seed")
struct EndToEndSeedTests {
    @Test("a demo username registered by someone else is skipped, reported, and never credited", arguments: Engine.all)
    func foreignDemoAccountIsSkipped(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["SEED_DEMO": "false"]) { server in
            let squatter = try await server.signUp("alice", password: "not-the-demo-password")
            let services = server.app.api.services
            let first = try await DemoSeed.run(services: services)
            #expect(first.skipped == ["alice"])
            #expect(first.usersCreated == 3, "the operator, bob and charlie")
            #expect(first.topUpsPosted == 4)
            #expect(first.description.contains("skipped") && first.description.contains("alice"))
            #expect(try await server.wallets(squatter).isEmpty, "the other alice got no wallet and no money")
            let bob = try await server.signIn("bob", "password456")
            #expect(try await server.wallet(bob, asset: "IDR").balance == "500000")
            // The seed's own accounts carry its mark; the squatter's does not.
            #expect(try await services.accounts.storedLogin(username: "bob")?.id == DemoSeed.accountID("bob"))
            #expect(try await services.accounts.storedLogin(username: "alice")?.id != DemoSeed.accountID("alice"))

            let again = try await DemoSeed.run(services: services)
            #expect(again.skipped == ["alice"] && again.usersCreated == 0 && again.topUpsPosted == 0)
            #expect(again.topUpsReplayed == 4)
            #expect(try await server.wallets(squatter).isEmpty)
            #expect(try await services.ledger.reconcile().isClean)
        }
    }

    @Test("when the seed's operator name is taken, the seed refuses and credits nobody", arguments: Engine.all)
    func takenOperatorStopsTheSeed(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["SEED_DEMO": "false"]) { server in
            let services = server.app.api.services
            let profile = try UserProfile(
                username: DemoSeed.operatorUsername, name: "Someone", email: "someone@example.com", phone: "081299999999",
                nik: nil)
            _ = try await services.accounts.createUser(profile, passwordHash: try await services.passwords.hash("whatever-1"))
            await #expect(throws: DemoSeed.OperatorTaken.self) { _ = try await DemoSeed.run(services: services) }
            #expect(try await services.accounts.storedLogin(username: "bob") == nil)
            #expect(try await services.ledger.reconcile().transactions == 0)
        }
    }

    @Test("account ids are version 8, stable, and differ per name")
    func accountIDs() {
        let bob = DemoSeed.accountID("bob")
        #expect(bob == DemoSeed.accountID("bob"))
        #expect(bob != DemoSeed.accountID("alice"))
        #expect(bob.uuidString.dropFirst(14).first == "8")
    }
}
