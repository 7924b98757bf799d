/// A value of an enum type.
public final class EnumValueDefinition: Sendable {
    /// The value's name, which is also its serialized form.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// Non-nil when the value is `@deprecated`; the reason defaults to "No longer supported".
    public let deprecationReason: String?

    /// Creates an enum value; pass a `deprecationReason` to mark it deprecated.
    public init(name: String, description: String? = nil, deprecationReason: String? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
    }

    /// True when `deprecationReason` is set, as `__EnumValue.isDeprecated` reports.
    public var isDeprecated: Bool { deprecationReason != nil }
}
