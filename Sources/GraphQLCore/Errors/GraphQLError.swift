/// A client-facing GraphQL error: message, locations, path and a stable `extensions.code`.
///
/// Every stage (parse, validation, coercion, limits, execution) reports errors as this one type, so one
/// presenter shapes them for the response.
public struct GraphQLError: Error, Sendable, Hashable {
    /// Human-readable text for the response's `message`. Clients see it verbatim, so unexpected
    /// resolver failures are masked before they become a `GraphQLError`.
    public var message: String
    /// Positions in the document the error refers to (the response's `locations`, spec §7.1.2);
    /// empty when no source position applies.
    public var locations: [SourceLocation]
    /// The response path for execution errors (field names and list indices); empty otherwise.
    public var path: [PathComponent]
    /// The stable `extensions.code` that clients branch on; unlike `message`, it does not change wording.
    public var code: ErrorCode
    /// Extra `extensions` entries besides `code`, as string pairs (kept simple and Sendable).
    public var extensions: [String: String]

    /// Creates an error. `code` becomes `extensions.code`; `path` stays empty outside execution.
    public init(
        _ message: String, locations: [SourceLocation] = [], path: [PathComponent] = [], code: ErrorCode,
        extensions: [String: String] = [:]
    ) {
        self.message = message
        self.locations = locations
        self.path = path
        self.code = code
        self.extensions = extensions
    }
}

/// One step of a response path.
public enum PathComponent: Hashable, Sendable {
    /// A field's response key: its alias, else its name.
    case key(String)
    /// A 0-based position in a list.
    case index(Int)
}

/// The stable `extensions.code` values. A struct over strings, so the application can add its own codes
/// (e.g. `INSUFFICIENT_BALANCE`) while the engine's are fixed.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as it appears on the wire, e.g. `BAD_USER_INPUT`.
    public var rawValue: String
    /// Wraps any code string; the engine does not check it against a list.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Same as `init(rawValue:)`, unlabelled so code definitions read `ErrorCode("NOPE")`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The raw code, so an `ErrorCode` interpolates as its wire form.
    public var description: String { rawValue }

    /// The document is not syntactically valid, or exceeds a parser limit.
    public static let parseFailed = ErrorCode("GRAPHQL_PARSE_FAILED")
    /// The document breaks a validation rule of the spec's section 5.
    public static let validationFailed = ErrorCode("GRAPHQL_VALIDATION_FAILED")
    /// Variable values (or the operation name) do not fit the operation.
    public static let badUserInput = ErrorCode("BAD_USER_INPUT")
    /// Depth, alias/field count or static cost over a configured limit.
    public static let queryTooComplex = ErrorCode("QUERY_TOO_COMPLEX")
    /// A resolver threw something that is not a client-facing error; details go to the logs only.
    public static let internalServerError = ErrorCode("INTERNAL_SERVER_ERROR")
}
