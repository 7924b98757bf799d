import Foundation
import SQLDriver
import Synchronization
import WalletGraphQueries

/// Every asset, kept for the life of the process. Assets are only ever created, never changed or deleted, so a
/// cached asset is never stale; an id or code not in the cache reloads the table once (another server process
/// may have created it).
public final class AssetCache: Sendable {
    private struct Snapshot {
        var byID: [UUID: AssetRecord] = [:]
        var ordered: [AssetRecord] = []
    }
    private let snapshot = Mutex(Snapshot())

    public init() {}

    /// The asset `id`; a missing asset after a reload is a corrupt reference (internal error).
    func asset(_ id: UUID, database: RequestDatabase) async throws -> AssetRecord {
        if let hit = snapshot.withLock({ $0.byID[id] }) { return hit }
        try await reload(database: database)
        guard let asset = snapshot.withLock({ $0.byID[id] }) else {
            throw CorruptRow(description: "asset \(id) is referenced but does not exist")
        }
        return asset
    }

    /// The asset with `code` (upper-cased), or nil.
    func asset(code: String, database: RequestDatabase) async throws -> AssetRecord? {
        let code = code.uppercased()
        if let hit = snapshot.withLock({ $0.ordered.first { $0.code == code } }) { return hit }
        try await reload(database: database)
        return snapshot.withLock { $0.ordered.first { $0.code == code } }
    }

    /// Every asset, by code. Always reads the table (one statement), so a list is never missing a new asset.
    func all(database: RequestDatabase) async throws -> [AssetRecord] {
        try await reload(database: database)
        return snapshot.withLock { $0.ordered }
    }

    /// Adds an asset this process just created.
    public func remember(_ asset: AssetRecord) {
        snapshot.withLock {
            if $0.byID[asset.id] == nil {
                $0.byID[asset.id] = asset
                $0.ordered.append(asset)
                $0.ordered.sort { $0.code < $1.code }
            }
        }
    }

    private func reload(database: RequestDatabase) async throws {
        let rows = try await database.read { queries in try await queries.listAssets() }
        let assets = rows.map {
            AssetRecord(id: $0.id, code: $0.code, name: $0.name, scale: Int($0.scale), createdAt: $0.createdAt)
        }
        snapshot.withLock { state in
            state.byID = Dictionary(uniqueKeysWithValues: assets.map { ($0.id, $0) })
            state.ordered = assets
        }
    }
}
