import Foundation
import GraphQLCore

/// The source of an `AuthPayload`: a token with its expiry and user, or userErrors.
struct AuthPayload: MutationPayload {
    var token: String?
    var expiresAt: Date?
    var user: UserRecord?
    var userErrors: [UserError] = []

    init(token: String, expiresAt: Date, user: UserRecord) {
        self.token = token
        self.expiresAt = expiresAt
        self.user = user
    }

    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// The source of a `TransactionPayload`.
struct TransactionPayload: MutationPayload {
    var transaction: TransactionRecord?
    var userErrors: [UserError] = []

    init(transaction: TransactionRecord) { self.transaction = transaction }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// The source of a `WalletPayload`.
struct WalletPayload: MutationPayload {
    var wallet: WalletRecord?
    var userErrors: [UserError] = []

    init(wallet: WalletRecord) { self.wallet = wallet }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// The source of an `AssetPayload`.
struct AssetPayload: MutationPayload {
    var asset: AssetRecord?
    var userErrors: [UserError] = []

    init(asset: AssetRecord) { self.asset = asset }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

extension WalletAPI {
    /// Binds the payload types' fields. The objects they hold (`User`, `Transaction`, `Wallet`, `Asset`) are
    /// passed on as their records, for the read side's resolvers.
    static func bindPayloads(into map: inout ResolverMap<APIContext>) {
        map.field("AuthPayload", "token") { .optional(try $0.parent(as: AuthPayload.self).token) }
        map.field("AuthPayload", "expiresAt") { input in
            .optional(try input.parent(as: AuthPayload.self).expiresAt.map(DateTimeFormat.format))
        }
        map.field("AuthPayload", "user") { input in
            try input.parent(as: AuthPayload.self).user.map { .object($0) } ?? .null
        }
        map.field("AuthPayload", "userErrors") { userErrors(try $0.parent(as: AuthPayload.self).userErrors) }

        map.field("TransactionPayload", "transaction") { input in
            try input.parent(as: TransactionPayload.self).transaction.map { .object($0) } ?? .null
        }
        map.field("TransactionPayload", "userErrors") {
            userErrors(try $0.parent(as: TransactionPayload.self).userErrors)
        }

        map.field("WalletPayload", "wallet") { input in
            try input.parent(as: WalletPayload.self).wallet.map { .object($0) } ?? .null
        }
        map.field("WalletPayload", "userErrors") { userErrors(try $0.parent(as: WalletPayload.self).userErrors) }

        map.field("AssetPayload", "asset") { input in
            try input.parent(as: AssetPayload.self).asset.map { .object($0) } ?? .null
        }
        map.field("AssetPayload", "userErrors") { userErrors(try $0.parent(as: AssetPayload.self).userErrors) }

        bindUserError(into: &map)
    }

    private static func userErrors(_ errors: [UserError]) -> FieldValue {
        .list(errors) { .object($0) }
    }
}
