import GraphQLCore

/// A business outcome shown to the client in a payload's `userErrors`: a stable code, a message in the request's
/// language, and the path of the input at fault (`["input", "amount"]`, `["walletId"]`). Made by
/// ``WalletErrorPresenter/userError(_:prefix:language:)``.
struct UserError: Sendable, Hashable {
    let code: ErrorCode
    let message: String
    let field: [String]?
}

/// Several business outcomes at once (e.g. an invalid profile field and a too-short password in one sign-up).
struct DomainErrors: Error, Sendable {
    let errors: [DomainError]
}

/// What every mutation payload has: its `userErrors`, and a way to be nothing but them.
protocol MutationPayload: Sendable {
    init(userErrors: [UserError])
}

extension WalletAPI {
    /// Runs a mutation's `body` and shapes its business outcomes: a ``DomainError`` (or several) becomes the
    /// payload's `userErrors`, with fields prefixed by `prefix`, unless one is a top-level error
    /// (``WalletErrorPresenter/isTopLevel(_:)``), which is rethrown for the presenter.
    static func runMutation<Payload: MutationPayload>(
        _ context: APIContext, prefix: [String], _ body: () async throws -> Payload
    ) async throws -> Payload {
        do {
            return try await body()
        } catch let error as DomainError {
            return try payload(for: [error], context: context, prefix: prefix)
        } catch let errors as DomainErrors {
            return try payload(for: errors.errors, context: context, prefix: prefix)
        }
    }

    private static func payload<Payload: MutationPayload>(
        for errors: [DomainError], context: APIContext, prefix: [String]
    ) throws -> Payload {
        if let topLevel = errors.first(where: WalletErrorPresenter.isTopLevel) { throw topLevel }
        return Payload(
            userErrors: errors.map { WalletErrorPresenter.userError($0, prefix: prefix, language: context.language) })
    }

    /// Binds `UserError`'s fields.
    static func bindUserError(into map: inout ResolverMap<APIContext>) {
        map.field("UserError", "code") { .string(try $0.parent(as: UserError.self).code.rawValue) }
        map.field("UserError", "message") { .string(try $0.parent(as: UserError.self).message) }
        map.field("UserError", "field") { input in
            guard let field = try input.parent(as: UserError.self).field else { return .null }
            return .list(field) { .string($0) }
        }
    }
}
