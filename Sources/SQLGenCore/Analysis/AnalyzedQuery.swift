/// A query resolved into plain data: everything the renderer needs, and nothing it must look up.
public struct AnalyzedQuery: Sendable, Hashable {
    /// A parameter of the generated function, in `$n` order.
    public struct Parameter: Sendable, Hashable {
        /// snake_case name, from `@name` or from the column it is compared with.
        public let name: String
        /// The PostgreSQL type; an array for a list parameter (`col = ANY($1)`).
        public let type: ColumnType
        /// Whether Swift may pass nil (optional filters, nullable columns, `sqlc.narg`).
        public let isNullable: Bool
    }

    /// A result column.
    public struct Column: Sendable, Hashable {
        /// The column's name in the result (alias or source column).
        public let name: String
        /// Its PostgreSQL type.
        public let type: ColumnType
        /// Whether it may be NULL, by PostgreSQL's rules (outer joins, aggregates, …).
        public let isNullable: Bool
    }

    /// A `sqlc.embed(t)` of the result: the table's model as one property of the row, decoded from
    /// `columns[range]`.
    public struct Embed: Sendable, Hashable {
        /// The catalog table (`ledger_entries`).
        public let table: String
        /// Its columns' positions in ``AnalyzedQuery/columns``.
        public let range: Range<Int>
    }

    /// The query's name, as annotated (`GetUser`).
    public let name: String
    /// `one`, `many`, `exec`, `execrows` or `execdeferred`.
    public let command: String
    /// Where the query is, for documentation: `queries/users.sql`, line of its `-- name:`.
    public let file: String
    /// Line of the `-- name:` annotation.
    public let line: Int
    /// The text PostgreSQL runs: `$n` placeholders.
    public let postgresSQL: String
    /// The text SQLite runs, rewritten from the PostgreSQL text.
    public let sqliteSQL: String
    /// Parameters, in `$n` order.
    public let parameters: [Parameter]
    /// Result columns, in order (empty for statements without a result), embedded ones included.
    public let columns: [Column]
    /// The table whose model the query returns, when its result is exactly that table's columns in order
    /// (`SELECT *`, `RETURNING *`, `t.*` or the full list), as sqlc does: then no row struct is generated.
    public let model: String?
    /// The `sqlc.embed` groups of `columns`, in order.
    public let embeds: [Embed]
    /// `-- row: Name`: the row struct shared by every query that names it (their columns must be identical).
    public let sharedRow: String?
    /// The query's own comment lines (those right after its annotations).
    public let documentation: [String]
}

/// The analysed queries of one query file.
public struct AnalyzedFile: Sendable, Hashable {
    /// `queries/users.sql`.
    public let sourcePath: String
    /// The file's base name without extension (`users`).
    public let baseName: String
    /// Its queries, in file order.
    public let queries: [AnalyzedQuery]
}
