import CSQLite
import Foundation

/// The baseline: the same work through the SQLite C API directly, with statements prepared once.
final class RawSQLite: @unchecked Sendable {
    // @unchecked: each instance is used by one task at a time (the writer behind a lock).
    private let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String, synchronous: String, reader: Bool) {
        var handle: OpaquePointer?
        sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        db = handle!
        sqlite3_busy_timeout(db, 5_000)
        exec("PRAGMA journal_mode=WAL")
        exec("PRAGMA synchronous=\(synchronous)")
        exec("PRAGMA foreign_keys=ON")
        if reader { exec("PRAGMA query_only=1") }
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    func exec(_ sql: String) {
        if sqlite3_exec(db, sql, nil, nil, nil) != SQLITE_OK { fatalError(String(cString: sqlite3_errmsg(db))) }
    }

    private func statement(_ sql: String) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else {
            fatalError(String(cString: sqlite3_errmsg(db)))
        }
        statements[sql] = statement
        return statement!
    }

    private func run(_ sql: String, _ values: [Int64]) {
        let s = statement(sql)
        for (index, value) in values.enumerated() { sqlite3_bind_int64(s, Int32(index + 1), value) }
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            if rc != SQLITE_ROW { fatalError(String(cString: sqlite3_errmsg(db))) }
        }
        sqlite3_reset(s)
    }

    func pointSelect(_ id: Int64) -> Int64 {
        let s = statement(BenchSchema.pointSelect(false))
        sqlite3_bind_int64(s, 1, id)
        guard sqlite3_step(s) == SQLITE_ROW else { fatalError("no row") }
        let balance = sqlite3_column_int64(s, 1) + sqlite3_column_int64(s, 2)
        sqlite3_reset(s)
        return balance
    }

    private func balance(_ id: Int64) -> Int64 {
        let s = statement(BenchSchema.lock(false))
        sqlite3_bind_int64(s, 1, id)
        guard sqlite3_step(s) == SQLITE_ROW else { fatalError("no row") }
        let balance = sqlite3_column_int64(s, 0)
        sqlite3_reset(s)
        return balance
    }

    func transfer(_ transfer: Transfer) {
        run("BEGIN IMMEDIATE", [])
        let first = balance(min(transfer.from, transfer.to))
        let second = balance(max(transfer.from, transfer.to))
        let (fromBalance, toBalance) = transfer.from < transfer.to ? (first, second) : (second, first)
        run(BenchSchema.update(false), [transfer.from, fromBalance - transfer.amount])
        run(BenchSchema.update(false), [transfer.to, toBalance + transfer.amount])
        run(BenchSchema.insertTransaction(false), [transfer.id, transfer.amount, transfer.micros])
        run(BenchSchema.insertEntry(false), [transfer.id * 2, transfer.id, transfer.from, -transfer.amount, fromBalance - transfer.amount])
        run(BenchSchema.insertEntry(false), [transfer.id * 2 + 1, transfer.id, transfer.to, transfer.amount, toBalance + transfer.amount])
        run("COMMIT", [])
    }
}
