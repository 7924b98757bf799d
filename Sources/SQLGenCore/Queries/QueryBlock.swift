/// One `-- name: Name :command` block of a query file, before analysis.
struct QueryBlock: Sendable {
    /// What the generated function returns.
    enum Command: String, Sendable, CaseIterable {
        /// The only row, or nil.
        case one
        /// Every row.
        case many
        /// Nothing.
        case exec
        /// The number of rows changed.
        case execrows
        /// Nothing, possibly later: inside a transaction the statement may travel with the connection's next
        /// statement or `COMMIT`, which reports its failure (`SQLConnection.executeDeferred`).
        case execdeferred
    }

    /// A type the query states for a result column or a parameter (`-- override: name Type?`).
    struct Override: Sendable {
        enum Target: Sendable, Hashable {
            case column(String)
            case parameter(String)
        }
        let target: Target
        let type: ColumnType
        let isNullable: Bool
        let offset: Int
    }

    let name: String
    let nameOffset: Int
    let command: Command
    let file: SourceFile
    /// Line of the `-- name:` annotation.
    let line: Int
    /// The statement's text: the block after its annotation lines.
    let range: Range<Int>
    let overrides: [Override]
    /// `-- row: Name`: the row struct this query shares with every other query that names it.
    let sharedRow: String?
    /// The comment lines right after the annotations, which document the generated function.
    let documentation: [String]
}
