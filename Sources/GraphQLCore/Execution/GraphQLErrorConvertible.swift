/// An application error that is meant for the client: resolvers throw it and its code, message and extensions
/// reach the response unchanged (everything else is masked as `INTERNAL_SERVER_ERROR`).
public protocol GraphQLErrorConvertible: Error {
    /// The stable `extensions.code`, e.g. `INSUFFICIENT_BALANCE`.
    var graphQLErrorCode: ErrorCode { get }
    /// The client-facing message; it must not carry internals.
    var graphQLErrorMessage: String { get }
    /// Extra `extensions` entries besides `code`.
    var graphQLErrorExtensions: [String: String] { get }
}

extension GraphQLErrorConvertible {
    /// No extra extensions by default.
    public var graphQLErrorExtensions: [String: String] { [:] }
}

/// A resolver error that was masked, as the logging hook receives it.
public struct ResolverErrorReport: Sendable {
    /// The request id the engine was given (or generated), to join client reports with logs.
    public let requestID: String
    /// The response path of the field, e.g. `wallets[3].balance`.
    public let path: String
    /// The field, as `Type.field`.
    public let field: String
    /// The original error, with whatever internals it carries.
    public let error: any Error
}

/// Receives masked resolver errors; plug the application's logger in here.
public typealias ResolverErrorReporter = @Sendable (ResolverErrorReport) -> Void
