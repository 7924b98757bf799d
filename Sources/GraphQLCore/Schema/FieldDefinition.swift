import OrderedCollections

/// A field of an object or interface type.
public final class FieldDefinition: Sendable {
    public let name: String
    public let description: String?
    public let type: GraphQLTypeRef
    public let arguments: OrderedDictionary<String, InputValueDefinition>
    /// Non-nil when the field is deprecated; the reason defaults to "No longer supported".
    public let deprecationReason: String?

    public init(
        name: String, description: String? = nil, type: GraphQLTypeRef,
        arguments: OrderedDictionary<String, InputValueDefinition> = [:], deprecationReason: String? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.arguments = arguments
        self.deprecationReason = deprecationReason
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}
