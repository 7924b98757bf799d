import OrderedCollections

/// An enum type.
public final class EnumType: Sendable {
    public let name: String
    public let description: String?
    public let values: OrderedDictionary<String, EnumValueDefinition>

    public init(name: String, description: String? = nil, values: OrderedDictionary<String, EnumValueDefinition>) {
        self.name = name
        self.description = description
        self.values = values
    }
}
