import GraphQLCore

// Owned by the read side: Query fields (me, wallets, wallet, assets, asset, transaction, transactions, node,
// reconcile).
extension WalletAPI {
    static func bindQueryResolvers(into map: inout ResolverMap<APIContext>) {
    }
}
