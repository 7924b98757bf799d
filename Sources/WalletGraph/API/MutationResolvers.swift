import GraphQLCore

// Owned by the write side: Mutation fields and the payload types (AuthPayload, TransactionPayload, WalletPayload,
// AssetPayload, UserError).
extension WalletAPI {
    /// Binds every `Mutation` field and the payload types.
    ///
    /// Each mutation shapes its outcome the same way (``runMutation(_:prefix:_:)``): business outcomes are the
    /// payload's `userErrors`, with `field` as a path from the mutation's arguments (`["input", "amount"]`,
    /// `["walletId"]`); the only top-level errors are `UNAUTHENTICATED` (no token, for anything but `signUp` and
    /// `signIn`), `FORBIDDEN` (the role may not do this at all), `RATE_LIMITED` (sign-in failures) and the
    /// engine's masked `INTERNAL_SERVER_ERROR`.
    static func bindMutationResolvers(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Mutation", "signUp") { .object(try await signUp($0)) }
        map.asyncField("Mutation", "signIn") { .object(try await signIn($0)) }
        map.asyncField("Mutation", "changePassword") { .object(try await changePassword($0)) }
        map.asyncField("Mutation", "createWallet") { .object(try await createWallet($0)) }
        map.asyncField("Mutation", "setDefaultWallet") { .object(try await setDefaultWallet($0)) }
        map.asyncField("Mutation", "topUp") { .object(try await moneyMutation(.topUp, $0)) }
        map.asyncField("Mutation", "spend") { .object(try await moneyMutation(.spend, $0)) }
        map.asyncField("Mutation", "grantBonus") { .object(try await moneyMutation(.grantBonus, $0)) }
        map.asyncField("Mutation", "transfer") { .object(try await transfer($0)) }
        map.asyncField("Mutation", "createAsset") { .object(try await createAsset($0)) }
        map.asyncField("Mutation", "freezeWallet") { .object(try await setWalletStatus(.frozen, $0)) }
        map.asyncField("Mutation", "unfreezeWallet") { .object(try await setWalletStatus(.active, $0)) }
        bindWithdrawalMutations(into: &map)
        bindPayloads(into: &map)
    }
}
