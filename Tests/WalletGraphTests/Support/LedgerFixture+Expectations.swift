import Foundation
import Testing

import WalletGraph

extension LedgerFixture {
    /// Runs `body`, which must fail with `code` (and `field`, when given), and checks that it left no trace: the
    /// same number of transactions and entries, and each of `wallets` exactly as it was before.
    @discardableResult
    func expectNoTrace<T>(
        _ code: ErrorCode, field: [String]?? = nil, wallets: [WalletRecord] = [],
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
    ) async throws -> DomainError? {
        let footprintBefore = try await footprint()
        var before: [WalletRecord] = []
        for wallet in wallets { before.append(try await reload(wallet)) }
        let error = await expectDomainError(code, field: field, sourceLocation: sourceLocation, body)
        #expect(try await footprint() == footprintBefore, sourceLocation: sourceLocation)
        for wallet in before { #expect(try await reload(wallet) == wallet, sourceLocation: sourceLocation) }
        return error
    }

    /// The system wallet `id`, which must have `purpose` in `asset`.
    @discardableResult
    func expectSystemWallet(
        _ id: UUID, _ purpose: SystemPurpose, asset: AssetRecord, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> WalletRecord {
        let wallet = try #require(try await ledger.wallet(id), sourceLocation: sourceLocation)
        #expect(wallet.kind == .system, sourceLocation: sourceLocation)
        #expect(wallet.purpose == purpose, sourceLocation: sourceLocation)
        #expect(wallet.assetID == asset.id, sourceLocation: sourceLocation)
        #expect(wallet.ownerID == nil, sourceLocation: sourceLocation)
        return wallet
    }

    /// Reconcile finds no breach.
    func expectClean(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let report = try await ledger.reconcile()
        #expect(report.isClean, "\(report.summary)", sourceLocation: sourceLocation)
    }
}
