import Foundation

/// The current row of a result, valid only inside the decoding closure it is handed to.
///
/// It points into the engine's result (a `PGresult` or a stepped `sqlite3_stmt`), which the driver frees
/// or resets right after the closure returns, so the type is non-copyable: a closure can only borrow it,
/// and code that tries to keep a row (`fetchAll(…) { $0 }`) does not compile.
///
/// Reads are strict: a column is decoded only from the storage type documented in ``SQLType``,
/// so a REAL where money is expected is an error, never a silent conversion.
public struct SQLRow: ~Copyable {
    enum Source {
        case sqlite(statement: OpaquePointer)
        case postgres(result: OpaquePointer, row: Int32)
    }

    let source: Source

    init(_ source: Source) { self.source = source }

    /// The number of columns.
    public var columnCount: Int {
        switch source {
        case .sqlite(let statement): SQLiteColumns.count(statement)
        case .postgres(let result, _): PostgresColumns.count(result)
        }
    }

    /// The name of column `index`, as the engine reports it.
    public func columnName(at index: Int) -> String {
        switch source {
        case .sqlite(let statement): SQLiteColumns.name(statement, index)
        case .postgres(let result, _): PostgresColumns.name(result, index)
        }
    }

    /// Whether column `index` is NULL.
    public func isNull(at index: Int) -> Bool {
        switch source {
        case .sqlite(let statement): SQLiteColumns.isNull(statement, index)
        case .postgres(let result, let row): PostgresColumns.isNull(result, row, index)
        }
    }

    /// Decodes column `index` as `T`.
    public func decode<T: SQLDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        try T.decode(from: self, at: index)
    }

    func int64(at index: Int) throws -> Int64 {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.int64(statement, index)
        case .postgres(let result, let row): try PostgresColumns.int64(result, row, index)
        }
    }

    func int32(at index: Int) throws -> Int32 {
        let value = try int64(at: index)
        guard let narrow = Int32(exactly: value) else {
            throw SQLError(.typeMismatch, detail: "column \(index): value does not fit Int32")
        }
        return narrow
    }

    func bool(at index: Int) throws -> Bool {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.bool(statement, index)
        case .postgres(let result, let row): try PostgresColumns.bool(result, row, index)
        }
    }

    func text(at index: Int) throws -> String {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.text(statement, index)
        case .postgres(let result, let row): try PostgresColumns.text(result, row, index)
        }
    }

    func bytes(at index: Int) throws -> [UInt8] {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.bytes(statement, index)
        case .postgres(let result, let row): try PostgresColumns.bytes(result, row, index)
        }
    }

    func timestamp(at index: Int) throws -> Date {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.timestamp(statement, index)
        case .postgres(let result, let row): try PostgresColumns.timestamp(result, row, index)
        }
    }

    func uuid(at index: Int) throws -> UUID {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.uuid(statement, index)
        case .postgres(let result, let row): try PostgresColumns.uuid(result, row, index)
        }
    }

    func int64Array(at index: Int) throws -> [Int64] {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.jsonArray(statement, index, of: Int64.self)
        case .postgres(let result, let row): try PostgresColumns.int64Array(result, row, index)
        }
    }

    func textArray(at index: Int) throws -> [String] {
        switch source {
        case .sqlite(let statement): try SQLiteColumns.jsonArray(statement, index, of: String.self)
        case .postgres(let result, let row): try PostgresColumns.textArray(result, row, index)
        }
    }

    func uuidArray(at index: Int) throws -> [UUID] {
        switch source {
        case .sqlite(let statement):
            try SQLiteColumns.jsonArray(statement, index, of: String.self).map { text in
                guard let uuid = UUID(uuidString: text) else {
                    throw SQLError(.typeMismatch, detail: "column \(index): not a UUID array")
                }
                return uuid
            }
        case .postgres(let result, let row): try PostgresColumns.uuidArray(result, row, index)
        }
    }
}
