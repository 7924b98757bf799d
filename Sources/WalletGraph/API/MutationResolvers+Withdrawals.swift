import Foundation
import GraphQLCore

/// The source of a `DisbursementMethodPayload`.
struct DisbursementMethodPayload: MutationPayload {
    var method: DisbursementMethodRecord?
    var userErrors: [UserError] = []

    init(method: DisbursementMethodRecord) { self.method = method }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// The source of a `DisbursementPayload`.
struct DisbursementPayload: MutationPayload {
    var disbursement: DisbursementRecord?
    var userErrors: [UserError] = []

    init(disbursement: DisbursementRecord) { self.disbursement = disbursement }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// Withdrawals, write side: payout methods, `withdraw`, and the back office's lifecycle mutations. Each is one
/// ledger operation shaped by ``runMutation(_:prefix:_:)``; the ledger checks ownership and role under its locks.
extension WalletAPI {
    static func bindWithdrawalMutations(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Mutation", "addDisbursementMethod") { .object(try await addDisbursementMethod($0)) }
        map.asyncField("Mutation", "setDefaultDisbursementMethod") { input in
            .object(try await changeDisbursementMethod(input) { ledger, id, viewer in
                try await ledger.setDefaultDisbursementMethod(id, by: viewer.initiator)
            })
        }
        map.asyncField("Mutation", "removeDisbursementMethod") { input in
            .object(try await changeDisbursementMethod(input) { ledger, id, viewer in
                try await ledger.removeDisbursementMethod(id, by: viewer.initiator)
            })
        }
        map.asyncField("Mutation", "withdraw") { .object(try await withdraw($0)) }
        map.asyncField("Mutation", "processDisbursement") { input in
            .object(try await resolveDisbursement(input) { ledger, reference, viewer in
                try await ledger.processDisbursement(referenceID: reference, by: viewer.initiator)
            })
        }
        map.asyncField("Mutation", "completeDisbursement") { input in
            .object(try await resolveDisbursement(input) { ledger, reference, viewer in
                try await ledger.completeDisbursement(referenceID: reference, by: viewer.initiator)
            })
        }
        map.asyncField("Mutation", "failDisbursement") { input in
            .object(try await resolveDisbursement(input) { ledger, reference, viewer in
                let reason = input.arguments.string("reason") ?? ""
                return try await ledger.failDisbursement(referenceID: reference, reason: reason, by: viewer.initiator)
            })
        }

        map.field("DisbursementMethodPayload", "method") { input in
            try input.parent(as: DisbursementMethodPayload.self).method.map { .object($0) } ?? .null
        }
        map.field("DisbursementMethodPayload", "userErrors") { input in
            .list(try input.parent(as: DisbursementMethodPayload.self).userErrors) { .object($0) }
        }
        map.field("DisbursementPayload", "disbursement") { input in
            try input.parent(as: DisbursementPayload.self).disbursement.map { .object($0) } ?? .null
        }
        map.field("DisbursementPayload", "userErrors") { input in
            .list(try input.parent(as: DisbursementPayload.self).userErrors) { .object($0) }
        }
    }

    /// The method UUID of an optional opaque id: nil when absent (the default method). Anything that is not a
    /// method id this API issued becomes an id no method has (methods get UUIDv7s, never the nil UUID), so that
    /// the ledger answers METHOD_NOT_FOUND at the same point of its checks as for a missing method.
    static func methodID(_ text: String?) -> UUID? {
        guard let text else { return nil }
        return GlobalID.decode(text, as: .disbursementMethod) ?? noSuchMethod
    }

    private static let noSuchMethod = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// A new payout method of the viewer's. Field paths are under `input` (`["input", "accountNumber"]`).
    static func addDisbursementMethod(_ input: ResolverInput<APIContext>) async throws -> DisbursementMethodPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            // The engine validated both enums against the schema, whose values are the domain's raw values.
            guard let type = DisbursementType(rawValue: try fields.required("type")) else {
                throw MissingArgument(name: "type")
            }
            guard let provider = DisbursementProvider(rawValue: try fields.required("provider")) else {
                throw MissingArgument(name: "provider")
            }
            let method = try await context.services.ledger.addDisbursementMethod(
                NewDisbursementMethod(
                    type: type, provider: provider, accountNumber: try fields.required("accountNumber"),
                    accountHolderName: try fields.required("accountHolderName"),
                    isDefault: fields.bool("isDefault") ?? false),
                by: viewer.initiator)
            return DisbursementMethodPayload(method: method)
        }
    }

    /// setDefault / remove: the `id` argument must be one of the viewer's methods; anything else (malformed,
    /// another type's id, another user's or a removed method) is METHOD_NOT_FOUND at `["id"]`.
    private static func changeDisbursementMethod(
        _ input: ResolverInput<APIContext>,
        _ change: @Sendable (Ledger, UUID, Viewer) async throws -> DisbursementMethodRecord
    ) async throws -> DisbursementMethodPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: []) {
            guard let id = input.arguments.string("id").flatMap({ GlobalID.decode($0, as: .disbursementMethod) })
            else { throw DomainError(.methodNotFound, field: ["id"]) }
            return DisbursementMethodPayload(method: try await change(context.services.ledger, id, viewer))
        }
    }

    /// A withdrawal from one of the viewer's wallets: parsed and forwarded. The ledger looks the key up first,
    /// then checks, in order, the wallet, the asset, the amount, the limits, the method and the balance.
    static func withdraw(_ input: ResolverInput<APIContext>) async throws -> DisbursementPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let request = WithdrawRequest(
                walletID: try walletID(fields.string("walletId"), field: "walletId"),
                amount: .decimal(try fields.required("amount")), methodID: methodID(fields.string("methodId")),
                idempotencyKey: try fields.required("idempotencyKey"), description: fields.string("description"))
            let receipt = try await context.services.ledger.withdraw(request, by: viewer.initiator)
            return DisbursementPayload(disbursement: receipt.disbursement)
        }
    }

    /// process / complete / fail. A user gets a top-level FORBIDDEN before the reference is looked at (the
    /// ledger's own role check); an unknown reference is DISBURSEMENT_NOT_FOUND at `["referenceId"]`.
    private static func resolveDisbursement(
        _ input: ResolverInput<APIContext>,
        _ transition: @Sendable (Ledger, String, Viewer) async throws -> DisbursementRecord
    ) async throws -> DisbursementPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        guard viewer.isStaff else { throw APIError(.forbidden, language: context.language) }
        return try await runMutation(context, prefix: []) {
            guard let reference = input.arguments.string("referenceId") else {
                throw MissingArgument(name: "referenceId")
            }
            return DisbursementPayload(disbursement: try await transition(context.services.ledger, reference, viewer))
        }
    }
}
