/// The wallet API's schema, in SDL: the source of truth that `WalletAPI` binds resolvers to and that
/// `print-schema` and `GET /schema.graphql` serve (printed back by GraphQLCore, so it is canonical).
///
/// Schema-first: the text is `API/Schema/*.graphql` (`wallet.graphql`, then `withdrawals.graphql`'s and
/// `events.graphql`'s type extensions), compiled in by `TextEmbedPlugin`, so no resource file travels with the binary. Names there are a
/// contract with front ends (issue 6): add fields and types freely, never rename. The SDL's `ErrorCode` enum
/// lists the domain's catalogue; `WalletSchemaTests` proves the two equal.
public enum WalletSchema {
    /// The SDL text.
    public static let sdl: String = EmbeddedSchema.wallet + "\n" + EmbeddedSchema.withdrawals + "\n" + EmbeddedSchema.events + "\n" + EmbeddedSchema.webhooks
}
