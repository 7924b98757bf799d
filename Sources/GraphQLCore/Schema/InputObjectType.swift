import OrderedCollections

/// An input object type; `@oneOf` makes exactly one field required.
public final class InputObjectType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The input fields keyed by name, in definition order.
    public let fields: OrderedDictionary<String, InputValueDefinition>
    /// True for a `@oneOf` input object: a value must set exactly one field, and not to null.
    public let isOneOf: Bool

    /// Creates an input object type; `fields` must be keyed by each field's `name`.
    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, InputValueDefinition>, isOneOf: Bool = false) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
    }
}
