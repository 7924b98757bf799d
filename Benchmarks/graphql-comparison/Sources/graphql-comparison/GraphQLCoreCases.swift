import GraphQLCore

/// The workload on our engine: the same SDL, with explicit synchronous resolvers over the same rows.
struct GraphQLCoreCases: Sendable {
    struct Context: Sendable {}
    struct User: Sendable { let id = "u-1", username = "alice", name = "Alice", email = "alice@example.com" }

    let engine: GraphQLEngine<Context>
    let uncachedEngine: GraphQLEngine<Context>
    let context = Context()

    init() throws {
        let executable = try ExecutableSchema(schema: SchemaBuilder.build(sdl: Workload.sdl), resolvers: Self.resolvers())
        engine = GraphQLEngine(schema: executable)
        uncachedEngine = GraphQLEngine(schema: executable, configuration: GraphQLEngineConfiguration(documentCacheSize: 0))
    }

    static func resolvers() -> ResolverMap<Context> {
        var r = ResolverMap<Context>()
        r.field("Query", "me") { _ in .object(User()) }
        r.field("Query", "wallet") { input in
            let id = input.arguments.string("id") ?? ""
            return Workload.wallets.first { $0.id == id }.map { .object($0) } ?? .null
        }
        r.field("Query", "wallets") { input in
            .list(Workload.wallets.prefix(input.arguments.int("first") ?? 10)) { .object($0) }
        }
        func user(_ name: String, _ body: @escaping @Sendable (User) -> FieldValue) {
            r.field("User", name) { input in body(try input.parent(as: User.self)) }
        }
        user("id") { .string($0.id) }
        user("username") { .string($0.username) }
        user("name") { .string($0.name) }
        user("email") { .string($0.email) }
        user("wallets") { _ in .list([Workload.WalletRow]()) { .object($0) } }
        func wallet(_ name: String, _ body: @escaping @Sendable (Workload.WalletRow) -> FieldValue) {
            r.field("Wallet", name) { input in body(try input.parent(as: Workload.WalletRow.self)) }
        }
        wallet("id") { .string($0.id) }
        wallet("ownerId") { .optional($0.ownerId) }
        wallet("label") { .string($0.label) }
        wallet("assetCode") { .string($0.assetCode) }
        wallet("scale") { .int($0.scale) }
        wallet("balance") { .string($0.balance) }
        wallet("version") { .int($0.version) }
        wallet("status") { .string($0.status) }
        wallet("kind") { .string($0.kind) }
        wallet("isDefault") { .bool($0.isDefault) }
        wallet("createdAt") { .string($0.createdAt) }
        wallet("updatedAt") { .string($0.updatedAt) }
        wallet("entryCount") { .int($0.entryCount) }
        wallet("lastEntryId") { .optional($0.lastEntryId) }
        wallet("note") { .optional($0.note) }
        return r
    }

    static let smallRequest = GraphQLRequest(query: Workload.smallQuery, variables: ["id": .string(Workload.smallVariables["id"]!)])
    static let pageRequest = GraphQLRequest(query: Workload.pageQuery)
    static let introspectionRequest = GraphQLRequest(query: Workload.introspectionQuery)

    func run(_ request: GraphQLRequest, cached: Bool = true) async -> String {
        let response = await (cached ? engine : uncachedEngine).execute(request, context: context)
        return String(decoding: response.bytes, as: UTF8.self)
    }
}
