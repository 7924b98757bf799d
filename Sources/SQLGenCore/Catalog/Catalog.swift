/// The tables the migrations define, with PostgreSQL types (the source of truth for Swift types).
public struct Catalog: Sendable {
    /// A column of a table.
    public struct Column: Sendable, Hashable {
        /// The column's name.
        public let name: String
        /// Its PostgreSQL type.
        public let type: ColumnType
        /// Whether it may be NULL (no NOT NULL, not in the primary key).
        public let isNullable: Bool
    }

    /// A table, with its columns in definition order (`SELECT *` and `RETURNING *` depend on that order).
    public struct Table: Sendable {
        /// The table's name.
        public let name: String
        /// Its columns, in order.
        public var columns: [Column]

        func column(named name: String) -> Column? {
            columns.first { $0.name == name }
        }
    }

    /// Tables by name.
    public internal(set) var tables: [String: Table] = [:]

    /// An empty catalog.
    public init() {}
}
