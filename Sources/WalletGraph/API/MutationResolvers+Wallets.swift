import Foundation
import GraphQLCore

/// createWallet, setDefaultWallet, freezeWallet, unfreezeWallet and createAsset.
extension WalletAPI {
    /// A new wallet of the viewer's in `assetCode` (`ASSET_NOT_FOUND` at `["input", "assetCode"]`).
    static func createWallet(_ input: ResolverInput<APIContext>) async throws -> WalletPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let wallet = try await context.services.ledger.createWallet(
                owner: viewer.id, assetCode: try fields.required("assetCode"), label: fields.string("label"),
                by: viewer.initiator)
            return WalletPayload(wallet: wallet)
        }
    }

    /// Makes one of the viewer's wallets its asset's default; another user's wallet is `WALLET_NOT_FOUND` at
    /// `["walletId"]`.
    static func setDefaultWallet(_ input: ResolverInput<APIContext>) async throws -> WalletPayload {
        let context = input.context
        let viewer = try context.requireViewer()
        return try await runMutation(context, prefix: []) {
            let id = try walletID(input.arguments.string("walletId"), field: "walletId")
            return WalletPayload(wallet: try await context.services.ledger.setDefaultWallet(id, by: viewer.initiator))
        }
    }

    /// Freezes or unfreezes a user wallet. Admins only (`FORBIDDEN` before the id is looked at).
    static func setWalletStatus(_ status: WalletStatus, _ input: ResolverInput<APIContext>) async throws
        -> WalletPayload
    {
        let context = input.context
        let admin = try context.requireAdmin()
        let ledger = context.services.ledger
        return try await runMutation(context, prefix: []) {
            let id = try walletID(input.arguments.string("walletId"), field: "walletId")
            let wallet: WalletRecord
            switch status {
            case .frozen: wallet = try await ledger.freezeWallet(id, by: admin.initiator)
            case .active: wallet = try await ledger.unfreezeWallet(id, by: admin.initiator)
            }
            return WalletPayload(wallet: wallet)
        }
    }

    /// A new asset with its system wallets. Admins only. The code is taken as given (2 to 16 of `A-Z`, `0-9`,
    /// `_`: a lower-case code is `INVALID_INPUT`, not silently upper-cased); a taken one is `ASSET_CODE_TAKEN`.
    static func createAsset(_ input: ResolverInput<APIContext>) async throws -> AssetPayload {
        let context = input.context
        let admin = try context.requireAdmin()
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let asset = try await context.services.ledger.createAsset(
                code: try fields.required("code"), name: try fields.required("name"),
                scale: try fields.requiredInt("scale"), by: admin.initiator)
            context.services.assets.remember(asset)
            return AssetPayload(asset: asset)
        }
    }
}
