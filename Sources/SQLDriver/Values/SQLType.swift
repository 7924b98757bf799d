/// The types the driver binds and decodes, and how each is stored per engine.
///
/// | type | PostgreSQL | SQLite |
/// |---|---|---|
/// | `int64` | `bigint` | INTEGER |
/// | `int32` | `integer` | INTEGER |
/// | `bool` | `boolean` | INTEGER 0/1 |
/// | `text` | `text` | TEXT (UTF-8) |
/// | `bytes` | `bytea` | BLOB |
/// | `timestamp` | `timestamptz` | INTEGER, microseconds since 1970-01-01T00:00:00Z |
/// | `uuid` | `uuid` | TEXT, canonical lowercase (36 characters) |
/// | `…Array` | `bigint[]`, `text[]`, `uuid[]` | TEXT holding a JSON array, read with `json_each` |
public enum SQLType: UInt8, Sendable, Hashable, CaseIterable {
    case int64, int32, bool, text, bytes, timestamp, uuid, int64Array, textArray, uuidArray

    /// The PostgreSQL type OID used when preparing and binding in binary format.
    var postgresOID: UInt32 {
        switch self {
        case .int64: 20
        case .int32: 23
        case .bool: 16
        case .text: 25
        case .bytes: 17
        case .timestamp: 1184
        case .uuid: 2950
        case .int64Array: 1016
        case .textArray: 1009
        case .uuidArray: 2951
        }
    }
}
