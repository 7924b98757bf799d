/// A union type.
public final class UnionType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// Names of member object types, in declaration order.
    public let members: [String]

    /// Creates a union type over the named member object types.
    public init(name: String, description: String? = nil, members: [String]) {
        self.name = name
        self.description = description
        self.members = members
    }
}
