/// A union type.
public final class UnionType: Sendable {
    public let name: String
    public let description: String?
    /// Names of member object types, in declaration order.
    public let members: [String]

    public init(name: String, description: String? = nil, members: [String]) {
        self.name = name
        self.description = description
        self.members = members
    }
}
