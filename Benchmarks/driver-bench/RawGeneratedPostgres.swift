import CLibPQ
import Foundation
import SQLGenFixtureQueries
import WalletGraphQueries

/// The libpq baseline: binary parameters and results, as the driver uses them.
final class RawGeneratedPostgres: @unchecked Sendable {
    // @unchecked: each instance is used by one task at a time.
    private let conn: OpaquePointer

    init(url: String) {
        conn = PQconnectdb(url)
        guard PQstatus(conn) == CONNECTION_OK else { fatalError(String(cString: PQerrorMessage(conn))) }
        prepare("get", WalletGraphQueries.Queries.getAssetByCodeStatement.sql(for: .postgres), [25])
        prepare("rename", SQLGenFixtureQueries.Queries.renameAssetStatement.sql(for: .postgres), [25, 25])
    }

    deinit { PQfinish(conn) }

    private func prepare(_ name: String, _ sql: String, _ types: [UInt32]) {
        let result = PQprepare(conn, name, sql, Int32(types.count), types)
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { fatalError(String(cString: PQresultErrorMessage(result))) }
        PQclear(result)
    }

    private func execute(_ name: String, _ texts: [String]) -> OpaquePointer {
        var joined: [UInt8] = []
        var offsets: [Int] = []
        for text in texts {
            offsets.append(joined.count)
            joined += Array(text.utf8)
        }
        joined.append(0)
        let result = joined.withUnsafeBufferPointer { base in
            let pointers: [UnsafePointer<CChar>?] = offsets.map {
                UnsafeRawPointer(base.baseAddress! + $0).assumingMemoryBound(to: CChar.self)
            }
            let lengths = texts.map { Int32($0.utf8.count) }
            let formats = [Int32](repeating: 1, count: texts.count)
            return PQexecPrepared(conn, name, Int32(texts.count), pointers, lengths, formats, 1)
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            fatalError(String(cString: PQresultErrorMessage(result)))
        }
        return result!
    }

    private static func bytes(_ result: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: PQgetvalue(result, 0, column), count: Int(PQgetlength(result, 0, column)))
    }

    func getAsset(_ code: String) -> AssetValues {
        let result = execute("get", [code])
        defer { PQclear(result) }
        guard PQntuples(result) == 1 else { fatalError("no asset \(code)") }
        let id = Self.bytes(result, 0)
        let uuid = UUID(uuid: (id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13], id[14], id[15]))
        let micros = Int64(bigEndian: Self.bytes(result, 4).loadUnaligned(as: Int64.self))
        return AssetValues(
            id: uuid, code: String(decoding: Self.bytes(result, 1), as: UTF8.self),
            name: String(decoding: Self.bytes(result, 2), as: UTF8.self),
            scale: Int32(bigEndian: Self.bytes(result, 3).loadUnaligned(as: Int32.self)),
            createdAt: Date(timeIntervalSince1970: 946_684_800 + Double(micros) / 1_000_000))
    }

    func renameAsset(name: String, code: String) -> Int64 {
        let result = execute("rename", [name, code])
        defer { PQclear(result) }
        return Int64(String(cString: PQcmdTuples(result))) ?? 0
    }
}
