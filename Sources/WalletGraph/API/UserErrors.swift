import GraphQLCore

/// A business outcome shown to the client in a payload's `userErrors`: a stable code, a message in the request's
/// language, and the path of the input at fault (`["input", "amount"]`, `["walletId"]`).
struct UserError: Sendable, Hashable {
    let code: ErrorCode
    let message: String
    let field: [String]?

    /// `error` as the client sees it: its field, relative to the mutation's input (`["amount"]`), is prefixed with
    /// `prefix` (`["input"]`) to become a path from the mutation's arguments.
    init(_ error: DomainError, prefix: [String], language: MessageLanguage) {
        code = error.code
        message = error.message(in: language)
        field = error.field.map { prefix + $0 }
    }
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
    /// payload's `userErrors`, with fields prefixed by `prefix`.
    ///
    /// `FORBIDDEN` is always a top-level error, never a userError: whether the role may perform an operation at
    /// all (a bonus, an asset, freezing, a self top-up while `ALLOW_SELF_TOPUP` is off) is not something the
    /// client fixes by changing its input, so a ``DomainError`` with ``ErrorCode/forbidden`` from the ledger is
    /// raised as ``APIError`` `FORBIDDEN`. Other ``APIError``s pass through as top-level errors; anything else is
    /// internal and masked by the engine.
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
        if errors.contains(where: { $0.code == .forbidden }) {
            throw APIError(.forbidden, language: context.language)
        }
        return Payload(userErrors: errors.map { UserError($0, prefix: prefix, language: context.language) })
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
