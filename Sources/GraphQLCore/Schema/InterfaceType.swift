import OrderedCollections

/// An interface type.
public final class InterfaceType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The fields keyed by name, in definition order.
    public let fields: OrderedDictionary<String, FieldDefinition>
    /// Names of the interfaces this interface implements, in declaration order.
    public let interfaces: [String]

    /// Creates an interface type; `fields` must be keyed by each field's `name`.
    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}
