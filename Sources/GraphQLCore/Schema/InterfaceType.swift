import OrderedCollections

/// An interface type.
public final class InterfaceType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, FieldDefinition>
    public let interfaces: [String]

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}
