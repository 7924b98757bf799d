import CSQLite
import Foundation
import SQLGenFixtureQueries
import WalletGraphQueries

/// The raw C baseline for the generated functions: the generated statements' own text (so the SQL is the
/// same by construction), prepared once, bound and decoded by hand into the same Swift values.
final class RawGeneratedSQLite: @unchecked Sendable {
    // @unchecked: each instance is used by one task at a time (the writer behind a lock).
    private let db: OpaquePointer
    private let get: OpaquePointer
    private let rename: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String, reader: Bool) {
        var handle: OpaquePointer?
        sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        db = handle!
        sqlite3_busy_timeout(db, 5_000)
        // The pool's settings (SQLiteConfiguration's defaults), so both sides pay the same durability and checks.
        sqlite3_exec(db, "PRAGMA synchronous=FULL", nil, nil, nil)
        sqlite3_exec(db, "PRAGMA foreign_keys=ON", nil, nil, nil)
        if reader { sqlite3_exec(db, "PRAGMA query_only=1", nil, nil, nil) }
        func prepare(_ sql: String) -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else {
                fatalError(String(cString: sqlite3_errmsg(handle)))
            }
            return statement!
        }
        get = prepare(WalletGraphQueries.Queries.getAssetByCodeStatement.sql(for: .sqlite))
        rename = prepare(SQLGenFixtureQueries.Queries.renameAssetStatement.sql(for: .sqlite))
    }

    deinit {
        sqlite3_finalize(get)
        sqlite3_finalize(rename)
        sqlite3_close_v2(db)
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        String(cString: sqlite3_column_text(statement, column))
    }

    func getAsset(_ code: String) -> AssetValues {
        sqlite3_bind_text(get, 1, code, -1, Self.transient)
        guard sqlite3_step(get) == SQLITE_ROW else { fatalError("no asset \(code)") }
        let asset = AssetValues(
            id: UUID(uuidString: Self.text(get, 0))!, code: Self.text(get, 1), name: Self.text(get, 2),
            scale: Int32(sqlite3_column_int64(get, 3)),
            createdAt: Date(timeIntervalSince1970: Double(sqlite3_column_int64(get, 4)) / 1_000_000))
        sqlite3_reset(get)
        return asset
    }

    func renameAsset(name: String, code: String) -> Int64 {
        sqlite3_bind_text(rename, 1, name, -1, Self.transient)
        sqlite3_bind_text(rename, 2, code, -1, Self.transient)
        guard sqlite3_step(rename) == SQLITE_DONE else { fatalError(String(cString: sqlite3_errmsg(db))) }
        sqlite3_reset(rename)
        return Int64(sqlite3_changes(db))
    }
}
