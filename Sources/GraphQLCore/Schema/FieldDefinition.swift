import OrderedCollections

/// A field of an object or interface type.
public final class FieldDefinition: Sendable {
    /// The field's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The field's output type.
    public let type: GraphQLTypeRef
    /// The field's arguments keyed by name, in definition order; empty when it takes none.
    public let arguments: OrderedDictionary<String, InputValueDefinition>
    /// Non-nil when the field is deprecated; the reason defaults to "No longer supported".
    public let deprecationReason: String?

    /// Creates a field; pass a `deprecationReason` to mark it deprecated.
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

    /// True when `deprecationReason` is set, as `__Field.isDeprecated` reports.
    public var isDeprecated: Bool { deprecationReason != nil }
}
