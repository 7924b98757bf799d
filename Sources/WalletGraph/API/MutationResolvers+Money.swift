import Foundation
import GraphQLCore

/// topUp, spend, grantBonus and transfer: parse the input and forward it to one ledger operation.
///
/// Nothing here looks at the database. The ledger looks the idempotency key up first and only then checks the
/// wallets, the amount against their asset, balances and authority, under its locks (docs/ledger.md, "Exactly
/// once"): a check made here, before the key, would answer a retry of an executed request with today's state
/// instead of its result.
extension WalletAPI {
    /// The single-wallet money mutations.
    enum MoneyOperation: Sendable {
        case topUp, spend, grantBonus
    }

    /// A top-up, spend or bonus. Only the role gate (bonuses are for admins) runs before the ledger.
    static func moneyMutation(_ operation: MoneyOperation, _ input: ResolverInput<APIContext>) async throws
        -> TransactionPayload
    {
        let context = input.context
        let viewer = try operation == .grantBonus ? context.requireAdmin() : context.requireViewer()
        let ledger = context.services.ledger
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let request = MoneyRequest(
                walletID: try walletID(fields.string("walletId"), field: "walletId"),
                amount: .decimal(try fields.required("amount")), idempotencyKey: try fields.required("idempotencyKey"),
                description: fields.string("description"))
            let receipt: LedgerReceipt
            switch operation {
            case .topUp: receipt = try await ledger.topUp(request, by: viewer.initiator)
            case .spend: receipt = try await ledger.spend(request, by: viewer.initiator)
            case .grantBonus: receipt = try await ledger.grantBonus(request, by: viewer.initiator)
            }
            return TransactionPayload(transaction: receipt.transaction)
        }
    }

    /// A transfer out of one of the viewer's wallets, to a wallet by id or to a user's default wallet in the
    /// source's asset (exactly one of `toWalletId` and `toUsername`, else `INVALID_INPUT` at
    /// `["input", "toWalletId"]`). The ledger answers for a destination the payer does not own with nothing but
    /// success or `WALLET_NOT_FOUND` (``Ledger/transfer(_:by:)``).
    static func transfer(_ input: ResolverInput<APIContext>) async throws -> TransactionPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let toWallet = fields.string("toWalletId")
            let toUsername = fields.string("toUsername")
            guard (toWallet == nil) != (toUsername == nil) else {
                throw DomainError(
                    .invalidInput, field: ["toWalletId"], detail: "give exactly one of toWalletId and toUsername")
            }
            let destination: PaymentDestination
            if let toWallet {
                destination = .wallet(try walletID(toWallet, field: "toWalletId"))
            } else {
                destination = .username(toUsername ?? "")
            }
            let request = TransferRequest(
                fromWalletID: try walletID(fields.string("fromWalletId"), field: "fromWalletId"),
                destination: destination, amount: .decimal(try fields.required("amount")),
                idempotencyKey: try fields.required("idempotencyKey"), description: fields.string("description"))
            return TransactionPayload(
                transaction: try await context.services.ledger.transfer(request, by: viewer.initiator).transaction)
        }
    }
}
