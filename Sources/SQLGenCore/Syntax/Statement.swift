/// A statement the generator analyses: one per query block.
indirect enum Statement: Sendable {
    case select(SelectStatement)
    case insert(InsertStatement)
    case update(UpdateStatement)
    case delete(DeleteStatement)
}

/// `WITH name [(columns)] AS (statement)`.
struct CommonTableExpression: Sendable {
    let name: String
    let nameOffset: Int
    let columns: [String]?
    let statement: Statement
}

/// A full `SELECT`, with its CTEs, set operations, ordering, limits and locking clause.
struct SelectStatement: Sendable {
    let with: [CommonTableExpression]
    let body: SelectBody
    let orderBy: [OrderItem]
    let limit: Expression?
    let offset: Expression?
    /// `FOR UPDATE | FOR SHARE … [OF …] [NOWAIT | SKIP LOCKED]`: dropped on SQLite.
    let lockingRanges: [Range<Int>]
    let range: Range<Int>
}

indirect enum SelectBody: Sendable {
    case core(SelectCore)
    case compound(SelectBody, op: String, SelectBody)
    case values([[Expression]])
    case nested(SelectStatement)
}

struct SelectCore: Sendable {
    let distinct: Bool
    /// `DISTINCT ON (…)`: PostgreSQL only.
    let distinctOnRange: Range<Int>?
    let items: [SelectItem]
    let from: [FromItem]
    let whereClause: Expression?
    let groupBy: [Expression]
    let having: Expression?
}

struct SelectItem: Sendable {
    let expression: Expression
    let alias: String?
}

indirect enum FromItem: Sendable {
    case table(name: String, alias: String?, range: Range<Int>)
    case subquery(SelectStatement, alias: String, columns: [String]?)
    case join(FromItem, JoinKind, FromItem, on: Expression?, using: [String])
}

enum JoinKind: Sendable {
    case inner, left, right, full, cross
}

struct InsertStatement: Sendable {
    enum Source: Sendable {
        case values([[Expression]])
        case select(SelectStatement)
        case defaultValues
    }
    let with: [CommonTableExpression]
    let table: String
    let tableRange: Range<Int>
    let alias: String?
    let columns: [(name: String, range: Range<Int>)]
    let source: Source
    let onConflict: OnConflict?
    let returning: [SelectItem]
}

struct OnConflict: Sendable {
    enum Action: Sendable {
        case nothing
        case update([Assignment], whereClause: Expression?)
    }
    let columns: [(name: String, range: Range<Int>)]
    let targetWhere: Expression?
    /// `ON CONSTRAINT name`: PostgreSQL only.
    let constraintRange: Range<Int>?
    let action: Action
}

struct Assignment: Sendable {
    let column: String
    let columnRange: Range<Int>
    let value: Expression
}

struct UpdateStatement: Sendable {
    let with: [CommonTableExpression]
    let table: String
    let tableRange: Range<Int>
    let alias: String?
    let assignments: [Assignment]
    let from: [FromItem]
    let whereClause: Expression?
    let returning: [SelectItem]
}

struct DeleteStatement: Sendable {
    let with: [CommonTableExpression]
    let table: String
    let tableRange: Range<Int>
    let alias: String?
    let using: [FromItem]
    let whereClause: Expression?
    let returning: [SelectItem]
}
