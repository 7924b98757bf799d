import Foundation
import GraphQLCore
import WalletGraphQueries

// Owned by the read side: Query fields (me, wallets, wallet, assets, asset, transaction, transactions, node,
// reconcile); the withdrawals' Query fields are in DisbursementResolvers.swift.
//
// Without a token only `assets` and `asset` answer; every other field is UNAUTHENTICATED. Objects the viewer may
// not read are null, exactly as missing ones: another user's wallet, a transaction that touches none of the
// viewer's wallets, an id of the wrong type or one this API never issued.
extension WalletAPI {
    static func bindQueryResolvers(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Query", "me") { input in
            let viewer = try input.context.requireViewer()
            return try await ReadLoaders.user(viewer.id, context: input.context).map { .object($0) } ?? .null
        }
        map.asyncField("Query", "wallets") { input in
            let viewer = try input.context.requireViewer()
            let rows = try await input.context.database.read { try await $0.listWalletsByOwner(ownerId: viewer.id) }
            return try .list(rows) { .object(try WalletRecord($0)) }
        }
        map.asyncField("Query", "wallet") { input in
            let viewer = try input.context.requireViewer()
            guard let id = input.arguments.string("id").flatMap({ GlobalID.decode($0, as: .wallet) }) else {
                return .null
            }
            return try await ReadLoaders.wallet(id, viewer: viewer, context: input.context).map { .object($0) } ?? .null
        }
        map.asyncField("Query", "assets") { input in
            try .list(await input.context.services.assets.all(database: input.context.database)) { .object($0) }
        }
        map.asyncField("Query", "asset") { input in
            guard let code = input.arguments.string("code") else { return .null }
            let asset = try await input.context.services.assets.asset(code: code, database: input.context.database)
            return asset.map { .object($0) } ?? .null
        }
        map.asyncField("Query", "transaction") { input in
            let viewer = try input.context.requireViewer()
            guard let id = input.arguments.string("id").flatMap({ GlobalID.decode($0, as: .transaction) }) else {
                return .null
            }
            let record = try await ReadLoaders.transaction(id, viewer: viewer, context: input.context)
            return record.map { .object($0) } ?? .null
        }
        map.asyncField("Query", "transactions") { input in
            let viewer = try input.context.requireViewer()
            return .object(try await ReadConnections.transactions(input.arguments, context: input.context, viewer: viewer))
        }
        map.asyncField("Query", "node") { input in
            let viewer = try input.context.requireViewer()
            guard let text = input.arguments.string("id") else { return .null }
            return try await ReadLoaders.node(text, viewer: viewer, context: input.context)
        }
        map.asyncField("Query", "reconcile") { input in
            _ = try input.context.requireAdmin()
            let ledger = input.context.services.ledger
            return .object(try await input.context.database.read { queries in try await ledger.reconcile(using: queries) })
        }
        bindDisbursementQueries(into: &map)
    }
}
