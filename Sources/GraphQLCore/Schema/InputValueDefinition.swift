/// An argument, or a field of an input object.
public final class InputValueDefinition: Sendable {
    /// The argument's or input field's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The input type; scalars, enums, input objects and lists or non-nulls of them.
    public let type: GraphQLTypeRef
    /// The default as written in SDL; introspection prints it back as a GraphQL literal.
    public let defaultValue: Value?
    /// Non-nil when `@deprecated`; the reason defaults to "No longer supported". Schema
    /// validation refuses it on a required value (non-null, no default).
    public let deprecationReason: String?

    /// Creates an argument or input field; `defaultValue` is a constant literal, not a coerced value.
    public init(
        name: String, description: String? = nil, type: GraphQLTypeRef, defaultValue: Value? = nil,
        deprecationReason: String? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
    }

    /// True when `deprecationReason` is set, as `__InputValue.isDeprecated` reports.
    public var isDeprecated: Bool { deprecationReason != nil }
    /// A required argument or input field: non-null with no default.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}
