import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Assets and their system wallets on both engines.
@Suite struct LedgerAssetTests {
    /// Every purpose has shards 0..<shards, with the purpose's allowNegative, and nothing else.
    static func expectSystemWallets(
        _ f: LedgerFixture, _ asset: AssetRecord, shards: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let wallets = try await f.ledger.systemWallets(asset: asset.id)
        #expect(wallets.count == SystemPurpose.allCases.count * shards, sourceLocation: sourceLocation)
        for purpose in SystemPurpose.allCases {
            let shardsOfPurpose = wallets.filter { $0.purpose == purpose }
            #expect(shardsOfPurpose.map(\.shard) == Array(0..<shards), "\(purpose)", sourceLocation: sourceLocation)
            for wallet in shardsOfPurpose {
                #expect(wallet.allowNegative == (purpose == .funding || purpose == .bonusExpense), sourceLocation: sourceLocation)
                #expect(wallet.kind == .system && wallet.ownerID == nil && !wallet.isDefault, sourceLocation: sourceLocation)
                #expect(wallet.assetID == asset.id && wallet.status == .active, sourceLocation: sourceLocation)
                #expect(wallet.label == "\(asset.code) \(purpose.rawValue) #\(wallet.shard)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func onlyFundingAndBonusExpenseMayGoNegative() {
        #expect(SystemPurpose.allCases.filter(\.allowsNegative) == [.funding, .bonusExpense])
    }

    @Test(arguments: [(Int.min, 1), (0, 1), (1, 1), (16, 16), (256, 256), (257, 256), (Int.max, 256)])
    func systemShardsAreClampedToOneThrough256(requested: Int, expected: Int) {
        #expect(LedgerConfiguration(systemShards: requested).systemShards == expected)
    }

    @Test(arguments: Engine.all)
    func createAssetCreatesEveryPurposeInEveryShard(engine: Engine) async throws {
        try await withLedger(engine) { f in
            #expect(f.idr.code == "IDR" && f.idr.name == "Rupiah" && f.idr.scale == 0)
            #expect(f.gold.scale == 4)
            try await Self.expectSystemWallets(f, f.idr, shards: 4)
            try await Self.expectSystemWallets(f, f.gold, shards: 4)
            let usd = try await f.ledger.createAsset(code: "USD_2", name: "  Dollar ", scale: 18, by: f.admin)
            #expect(usd.name == "Dollar" && usd.scale == 18)
            #expect(try await f.ledger.asset(code: "USD_2") == usd)
            try await Self.expectSystemWallets(f, usd, shards: 4)
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func aTakenCodeIsRejectedAndAddsNothing(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let walletsBefore = try await f.ledger.reconcile().wallets
            await expectDomainError(.assetCodeTaken, field: ["code"]) {
                try await f.ledger.createAsset(code: "IDR", name: "Another", scale: 2, by: f.admin)
            }
            #expect(try await f.ledger.asset(code: "IDR") == f.idr)
            #expect(try await f.ledger.reconcile().wallets == walletsBefore)
        }
    }

    @Test(arguments: Engine.all)
    func invalidCodesNamesAndScalesAreRejected(engine: Engine) async throws {
        try await withLedger(engine) { f in
            for code in ["", "I", "idr", "ID-R", "ID R", String(repeating: "A", count: 17), "ÎDR"] {
                await expectDomainError(.invalidInput, field: ["code"]) {
                    try await f.ledger.createAsset(code: code, name: "X", scale: 0, by: f.admin)
                }
            }
            for scale in [-1, 19, Int.max] {
                await expectDomainError(.invalidInput, field: ["scale"]) {
                    try await f.ledger.createAsset(code: "USD", name: "Dollar", scale: scale, by: f.admin)
                }
            }
            for name in ["", "   ", String(repeating: "n", count: 101)] {
                await expectDomainError(.invalidInput, field: ["name"]) {
                    try await f.ledger.createAsset(code: "USD", name: name, scale: 2, by: f.admin)
                }
            }
            await expectDomainError(.invalidInput, field: ["code"]) { try await f.ledger.ensureAsset(code: "x", name: "X", scale: 0) }
            #expect(try await f.ledger.reconcile().assets == 2)
            // The bounds are valid.
            _ = try await f.ledger.createAsset(code: "AB", name: "A", scale: 0, by: f.admin)
            _ = try await f.ledger.createAsset(code: String(repeating: "Z", count: 16), name: "Z", scale: 18, by: f.admin)
        }
    }

    @Test(arguments: Engine.all)
    func ensureAssetIsIdempotentAndRepairsMissingShards(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let usd = try await f.ledger.ensureAsset(code: "USD", name: "Dollar", scale: 2)
            try await Self.expectSystemWallets(f, usd, shards: 4)
            let again = try await f.ledger.ensureAsset(code: "USD", name: "Renamed", scale: 6)
            #expect(again == usd)
            try await Self.expectSystemWallets(f, usd, shards: 4)
            #expect(try await f.ledger.ensureAsset(code: "IDR", name: "Rupiah", scale: 0) == f.idr)
            try await Self.expectSystemWallets(f, f.idr, shards: 4)

            // A ledger configured with more shards adds the missing ones and leaves the existing ones alone.
            let before = try await f.ledger.systemWallets(asset: f.idr.id)
            let wider = Ledger(pool: f.pool, configuration: LedgerConfiguration(systemShards: 6))
            #expect(try await wider.ensureAsset(code: "IDR", name: "Rupiah", scale: 0) == f.idr)
            try await Self.expectSystemWallets(f, f.idr, shards: 6)
            let after = try await f.ledger.systemWallets(asset: f.idr.id)
            #expect(before.allSatisfy { old in after.contains(old) })
        }
    }
}
