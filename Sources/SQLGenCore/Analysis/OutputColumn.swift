/// A column a SELECT (or RETURNING) produces, before naming rules are applied.
struct OutputColumn {
    /// Where a `sqlc.embed(t)` put a column: the table, and the macro's offset (one per embed).
    struct Embed: Equatable {
        let table: String
        let offset: Int
    }

    /// The name PostgreSQL gives it, or nil for `?column?`.
    let name: String?
    let typed: Typed
    let offset: Int
    /// Set for the columns of a `sqlc.embed(t)`.
    var embed: Embed? = nil
}
