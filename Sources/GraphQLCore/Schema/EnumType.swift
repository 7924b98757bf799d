import OrderedCollections

/// An enum type.
public final class EnumType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The values keyed by name, in definition order (the order introspection and printing use).
    public let values: OrderedDictionary<String, EnumValueDefinition>

    /// Creates an enum type; `values` must be keyed by each value's `name`.
    public init(name: String, description: String? = nil, values: OrderedDictionary<String, EnumValueDefinition>) {
        self.name = name
        self.description = description
        self.values = values
    }
}
