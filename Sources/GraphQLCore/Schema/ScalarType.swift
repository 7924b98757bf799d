/// Checks a literal of a custom scalar during validation. Returns nil when the literal is acceptable, else a
/// message that validation appends to its "Expected value of type …" error.
public typealias ScalarLiteralCheck = @Sendable (Value) -> String?

/// A scalar type: the five built-ins or a custom one.
public final class ScalarType: Sendable {
    /// The type's name as written in SDL.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The URL from `@specifiedBy(url:)` that defines a custom scalar's format; nil when none is
    /// given (always nil for the built-ins).
    public let specifiedByURL: String?
    /// For custom scalars: how validation checks a literal. Nil accepts any literal (as graphql-js does).
    public let checkLiteral: ScalarLiteralCheck?

    /// Creates a scalar type; `checkLiteral` applies only to custom scalars.
    public init(name: String, description: String? = nil, specifiedByURL: String? = nil, checkLiteral: ScalarLiteralCheck? = nil) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.checkLiteral = checkLiteral
    }

    /// Names of the spec's built-in scalars.
    public static let builtInNames: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]
}
