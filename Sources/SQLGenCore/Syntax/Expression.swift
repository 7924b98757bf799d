/// An expression of a query, with the UTF-8 range it spans in its file (used for diagnostics and for
/// rewriting the text for SQLite).
struct Expression: Sendable {
    indirect enum Kind: Sendable {
        case column(table: String?, name: String)
        case star(table: String?)
        /// `sqlc.embed(t)`: `t.*` in the SQL, and `t`'s table model as one property of the row.
        case embed(table: String)
        case parameter(ParameterReference)
        case literal(Literal)
        /// `-x`, `+x`, `NOT x`.
        case unary(op: String, Expression)
        /// Arithmetic, comparison, `AND`/`OR`, `||`, `LIKE`/`ILIKE` (op upper-cased for words).
        case binary(op: String, Expression, Expression)
        case isNull(Expression, negated: Bool)
        case between(Expression, Expression, Expression, negated: Bool)
        case inList(Expression, [Expression], negated: Bool)
        case inSelect(Expression, SelectStatement, negated: Bool)
        /// `lhs op ANY(rhs)` / `lhs op ALL(rhs)`; `opStart` is where the operator begins.
        case quantified(op: String, Expression, all: Bool, Expression, opStart: Int)
        case function(FunctionCall)
        /// `x::type` or `CAST(x AS type)`.
        case cast(Expression, TypeName)
        case caseWhen(operand: Expression?, whens: [(Expression, Expression)], otherwise: Expression?)
        case subquery(SelectStatement)
        case exists(SelectStatement)
        /// `(a, b)`: a row value.
        case row([Expression])
        /// `ARRAY[…]`.
        case array([Expression])
    }

    let kind: Kind
    let range: Range<Int>
}

/// `$1`, `@name`, `sqlc.arg(name)` or `sqlc.narg(name)`.
struct ParameterReference: Sendable {
    enum Key: Sendable, Hashable {
        case positional(Int)
        case named(String)
    }
    let key: Key
    /// `sqlc.narg(name)`: nullable whatever the context says.
    let forcedNullable: Bool
}

enum Literal: Sendable {
    case integer(String)
    case decimal(String)
    case string(String)
    case boolean(Bool)
    case null
}

/// A function or aggregate call, possibly with `FILTER (WHERE …)` and `OVER (…)`.
struct FunctionCall: Sendable {
    /// Lower-cased name.
    let name: String
    let nameRange: Range<Int>
    let arguments: [Expression]
    let distinct: Bool
    /// `count(*)`.
    let star: Bool
    let filter: Expression?
    let window: WindowSpecification?
}

struct WindowSpecification: Sendable {
    let partitionBy: [Expression]
    let orderBy: [OrderItem]
}

struct OrderItem: Sendable {
    let expression: Expression
}

/// A type named in a cast or a column definition, normalised to PostgreSQL's canonical spelling
/// (`int8` → `bigint`).
struct TypeName: Sendable, Hashable {
    let name: String
    let isArray: Bool
    let range: Range<Int>
}
