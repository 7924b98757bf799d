import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

/// The functions generated from queries/assets.sql, run on each engine against real rows.
@Suite("Generated asset queries")
struct AssetQueriesTests {
    private func asset(_ code: String, scale: Int32, name: String? = nil) -> CreateAssetParams {
        CreateAssetParams(id: UUID(), code: code, name: name ?? "\(code) asset", scale: scale, createdAt: moment(0))
    }

    @Test("createAsset inserts and returns the row; a taken code returns nil (ON CONFLICT DO NOTHING)", arguments: Engine.all)
    func createAsset(engine: Engine) async throws {
        try await withMigratedDatabase(engine) { pool in
            try await pool.withTransaction { connection in
                let queries = Queries(connection)
                let idr = asset("IDR", scale: 0)
                let created = try await queries.createAsset(idr)
                #expect(created == WalletGraphQueries.Asset(id: idr.id, code: "IDR", name: "IDR asset", scale: 0, createdAt: moment(0)))
                let again = try await queries.createAsset(asset("IDR", scale: 2))
                #expect(again == nil)
                let fetched = try await queries.getAssetByCode(code: "IDR")
                #expect(fetched?.id == idr.id)
                #expect(fetched?.scale == 0)
                let missing = try await queries.getAssetByCode(code: "XAU")
                #expect(missing == nil)
            }
        }
    }
}
