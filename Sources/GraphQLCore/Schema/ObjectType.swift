import OrderedCollections

/// An object type.
public final class ObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, FieldDefinition>
    /// Names of implemented interfaces, in declaration order.
    public let interfaces: [String]

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}
