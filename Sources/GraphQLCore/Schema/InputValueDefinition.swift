/// An argument, or a field of an input object.
public final class InputValueDefinition: Sendable {
    public let name: String
    public let description: String?
    public let type: GraphQLTypeRef
    /// The default as written in SDL; introspection prints it back as a GraphQL literal.
    public let defaultValue: Value?
    public let deprecationReason: String?

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

    public var isDeprecated: Bool { deprecationReason != nil }
    /// A required argument or input field: non-null with no default.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}
