/// The engine's answer: the response JSON bytes, and whether the request was refused before execution.
///
/// A request error (parse, validation, limits, operation selection, variable coercion, refused introspection)
/// has no `data` key; an HTTP layer answers it with 400. An executed response always has `data` (possibly null)
/// and is a 200, even with field errors in it.
public struct GraphQLResponse: Sendable {
    /// Whether the operation ran.
    public enum Outcome: Sendable, Equatable {
        /// Refused before any resolver ran.
        case requestError
        /// Executed; field errors may be in `errors`.
        case executed
    }

    /// Which kind of response this is.
    public let outcome: Outcome
    /// The JSON body, ready to send.
    public let bytes: [UInt8]
    /// The errors in the body, for logging and tests.
    public let errors: [GraphQLError]

    /// True when the request was refused before execution.
    public var isRequestError: Bool { outcome == .requestError }

    /// The body as a string (for tests and logs; the bytes are what a server sends).
    public var json: String { String(decoding: bytes, as: UTF8.self) }

    init(outcome: Outcome, bytes: [UInt8], errors: [GraphQLError]) {
        self.outcome = outcome
        self.bytes = bytes
        self.errors = errors
    }

    /// A request error response for these errors.
    public static func requestError(_ errors: [GraphQLError]) -> GraphQLResponse {
        GraphQLResponse(outcome: .requestError, bytes: ResponseWriter.write(requestErrors: errors), errors: errors)
    }
}
