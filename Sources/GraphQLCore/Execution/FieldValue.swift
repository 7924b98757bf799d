/// What a resolver returns for one field: a leaf, an object to resolve the sub-selection against, or a list.
///
/// An explicit enum rather than `Any`: the executor completes values with a switch instead of dynamic casts, and
/// a resolver states plainly whether it returns a leaf or a parent for the next level.
public enum FieldValue: Sendable {
    /// No value: the field is null (an error if its type is non-null).
    case null
    /// A boolean, for `Boolean` (and coerced to `Int` or `Float` as graphql-js does).
    case bool(Bool)
    /// An integer; an `Int` field accepts it only in the 32-bit signed range, and `Float` widens it.
    case int(Int)
    /// A number for `Float`; must be finite, and an `Int` field takes it only when it is whole.
    case float(Double)
    /// A `String`, `ID` or enum value (by name).
    case string(String)
    /// Any JSON, for custom scalars that carry structured data.
    case json(InputValue)
    /// A source value for an object, interface or union field; child resolvers receive it as their parent.
    case object(any Sendable)
    /// A source value with its concrete object type named, which is how abstract fields resolve without a hook.
    case typed(String, any Sendable)
    /// The items of a list field, each completed against the list's item type.
    case list([FieldValue])
    /// A field error at this position, as when a graphql-js resolver returns an `Error`: recorded with this
    /// position's path (masked unless it is a `GraphQLError` or the schema's ``ErrorPresenter`` presents it), and the position
    /// becomes null. This is how a batch resolver fails some parents and answers the others.
    case error(any Error)

    /// Maps a collection to a list, e.g. `.list(wallets) { .object($0) }`.
    public static func list<C: Collection>(_ items: C, _ transform: (C.Element) throws -> FieldValue) rethrows -> FieldValue {
        var values: [FieldValue] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try transform(item)) }
        return .list(values)
    }

    /// `.string` for a value, `.null` for nil.
    public static func optional(_ value: String?) -> FieldValue { value.map(FieldValue.string) ?? .null }
    /// `.int` for a value, `.null` for nil.
    public static func optional(_ value: Int?) -> FieldValue { value.map(FieldValue.int) ?? .null }
    /// `.bool` for a value, `.null` for nil.
    public static func optional(_ value: Bool?) -> FieldValue { value.map(FieldValue.bool) ?? .null }
    /// `.float` for a value, `.null` for nil.
    public static func optional(_ value: Double?) -> FieldValue { value.map(FieldValue.float) ?? .null }

    /// The wrapped source value of `.object` or `.typed`.
    public var source: (any Sendable)? {
        switch self {
        case .object(let value), .typed(_, let value): return value
        default: return nil
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// A string literal is `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal is `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A boolean literal is `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A float literal is `.float`.
    public init(floatLiteral value: Double) { self = .float(value) }
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
}
