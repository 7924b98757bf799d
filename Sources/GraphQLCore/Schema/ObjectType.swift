import OrderedCollections

/// An object type.
public final class ObjectType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The fields keyed by name, in definition order (the order introspection and printing use).
    public let fields: OrderedDictionary<String, FieldDefinition>
    /// Names of implemented interfaces, in declaration order.
    public let interfaces: [String]

    /// Creates an object type; `fields` must be keyed by each field's `name`.
    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}
