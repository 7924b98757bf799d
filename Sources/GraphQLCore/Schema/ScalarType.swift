/// Checks a literal of a custom scalar during validation. Returns nil when the literal is acceptable, else a
/// message that validation appends to its "Expected value of type …" error.
public typealias ScalarLiteralCheck = @Sendable (Value) -> String?

/// A scalar type: the five built-ins or a custom one.
public final class ScalarType: Sendable {
    public let name: String
    public let description: String?
    public let specifiedByURL: String?
    /// For custom scalars: how validation checks a literal. Nil accepts any literal (as graphql-js does).
    public let checkLiteral: ScalarLiteralCheck?

    public init(name: String, description: String? = nil, specifiedByURL: String? = nil, checkLiteral: ScalarLiteralCheck? = nil) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.checkLiteral = checkLiteral
    }

    /// Names of the spec's built-in scalars.
    public static let builtInNames: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]
}
