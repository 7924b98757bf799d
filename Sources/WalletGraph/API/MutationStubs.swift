import GraphQLCore

// TEMPORARY until mutations land: every Mutation and payload field bound to a resolver that refuses, so that
// `WalletAPI.executableSchema()` builds while the write side is written in parallel. The lead deletes this file
// and its one call in QueryResolvers.swift at merge.
extension WalletAPI {
    static func bindMutationStubs(into map: inout ResolverMap<APIContext>) {
        let fields: [(String, [String])] = [
            (
                "Mutation",
                [
                    "signUp", "signIn", "changePassword", "createWallet", "setDefaultWallet", "topUp", "spend",
                    "grantBonus", "transfer", "createAsset", "freezeWallet", "unfreezeWallet",
                ]
            ),
            ("AuthPayload", ["token", "expiresAt", "user", "userErrors"]),
            ("TransactionPayload", ["transaction", "userErrors"]),
            ("WalletPayload", ["wallet", "userErrors"]),
            ("AssetPayload", ["asset", "userErrors"]),
            ("UserError", ["code", "message", "field"]),
        ]
        for (type, names) in fields {
            for name in names {
                map.field(type, name) { _ in
                    throw APIError(.badUserInput, language: .english, message: "not yet")
                }
            }
        }
    }
}
