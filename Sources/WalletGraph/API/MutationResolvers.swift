import GraphQLCore

// Owned by the write side: Mutation fields and the payload types (AuthPayload, TransactionPayload, WalletPayload,
// AssetPayload, UserError).
extension WalletAPI {
    static func bindMutationResolvers(into map: inout ResolverMap<APIContext>) {
    }
}
