import Foundation

/// A Swift type that can be read from a result column.
public protocol SQLDecodable: Sendable {
    /// Reads the value of column `index` (zero-based) of `row`.
    static func decode(from row: borrowing SQLRow, at index: Int) throws -> Self
}

/// A row type that generated code (or a test) reads from a result row.
public protocol SQLRowDecodable: Sendable {
    init(row: borrowing SQLRow) throws
}

extension Int64: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Int64 { try row.int64(at: index) }
}

extension Int32: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Int32 { try row.int32(at: index) }
}

extension Bool: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Bool { try row.bool(at: index) }
}

extension String: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> String { try row.text(at: index) }
}

extension Date: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Date { try row.timestamp(at: index) }
}

extension UUID: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> UUID { try row.uuid(at: index) }
}

extension Data: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Data { Data(try row.bytes(at: index)) }
}

extension Array: SQLDecodable where Element: SQLArrayElement {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> [Element] {
        try Element.decodeArray(from: row, at: index)
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(from row: borrowing SQLRow, at index: Int) throws -> Wrapped? {
        if row.isNull(at: index) { return nil }
        return try Wrapped.decode(from: row, at: index)
    }
}

extension Int64: SQLArrayElement {
    public static var sqlArrayType: SQLType { .int64Array }
    public static func sqlValue(ofArray array: [Int64]) -> SQLValue { .int64Array(array) }
    public static func decodeArray(from row: borrowing SQLRow, at index: Int) throws -> [Int64] {
        try row.int64Array(at: index)
    }
}

extension String: SQLArrayElement {
    public static var sqlArrayType: SQLType { .textArray }
    public static func sqlValue(ofArray array: [String]) -> SQLValue { .textArray(array) }
    public static func decodeArray(from row: borrowing SQLRow, at index: Int) throws -> [String] {
        try row.textArray(at: index)
    }
}

extension UUID: SQLArrayElement {
    public static var sqlArrayType: SQLType { .uuidArray }
    public static func sqlValue(ofArray array: [UUID]) -> SQLValue { .uuidArray(array) }
    public static func decodeArray(from row: borrowing SQLRow, at index: Int) throws -> [UUID] {
        try row.uuidArray(at: index)
    }
}

extension UInt8: SQLArrayElement {
    public static var sqlArrayType: SQLType { .bytes }
    public static func sqlValue(ofArray array: [UInt8]) -> SQLValue { .bytes(array) }
    public static func decodeArray(from row: borrowing SQLRow, at index: Int) throws -> [UInt8] {
        try row.bytes(at: index)
    }
}
