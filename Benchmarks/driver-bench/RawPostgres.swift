import CLibPQ
import Foundation

/// The baseline: the same work through libpq directly, prepared once, binary parameters and results.
final class RawPostgres: @unchecked Sendable {
    // @unchecked: each instance is used by one task at a time.
    private let conn: OpaquePointer
    private var prepared: [String: String] = [:]

    init(url: String) {
        conn = PQconnectdb(url)
        guard PQstatus(conn) == CONNECTION_OK else { fatalError(String(cString: PQerrorMessage(conn))) }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(conn) }

    func exec(_ sql: String) {
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            fatalError(String(cString: PQresultErrorMessage(result)))
        }
    }

    /// Runs a prepared statement with bigint parameters; calls `row` with the result when it has rows.
    @discardableResult
    private func run(_ sql: String, _ values: [Int64], types: [UInt32]? = nil, read: ((OpaquePointer) -> Int64)? = nil) -> Int64 {
        let name: String
        if let cached = prepared[sql] {
            name = cached
        } else {
            name = "raw\(prepared.count)"
            let oids = types ?? [UInt32](repeating: 20, count: values.count)
            let result = PQprepare(conn, name, sql, Int32(oids.count), oids)
            guard PQresultStatus(result) == PGRES_COMMAND_OK else { fatalError(String(cString: PQresultErrorMessage(result))) }
            PQclear(result)
            prepared[sql] = name
        }
        var buffers = values.map { $0.bigEndian }
        let result: OpaquePointer? = buffers.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = (0..<values.count).map { UnsafePointer(base + $0 * 8) }
            let lengths = [Int32](repeating: 8, count: values.count)
            let formats = [Int32](repeating: 1, count: values.count)
            return PQexecPrepared(conn, name, Int32(values.count), pointers, lengths, formats, 1)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            fatalError(String(cString: PQresultErrorMessage(result)))
        }
        return read.map { $0(result!) } ?? 0
    }

    private static func int64(_ result: OpaquePointer, _ column: Int32) -> Int64 {
        Int64(bigEndian: UnsafeRawPointer(PQgetvalue(result, 0, column)).loadUnaligned(as: Int64.self))
    }

    func pointSelect(_ id: Int64) -> Int64 {
        run(BenchSchema.pointSelect(true), [id]) { Self.int64($0, 1) + Self.int64($0, 2) }
    }

    func transfer(_ transfer: Transfer) {
        exec("BEGIN ISOLATION LEVEL READ COMMITTED")
        let lock = BenchSchema.lock(true)
        let first = run(lock, [min(transfer.from, transfer.to)]) { Self.int64($0, 0) }
        let second = run(lock, [max(transfer.from, transfer.to)]) { Self.int64($0, 0) }
        let (fromBalance, toBalance) = transfer.from < transfer.to ? (first, second) : (second, first)
        run(BenchSchema.update(true), [transfer.from, fromBalance - transfer.amount])
        run(BenchSchema.update(true), [transfer.to, toBalance + transfer.amount])
        run(BenchSchema.insertTransaction(true), [transfer.id, transfer.amount, transfer.postgresMicros], types: [20, 20, 1184])
        run(BenchSchema.insertEntry(true), [transfer.id * 2, transfer.id, transfer.from, -transfer.amount, fromBalance - transfer.amount])
        run(BenchSchema.insertEntry(true), [transfer.id * 2 + 1, transfer.id, transfer.to, transfer.amount, toBalance + transfer.amount])
        exec("COMMIT")
    }
}
