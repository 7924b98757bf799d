import Foundation

/// A Swift type that binds to a statement parameter.
public protocol SQLBindable: Sendable {
    /// The parameter type, also used to type a NULL.
    static var sqlType: SQLType { get }
    /// This value as a parameter.
    var sqlValue: SQLValue { get }
}

/// An element type that can be bound and decoded as an array: `Int64`, `String` and `UUID` as SQL arrays,
/// and `UInt8`, whose arrays are bytes.
///
/// Swift allows one conditional conformance of `Array` per protocol, so the element type chooses.
public protocol SQLArrayElement: Sendable {
    /// The SQL type of `[Self]`.
    static var sqlArrayType: SQLType { get }
    /// `[Self]` as a parameter.
    static func sqlValue(ofArray array: [Self]) -> SQLValue
    /// Reads `[Self]` from a column.
    static func decodeArray(from row: borrowing SQLRow, at index: Int) throws -> [Self]
}

extension Int64: SQLBindable {
    public static var sqlType: SQLType { .int64 }
    public var sqlValue: SQLValue { .int64(self) }
}

extension Int32: SQLBindable {
    public static var sqlType: SQLType { .int32 }
    public var sqlValue: SQLValue { .int32(self) }
}

extension Bool: SQLBindable {
    public static var sqlType: SQLType { .bool }
    public var sqlValue: SQLValue { .bool(self) }
}

extension String: SQLBindable {
    public static var sqlType: SQLType { .text }
    public var sqlValue: SQLValue { .text(self) }
}

extension Date: SQLBindable {
    public static var sqlType: SQLType { .timestamp }
    public var sqlValue: SQLValue { .timestamp(self) }
}

extension UUID: SQLBindable {
    public static var sqlType: SQLType { .uuid }
    public var sqlValue: SQLValue { .uuid(self) }
}

extension Data: SQLBindable {
    public static var sqlType: SQLType { .bytes }
    public var sqlValue: SQLValue { .bytes([UInt8](self)) }
}

extension Array: SQLBindable where Element: SQLArrayElement {
    public static var sqlType: SQLType { Element.sqlArrayType }
    public var sqlValue: SQLValue { Element.sqlValue(ofArray: self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public static var sqlType: SQLType { Wrapped.sqlType }
    public var sqlValue: SQLValue {
        switch self {
        case .some(let value): value.sqlValue
        case .none: .null(Wrapped.sqlType)
        }
    }
}
