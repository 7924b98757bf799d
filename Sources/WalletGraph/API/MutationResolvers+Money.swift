import Foundation
import GraphQLCore

/// topUp, spend, grantBonus and transfer: parse and check the input against the wallet it names, then one ledger
/// operation.
extension WalletAPI {
    /// The single-wallet money mutations.
    enum MoneyOperation: Sendable {
        case topUp, spend, grantBonus
    }

    /// A top-up, spend or bonus. The wallet is read first, because its asset's scale is what the amount is parsed
    /// at; a wallet the viewer may not use for the operation is `WALLET_NOT_FOUND`, before the amount is looked
    /// at, so an id reveals nothing. The ledger checks everything again under its locks.
    static func moneyMutation(_ operation: MoneyOperation, _ input: ResolverInput<APIContext>) async throws
        -> TransactionPayload
    {
        let context = input.context
        let viewer = try operation == .grantBonus ? context.requireAdmin() : context.requireViewer()
        let ledger = context.services.ledger
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let wallet = try await userWallet(
                try walletID(fields.string("walletId"), field: "walletId"), field: "walletId", context: context)
            switch operation {
            case .topUp:
                try Authority.checkTopUp(
                    viewer.initiator, wallet: wallet.state, allowSelfTopUp: ledger.configuration.allowSelfTopUp)
            case .spend:
                try Authority.checkDebit(viewer.initiator, wallet: wallet.state, field: "walletId")
            case .grantBonus:
                try Authority.checkPayee(wallet: wallet.state, field: "walletId")
            }
            let asset = try await context.asset(wallet.assetID)
            let request = MoneyRequest(
                walletID: wallet.id, amount: try amount(fields.string("amount"), scale: asset.scale),
                idempotencyKey: try fields.required("idempotencyKey"), description: fields.string("description"))
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
    /// `["input", "toWalletId"]`).
    ///
    /// Paying another user's wallet is allowed, and the answer reveals nothing about it beyond success or
    /// `WALLET_NOT_FOUND`: the ledger's `WALLET_FROZEN` or `ASSET_MISMATCH` about a destination the viewer does
    /// not own is reported as `WALLET_NOT_FOUND` at the destination's field.
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
            let source = try await userWallet(
                try walletID(fields.string("fromWalletId"), field: "fromWalletId"), field: "fromWalletId",
                context: context)
            try Authority.checkDebit(viewer.initiator, wallet: source.state, field: "fromWalletId")
            let asset = try await context.asset(source.assetID)
            let minorUnits = try amount(fields.string("amount"), scale: asset.scale)
            let destination: PaymentDestination
            if let toWallet {
                destination = .wallet(try walletID(toWallet, field: "toWalletId"))
            } else {
                destination = .username(toUsername ?? "")
            }
            let request = TransferRequest(
                fromWalletID: source.id, destination: destination, amount: minorUnits,
                idempotencyKey: try fields.required("idempotencyKey"), description: fields.string("description"))
            do {
                return TransactionPayload(
                    transaction: try await context.services.ledger.transfer(request, by: viewer.initiator).transaction)
            } catch let error as DomainError {
                throw try await masked(error, destination: destination, viewer: viewer, context: context)
            }
        }
    }

    /// `error` as the payer may see it: a frozen or other-asset destination that is not the viewer's own
    /// wallet is `WALLET_NOT_FOUND`.
    private static func masked(
        _ error: DomainError, destination: PaymentDestination, viewer: Viewer, context: APIContext
    ) async throws -> DomainError {
        guard let field = error.field?.first, field == "toWalletId" || field == "toUsername",
            error.code == .walletFrozen || error.code == .assetMismatch
        else { return error }
        let own: Bool
        switch destination {
        case .wallet(let id):
            let row = try await context.database.read { queries in try await queries.getWallet(id: id) }
            own = row?.ownerId == viewer.id
        case .username(let name):
            own = (try? UserProfile.normalizedUsername(name)) == viewer.username
        }
        return own ? error : DomainError(.walletNotFound, field: [field])
    }
}
