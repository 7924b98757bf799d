import Foundation

/// A value bound to a statement parameter.
///
/// Generated code builds these from typed Swift values through ``SQLBindable``; `null` carries the
/// parameter's type so that PostgreSQL can prepare the statement with exact parameter types.
public enum SQLValue: Sendable, Hashable {
    case null(SQLType)
    case int64(Int64)
    case int32(Int32)
    case bool(Bool)
    case text(String)
    case bytes([UInt8])
    case timestamp(Date)
    case uuid(UUID)
    case int64Array([Int64])
    case textArray([String])
    case uuidArray([UUID])

    /// The parameter type this value binds as.
    public var type: SQLType {
        switch self {
        case .null(let type): type
        case .int64: .int64
        case .int32: .int32
        case .bool: .bool
        case .text: .text
        case .bytes: .bytes
        case .timestamp: .timestamp
        case .uuid: .uuid
        case .int64Array: .int64Array
        case .textArray: .textArray
        case .uuidArray: .uuidArray
        }
    }
}
