import CSQLite
import Foundation

/// Strict readers for the current row of an SQLite statement.
enum SQLiteColumns {
    static func count(_ statement: OpaquePointer) -> Int { Int(sqlite3_column_count(statement)) }

    static func name(_ statement: OpaquePointer, _ index: Int) -> String {
        sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? ""
    }

    static func isNull(_ statement: OpaquePointer, _ index: Int) -> Bool {
        sqlite3_column_type(statement, Int32(index)) == SQLITE_NULL
    }

    /// Checks the column's storage class, reporting NULL and mismatches with the column's index.
    private static func expect(_ type: Int32, _ statement: OpaquePointer, _ index: Int) throws {
        guard index >= 0, index < count(statement) else {
            throw SQLError(.invalidStatement, detail: "column \(index) out of range")
        }
        let actual = sqlite3_column_type(statement, Int32(index))
        if actual == type { return }
        if actual == SQLITE_NULL { throw SQLError(.unexpectedNull, detail: "column \(index)") }
        throw SQLError(.typeMismatch, detail: "column \(index): storage class \(actual), expected \(type)")
    }

    static func int64(_ statement: OpaquePointer, _ index: Int) throws -> Int64 {
        try expect(SQLITE_INTEGER, statement, index)
        return sqlite3_column_int64(statement, Int32(index))
    }

    static func bool(_ statement: OpaquePointer, _ index: Int) throws -> Bool {
        switch try int64(statement, index) {
        case 0: return false
        case 1: return true
        default: throw SQLError(.typeMismatch, detail: "column \(index): not a boolean")
        }
    }

    static func text(_ statement: OpaquePointer, _ index: Int) throws -> String {
        try expect(SQLITE_TEXT, statement, index)
        guard let text = sqlite3_column_text(statement, Int32(index)) else { return "" }
        let length = Int(sqlite3_column_bytes(statement, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
    }

    static func bytes(_ statement: OpaquePointer, _ index: Int) throws -> [UInt8] {
        try expect(SQLITE_BLOB, statement, index)
        let length = Int(sqlite3_column_bytes(statement, Int32(index)))
        guard length > 0, let blob = sqlite3_column_blob(statement, Int32(index)) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: blob, count: length))
    }

    static func timestamp(_ statement: OpaquePointer, _ index: Int) throws -> Date {
        Timestamps.date(unixMicros: try int64(statement, index))
    }

    static func uuid(_ statement: OpaquePointer, _ index: Int) throws -> UUID {
        guard let uuid = UUID(uuidString: try text(statement, index)) else {
            throw SQLError(.typeMismatch, detail: "column \(index): not a UUID")
        }
        return uuid
    }

    static func jsonArray<Element: Decodable>(_ statement: OpaquePointer, _ index: Int, of type: Element.Type)
        throws -> [Element]
    {
        let text = try text(statement, index)
        do {
            return try JSONDecoder().decode([Element].self, from: Data(text.utf8))
        } catch {
            throw SQLError(.typeMismatch, detail: "column \(index): not a JSON array of \(Element.self)")
        }
    }
}
