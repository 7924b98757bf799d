/// The tables the migrations define, with PostgreSQL types (the source of truth for Swift types).
public struct Catalog: Sendable {
    /// A column of a table.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let type: ColumnType
        public let isNullable: Bool
    }

    /// A table, with its columns in definition order (`SELECT *` and `RETURNING *` depend on that order).
    public struct Table: Sendable {
        public let name: String
        public var columns: [Column]

        func column(named name: String) -> Column? {
            columns.first { $0.name == name }
        }
    }

    /// Tables by name.
    public internal(set) var tables: [String: Table] = [:]

    public init() {}
}
