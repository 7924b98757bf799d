import Testing
@testable import GraphQLCore

/// Chains of fragment spreads, each fragment nesting fields before spreading the next, run end to end through
/// `GraphQLEngine.execute` on a detached task (the cooperative pool's small stack). Plan compilation once walked
/// the expanded selection tree one stack frame per level, before any limit was checked, and crashed the process.
@Suite(.timeLimit(.minutes(1))) struct FragmentChainRegressionTests {
    struct Ctx: Sendable {}

    static let sdl = "type Query { wallet(id: ID!): Wallet } type Wallet { id: ID! owner: Wallet }"

    static func engine(
        _ configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration(), owner: FieldValue = .object(2)
    ) throws -> GraphQLEngine<Ctx> {
        var resolvers = ResolverMap<Ctx>()
        resolvers.field("Query", "wallet") { _ in .object(1) }
        resolvers.field("Wallet", "id") { _ in "w" }
        resolvers.field("Wallet", "owner") { _ in owner }
        let schema = try SchemaBuilder.build(sdl: sdl)
        return GraphQLEngine(schema: try ExecutableSchema(schema: schema, resolvers: resolvers), configuration: configuration)
    }

    /// `{wallet(id:1){...F0}}`, then `fragments` fragments that each nest `owner{` `nesting` deep around a spread
    /// of the next, and a last one selecting `id`.
    static func chain(fragments: Int, nesting: Int) -> String {
        var text = "{wallet(id:1){...F0}}"
        for index in 0..<fragments {
            text += "fragment F\(index) on Wallet{" + String(repeating: "owner{", count: nesting) + "...F\(index + 1)"
                + String(repeating: "}", count: nesting) + "}"
        }
        return text + "fragment F\(fragments) on Wallet{id}"
    }

    static func executeDetached(_ engine: GraphQLEngine<Ctx>, _ query: String) async -> GraphQLResponse {
        await Task.detached { await engine.execute(GraphQLRequest(query: query), context: Ctx()) }.value
    }

    @Test func deepChainUnderTheDefaultByteLimitIsRefusedAsTooComplex() async throws {
        let query = Self.chain(fragments: 130, nesting: 100)
        let limit = GraphQLEngineConfiguration().maxQueryBytes
        #expect(query.utf8.count > limit * 8 / 10 && query.utf8.count <= limit)
        let response = await Self.executeDetached(try Self.engine(), query)
        #expect(response.isRequestError)
        #expect(response.errors.map(\.code) == [.queryTooComplex])
    }

    @Test func longChainWithoutLimitsAnswers() async throws {
        var configuration = GraphQLEngineConfiguration(maxQueryBytes: 1 << 20)
        configuration.complexityLimits = .unlimited
        let response = await Self.executeDetached(try Self.engine(configuration), Self.chain(fragments: 12_000, nesting: 0))
        #expect(response.json == #"{"data":{"wallet":{"id":"w"}}}"#)
    }

    @Test func deepChainWithoutLimitsCompilesWithoutRecursion() async throws {
        // 10,000 nested fields in about 100 KB. The plan compiler once recursed per level and crashed here;
        // owner resolves to null, so execution itself stays shallow.
        var configuration = GraphQLEngineConfiguration(maxQueryBytes: 1 << 20)
        configuration.complexityLimits = .unlimited
        let response = await Self.executeDetached(
            try Self.engine(configuration, owner: .null), Self.chain(fragments: 1_000, nesting: 10))
        #expect(response.json == #"{"data":{"wallet":{"owner":null}}}"#)
    }

    @Test func shortDeepChainWithoutLimitsAnswers() async throws {
        var configuration = GraphQLEngineConfiguration()
        configuration.complexityLimits = .unlimited
        let response = await Self.executeDetached(try Self.engine(configuration), Self.chain(fragments: 2, nesting: 3))
        let owners = String(repeating: #"{"owner":"#, count: 6)
        #expect(response.json == #"{"data":{"wallet":"# + owners + #"{"id":"w"}"# + String(repeating: "}", count: 6) + "}}")
    }
}
