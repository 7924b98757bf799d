import DatabaseTestSupport
import Foundation
import SQLDriver
import SQLGenFixtureQueries
import Testing
import WalletGraphQueries

/// The asset shapes of Tests/SQLGenFixtureQueries/assets.sql, run on each engine against real rows.
@Suite("Generated asset shapes")
struct AssetShapeTests {
    private func asset(_ code: String, scale: Int32, name: String? = nil) -> CreateAssetParams {
        CreateAssetParams(id: UUID(), code: code, name: name ?? "\(code) asset", scale: scale, createdAt: moment(0))
    }

    @Test("upsertAsset renames the existing asset and keeps its id (ON CONFLICT DO UPDATE … RETURNING *)", arguments: Engine.all)
    func upsertAsset(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let first = UpsertAssetParams(id: UUID(), code: "GOLD", name: "Gold", scale: 4, createdAt: moment(1))
                let inserted = try await queries.upsertAsset(first)
                #expect(inserted?.id == first.id)
                let second = UpsertAssetParams(id: UUID(), code: "GOLD", name: "Fine gold", scale: 4, createdAt: moment(2))
                let updated = try await queries.upsertAsset(second)
                #expect(updated == SQLGenFixtureQueries.Asset(id: first.id, code: "GOLD", name: "Fine gold", scale: 4, createdAt: moment(1)))
            }
        }
    }

    @Test("listAssetsByCodes binds a Swift array (= ANY on PostgreSQL, json_each on SQLite)", arguments: Engine.all)
    func listAssetsByCodes(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let product = Product(connection)
                for (code, scale) in [("IDR", 0), ("GOLD", 4), ("USD", 2)] as [(String, Int32)] {
                    _ = try await product.createAsset(asset(code, scale: scale))
                }
                let rows = try await queries.listAssetsByCodes(codes: ["USD", "GOLD", "NOPE"])
                #expect(rows.map(\.code) == ["GOLD", "USD"])
                #expect(rows.map(\.scale) == [4, 2])
                let none = try await queries.listAssetsByCodes(codes: [])
                #expect(none.isEmpty)
            }
        }
    }

    @Test("lockAsset reads the row under FOR UPDATE (dropped on SQLite) and renameAsset counts changed rows", arguments: Engine.all)
    func lockAndRename(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            let gold = asset("GOLD", scale: 4)
            try await pool.withTransaction { connection in
                _ = try await Product(connection).createAsset(gold)
            }
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let locked = try await queries.lockAsset(id: gold.id)
                #expect(locked == LockAssetRow(id: gold.id, scale: 4))
                let renamed = try await queries.renameAsset(name: "Gold bullion", code: "GOLD")
                #expect(renamed == 1)
                let unknown = try await queries.renameAsset(name: "x", code: "NONE")
                #expect(unknown == 0)
            }
            let name = try await pool.withConnection { try await Product($0).getAssetByCode(code: "GOLD")?.name }
            #expect(name == "Gold bullion")
        }
    }

    @Test("countAssets and maxScale: COUNT is never NULL, MAX and SUM are NULL over no rows", arguments: Engine.all)
    func aggregates(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Shapes(connection)
                let product = Product(connection)
                let emptyCount = try await queries.countAssets()
                #expect(emptyCount == 0)
                let empty = try await queries.maxScale()
                #expect(empty == MaxScaleRow(maxScale: nil, totalScale: nil))
                _ = try await product.createAsset(asset("IDR", scale: 0))
                _ = try await product.createAsset(asset("GOLD", scale: 4))
                _ = try await product.createAsset(asset("USD", scale: 2))
                let count = try await queries.countAssets()
                #expect(count == 3)
                let filled = try await queries.maxScale()
                #expect(filled == MaxScaleRow(maxScale: 4, totalScale: 6))
            }
        }
    }
}
