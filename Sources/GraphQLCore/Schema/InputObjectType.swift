import OrderedCollections

/// An input object type; `@oneOf` makes exactly one field required.
public final class InputObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, InputValueDefinition>
    public let isOneOf: Bool

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, InputValueDefinition>, isOneOf: Bool = false) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
    }
}
