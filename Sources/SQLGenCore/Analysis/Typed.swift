/// What analysis knows about a value: its type (nil when unknown, as for NULL or a quoted literal, which
/// PostgreSQL types from context) and whether it can be NULL.
struct Typed {
    var type: ColumnType?
    var isNullable: Bool
    /// A quoted literal: PostgreSQL's "unknown" type, which takes the type of what it meets.
    var isUnknownLiteral = false

    static func known(_ type: ColumnType, nullable: Bool = false) -> Typed {
        Typed(type: type, isNullable: nullable)
    }
}
