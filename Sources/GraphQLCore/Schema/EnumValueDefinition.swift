/// A value of an enum type.
public final class EnumValueDefinition: Sendable {
    public let name: String
    public let description: String?
    public let deprecationReason: String?

    public init(name: String, description: String? = nil, deprecationReason: String? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}
