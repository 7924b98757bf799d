/// A PostgreSQL value type as the generator understands it: a base type, possibly an array.
public struct ColumnType: Sendable, Hashable, CustomStringConvertible {
    /// The base types. Only some have a Swift mapping; the others (`numeric`, …) must be cast before
    /// they can be returned, which is what PostgreSQL's own `SUM(bigint) → numeric` asks for.
    public enum Base: String, Sendable, Hashable {
        case bigint, integer, smallint, boolean, text, bytea, timestamptz, timestamp, uuid, numeric
        case doublePrecision = "double precision"
        case real, json, jsonb, date
    }

    /// The base type.
    public let base: Base
    /// Whether it is an array of `base`.
    public let isArray: Bool

    /// A type, or an array of it.
    public init(_ base: Base, isArray: Bool = false) {
        self.base = base
        self.isArray = isArray
    }

    /// The type a PostgreSQL type name denotes, or nil for a type the generator does not know.
    init?(typeName: TypeName) {
        guard let base = Base(rawValue: typeName.name) else { return nil }
        self.init(base, isArray: typeName.isArray)
    }

    /// PostgreSQL's spelling: `bigint`, `text[]`.
    public var description: String { base.rawValue + (isArray ? "[]" : "") }

    /// The element of an array type.
    var element: ColumnType { ColumnType(base) }
    var array: ColumnType { ColumnType(base, isArray: true) }

    var isNumeric: Bool {
        !isArray && [.bigint, .integer, .smallint, .numeric, .doublePrecision, .real].contains(base)
    }

    /// The Swift type that binds and decodes it through SQLDriver, or nil when there is none.
    public var swiftType: String? {
        let element: String? =
            switch base {
            case .bigint: "Int64"
            case .integer: "Int32"
            case .boolean: "Bool"
            case .text: "String"
            case .bytea: isArray ? nil : "Data"
            case .timestamptz: "Date"
            case .uuid: "UUID"
            default: nil
            }
        guard let element else { return nil }
        if isArray { return ["Int64", "String", "UUID"].contains(element) ? "[\(element)]" : nil }
        return element
    }

    /// SQLite's storage class for the column on a STRICT table (docs/decisions/0001-sql-driver.md).
    var sqliteStorage: String? {
        if isArray { return "TEXT" }
        switch base {
        case .bigint, .integer, .smallint, .boolean, .timestamptz: return "INTEGER"
        case .text, .uuid: return "TEXT"
        case .bytea: return "BLOB"
        case .doublePrecision, .real: return "REAL"
        default: return nil
        }
    }

    /// The result type of arithmetic between two numeric types, as PostgreSQL promotes them.
    static func promoted(_ left: ColumnType, _ right: ColumnType) -> ColumnType {
        let order: [Base] = [.smallint, .integer, .bigint, .numeric, .real, .doublePrecision]
        let l = order.firstIndex(of: left.base) ?? 0
        let r = order.firstIndex(of: right.base) ?? 0
        return ColumnType(order[max(l, r)])
    }
}
