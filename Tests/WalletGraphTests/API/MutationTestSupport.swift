import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

import WalletGraph

/// Expects exactly one userError with `code` at `field` on `name`'s payload, and a null object.
func expectUserError(
    _ result: APIAnswer, _ name: String, _ code: WalletGraph.ErrorCode, field: [String]?,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let errors = result.userErrors(name)
    #expect(result.outcome == .executed, "\(result.body)", sourceLocation: sourceLocation)
    #expect(result.errorCodes.isEmpty, "\(result.body)", sourceLocation: sourceLocation)
    #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
    #expect(errors.first?.code == code.rawValue, "\(errors)", sourceLocation: sourceLocation)
    #expect(errors.first?.field == field, "\(errors)", sourceLocation: sourceLocation)
}

/// Expects the mutation to have failed as a whole with the top-level error `code` (data null).
func expectTopLevelError(
    _ result: APIAnswer, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(result.errorCodes == [code], "\(result.body)", sourceLocation: sourceLocation)
    #expect(result.dataIsNull, "\(result.body)", sourceLocation: sourceLocation)
}

/// The transaction UUID behind an opaque id.
func transactionUUID(_ id: String?) -> UUID? { id.flatMap { GlobalID.decode($0, as: .transaction) } }

/// GraphQL documents the tests send.
enum MutationDocuments {
    /// `topUp`, `spend` or `grantBonus` with `input`.
    static func money(_ name: String) -> String {
        "mutation($input: WalletAmountInput!) { \(name)(input: $input) { transaction { id } userErrors { code message field } } }"
    }

    /// The input of a top-up, spend or bonus.
    static func amount(_ wallet: String, _ amount: Any, key: String = UUID().uuidString) -> [String: Any] {
        ["input": ["walletId": wallet, "amount": amount, "idempotencyKey": key]]
    }

    static let transfer =
        "mutation($input: TransferInput!) { transfer(input: $input) { transaction { id } userErrors { code message field } } }"
}
