import GraphQLCore
import SQLDriver

/// The one place an error becomes what a client sees, as gqlgen's error presenter does. The engine calls
/// ``present(_:language:)`` for every error a resolver throws; ``WalletAPI/execute(_:)`` calls it for the
/// refusals it makes before executing; mutations call ``userError(_:prefix:language:)`` for their payloads.
///
/// - ``APIError``: its code, message and extensions, as a top-level error.
/// - ``PasswordHasher/Busy``: `RATE_LIMITED`, retry in a second (the bcrypt queue is full).
/// - A full or timed-out wait for a database connection: `SERVICE_UNAVAILABLE` (nothing ran); a database that
///   cannot be reached or a connection lost mid-request (a restart): `SERVICE_UNAVAILABLE`, retry with the key.
/// - A cancelled statement (`REQUEST_TIMEOUT` passed, or the database's `statement_timeout`): `TIMEOUT`; after the
///   request's deadline, any cancellation is.
/// - ``DomainError`` from a query field (`disbursementQuote` must answer non-null): a top-level error with the
///   domain's code (`WALLET_NOT_FOUND`, `INVALID_AMOUNT`, …) and `extensions.field`, the argument at fault.
/// - ``DomainError`` from a mutation: a `userErrors` entry, except ``isTopLevel(_:)``.
/// - Anything else is internal: the engine masks it as `INTERNAL_SERVER_ERROR` and logs it.
enum WalletErrorPresenter {
    /// The top-level form of `error`, or nil when it is internal.
    static func present(_ error: any Error, language: MessageLanguage, deadlinePassed: Bool = false) -> GraphQLError? {
        if let refusal = refusal(error, deadlinePassed: deadlinePassed, language: language) { return present(refusal) }
        switch error {
        case let error as APIError:
            return present(error)
        case is PasswordHasher.Busy:
            return present(
                APIError(.rateLimited, language: language, message: APIError.retryMessage(after: 1, in: language)))
        case let error as DomainError where isTopLevel(error):
            return present(APIError(.forbidden, language: language))
        case let error as DomainError:
            return GraphQLError(
                error.message(in: language), code: GraphQLCore.ErrorCode(error.code),
                extensions: error.field.map { ["field": $0.joined(separator: ".")] } ?? [:])
        default:
            return nil
        }
    }

    /// The refusal an overloaded or stopped request gets, when `error` is one: `SERVICE_UNAVAILABLE` for a pool
    /// that could not hand out a connection, `TIMEOUT` for a cancelled statement or, once the request's deadline
    /// passed, for any cancellation.
    static func refusal(_ error: any Error, deadlinePassed: Bool, language: MessageLanguage) -> APIError? {
        guard let code = refusalCode(error, deadlinePassed: deadlinePassed) else { return nil }
        if code == .serviceUnavailable, let error = error as? SQLError,
            [.connectionFailed, .connectionLost, .poolClosed].contains(error.code)
        {
            return APIError(code, language: language, message: databaseUnavailableMessage(language))
        }
        return APIError(code, language: language)
    }

    /// A lost connection's request may have been cut off after its `COMMIT` was sent: "nothing was done" would
    /// not be true, only "at most once".
    static func databaseUnavailableMessage(_ language: MessageLanguage) -> String {
        switch language {
        case .english:
            "The database is unavailable. Retry in 1 s; a money mutation with the same idempotencyKey, which applies it at most once."
        case .indonesian:
            "Basis data tidak tersedia. Coba lagi dalam 1 detik; mutasi uang dengan idempotencyKey yang sama, yang menerapkannya paling banyak sekali."
        }
    }

    private static func refusalCode(_ error: any Error, deadlinePassed: Bool) -> APIError.Code? {
        switch error {
        case let error as SQLError where error.code == .poolExhausted || error.code == .poolTimeout:
            return .serviceUnavailable
        case let error as SQLError where error.code == .statementTimeout:
            return .timeout
        case is CancellationError where deadlinePassed:
            return .timeout
        case let error as SQLError where deadlinePassed && (error.code == .transactionAborted || error.code == .connectionLost):
            return .timeout
        case let error as SQLError where [.connectionFailed, .connectionLost, .poolClosed].contains(error.code):
            return .serviceUnavailable
        default:
            return nil
        }
    }

    /// An API refusal: its code, message (in its language) and extensions.
    static func present(_ error: APIError) -> GraphQLError {
        GraphQLError(error.message, code: error.code.graphQLCode, extensions: error.extensions)
    }

    /// Whether a business outcome is a top-level error even from a mutation: `FORBIDDEN`. Whether the role may
    /// perform an operation at all (a bonus, an asset, freezing, a self top-up while `ALLOW_SELF_TOPUP` is off) is
    /// not something the client fixes by changing its input, so it is never a userError.
    static func isTopLevel(_ error: DomainError) -> Bool { error.code == .forbidden }

    /// `error` as a payload's userError: its field, relative to the mutation's input (`["amount"]`), is prefixed
    /// with `prefix` (`["input"]`) to become a path from the mutation's arguments.
    static func userError(_ error: DomainError, prefix: [String], language: MessageLanguage) -> UserError {
        UserError(code: error.code, message: error.message(in: language), field: error.field.map { prefix + $0 })
    }
}
