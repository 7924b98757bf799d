/// Turns an error a resolver threw into what the client sees, as gqlgen's error presenter does: the one place an
/// application's errors get their message, `extensions.code` and extensions (the engine adds locations and path).
/// Nil means the error is internal: it is masked as `INTERNAL_SERVER_ERROR` and goes to the reporter.
///
/// A `GraphQLError` is already in client form and never reaches the presenter.
public typealias ErrorPresenter<Context> = @Sendable (_ error: any Error, _ context: Context) -> GraphQLError?

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
