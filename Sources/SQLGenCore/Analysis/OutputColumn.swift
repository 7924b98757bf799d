/// A column a SELECT (or RETURNING) produces, before naming rules are applied.
struct OutputColumn {
    /// The name PostgreSQL gives it, or nil for `?column?`.
    let name: String?
    let typed: Typed
    let offset: Int
}
