import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// User wallets on both engines: creation, labels, and the one default wallet per user and asset.
@Suite struct LedgerWalletTests {
    @Test(arguments: Engine.all)
    func theFirstWalletInAnAssetIsTheDefault(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let first = try await f.wallet(alice)
            let second = try await f.wallet(alice, label: "  Savings  ")
            let gold = try await f.wallet(alice, "GOLD")
            #expect(first.isDefault && !second.isDefault && gold.isDefault)
            #expect(first.label == "IDR wallet" && second.label == "Savings" && gold.label == "GOLD wallet")
            for wallet in [first, second, gold] {
                #expect(wallet.kind == .user && wallet.ownerID == alice.userID && wallet.purpose == nil)
                #expect(wallet.balance == 0 && wallet.version == 0 && wallet.status == .active && !wallet.allowNegative)
                #expect(wallet.shard == 0)
                #expect(try await f.reload(wallet) == wallet)
            }
            #expect(first.assetID == f.idr.id && gold.assetID == f.gold.id)
            #expect(try await f.ledger.wallets(owner: alice.userID).map(\.id) == [first.id, second.id, gold.id])
        }
    }

    @Test(arguments: Engine.all)
    func walletCreationRejectsBadLabelsOwnersAndAssets(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            await expectDomainError(.invalidInput, field: ["label"]) { try await f.wallet(alice, label: String(repeating: "l", count: 65)) }
            await expectDomainError(.invalidInput, field: ["label"]) { try await f.wallet(alice, label: "tab\u{1B}") }
            await expectDomainError(.assetNotFound, field: ["assetCode"]) { try await f.wallet(alice, "USD") }
            await expectDomainError(.userNotFound) {
                try await f.ledger.createWallet(owner: UUID(), assetCode: "IDR", label: nil, by: f.admin)
            }
            #expect(try await f.ledger.wallets(owner: alice.userID).isEmpty)
            let long = try await f.wallet(alice, label: String(repeating: "l", count: 64))
            #expect(long.label.count == 64)
        }
    }

    /// The schema limits a label to 64 characters as the databases count them (Unicode scalars), so a label of
    /// 64 user-perceived characters made of several scalars each must be INVALID_INPUT, not a constraint error.
    @Test(arguments: Engine.all)
    func labelsAreLimitedInUnicodeScalarsAsTheSchemaIs(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            for label in [String(repeating: "🇮🇩", count: 64), String(repeating: "e\u{301}", count: 40)] {
                #expect(label.count <= 64 && label.unicodeScalars.count > 64)
                await expectDomainError(.invalidInput, field: ["label"]) { try await f.wallet(alice, label: label) }
            }
            #expect(try await f.ledger.wallets(owner: alice.userID).isEmpty)
            let fits = try await f.wallet(alice, label: String(repeating: "🇮🇩", count: 32))
            #expect(fits.label.unicodeScalars.count == 64)
        }
    }

    @Test(arguments: Engine.all)
    func setDefaultWalletMovesTheDefault(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let one = try await f.wallet(alice)
            let two = try await f.wallet(alice)
            let three = try await f.wallet(alice)
            let gold = try await f.wallet(alice, "GOLD")
            let bobs = try await f.wallet(bob)

            func defaults() async throws -> [UUID] {
                try await f.ledger.wallets(owner: alice.userID).filter { $0.assetID == f.idr.id && $0.isDefault }.map(\.id)
            }
            let marked = try await f.ledger.setDefaultWallet(two.id, by: alice)
            #expect(marked.id == two.id && marked.isDefault)
            #expect(try await defaults() == [two.id])
            _ = try await f.ledger.setDefaultWallet(three.id, by: alice)
            #expect(try await defaults() == [three.id])
            // Again on the same wallet: still exactly one.
            _ = try await f.ledger.setDefaultWallet(three.id, by: alice)
            #expect(try await defaults() == [three.id])
            #expect(try await f.reload(gold).isDefault)
            #expect(try await f.reload(bobs).isDefault)
            #expect(!(try await f.reload(one).isDefault))

            // Someone else's wallet, a system wallet or a missing one looks missing, and changes nothing.
            let system = try #require(try await f.ledger.systemWallets(asset: f.idr.id).first)
            for id in [bobs.id, system.id, UUID()] {
                await expectDomainError(.walletNotFound, field: ["walletId"]) { try await f.ledger.setDefaultWallet(id, by: alice) }
            }
            await expectDomainError(.walletNotFound, field: ["walletId"]) { try await f.ledger.setDefaultWallet(one.id, by: f.admin) }
            #expect(try await defaults() == [three.id])
            #expect(try await f.reload(bobs).isDefault)
        }
    }
}

/// `MAX_WALLETS_PER_USER`: a user holds at most that many active wallets, all assets together, however many
/// requests race for the last place.
@Suite struct LedgerWalletLimitTests {
    @Test(arguments: Engine.all)
    func aWalletPastTheLimitIsRefusedAndAFrozenOneFreesAPlace(engine: Engine) async throws {
        try await withLedger(engine, configuration: LedgerConfiguration(allowSelfTopUp: true, systemShards: 4, maxWalletsPerUser: 3)) { f in
            let alice = try await f.user("alice")
            let first = try await f.wallet(alice)
            _ = try await f.wallet(alice, "GOLD")
            _ = try await f.wallet(alice)
            let before = try await f.footprint()
            for asset in ["IDR", "GOLD"] {
                await #expect(throws: DomainError(.walletLimitReached)) { _ = try await f.wallet(alice, asset) }
            }
            // An admin creating one for her meets the same limit.
            await #expect(throws: DomainError(.walletLimitReached)) {
                _ = try await f.ledger.createWallet(owner: alice.userID, assetCode: "IDR", label: nil, by: f.admin)
            }
            #expect(try await f.footprint() == before)
            // Another user is not affected; a frozen wallet does not count.
            let bob = try await f.user("bob")
            _ = try await f.wallet(bob)
            _ = try await f.ledger.freezeWallet(first.id, by: f.admin)
            let fourth = try await f.wallet(alice, "GOLD")
            #expect(fourth.status == .active)
            #expect(try await f.ledger.wallets(owner: alice.userID).count == 4)
        }
    }

    @Test(arguments: Engine.all)
    func concurrentCreationsCannotPassTheLimit(engine: Engine) async throws {
        try await withLedger(engine, configuration: LedgerConfiguration(allowSelfTopUp: true, systemShards: 4, maxWalletsPerUser: 3)) { f in
            let carol = try await f.user("carol")
            let outcomes = await withTaskGroup(of: Result<WalletRecord, any Error>.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do { return .success(try await f.wallet(carol, index % 2 == 0 ? "IDR" : "GOLD")) } catch { return .failure(error) }
                    }
                }
                var all: [Result<WalletRecord, any Error>] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let created = outcomes.filter { if case .success = $0 { true } else { false } }.count
            let refused = outcomes.filter {
                if case .failure(let error) = $0, let domain = error as? DomainError { domain.code == .walletLimitReached } else { false }
            }.count
            #expect(created == 3 && refused == 7)
            #expect(try await f.ledger.wallets(owner: carol.userID).count == 3)
        }
    }
}
