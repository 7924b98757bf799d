import Synchronization
import Testing
@testable import GraphQLCore

/// The request pipeline: caching, operation selection, request errors versus executed results.
@Suite struct PipelineTests {
    struct Ctx: Sendable {}

    static let sdl = "type Query { hello(name: String = \"world\"): String  n: Int }"

    static func executable() throws -> ExecutableSchema<Ctx> {
        var resolvers = ResolverMap<Ctx>()
        resolvers.field("Query", "hello") { input in .string("hello " + (input.arguments.string("name") ?? "")) }
        resolvers.field("Query", "n") { _ in 1 }
        return try ExecutableSchema(schema: ExecTestSchema.build(sdl), resolvers: resolvers)
    }

    @Test func repeatedQueryTextSkipsParseAndValidation() async throws {
        let parses = Mutex(0)
        let validations = Mutex(0)
        let standard = DocumentStages.standard()
        let stages = DocumentStages(
            parse: { (text: String) throws(GraphQLError) -> Document in
                parses.withLock { $0 += 1 }
                return try standard.parse(text)
            },
            validate: { document, schema in
                validations.withLock { $0 += 1 }
                return standard.validate(document, schema)
            })
        let engine = GraphQLEngine(schema: try Self.executable(), stages: stages, configuration: GraphQLEngineConfiguration(documentCacheSize: 2))
        for _ in 0..<3 { #expect(await run(engine, "{ hello }", context: Ctx()).json == #"{"data":{"hello":"hello world"}}"#) }
        #expect(parses.withLock { $0 } == 1)
        #expect(validations.withLock { $0 } == 1)
        _ = await run(engine, "{ n }", context: Ctx())
        _ = await run(engine, "{ a: n }", context: Ctx())  // evicts "{ hello }", the least recently used
        _ = await run(engine, "{ hello }", context: Ctx())
        #expect(parses.withLock { $0 } == 4)
        #expect(engine.cachedDocumentCount == 2)
    }

    @Test func operationSelectionFollowsGraphQLJS() async throws {
        let engine = GraphQLEngine(schema: try Self.executable())
        let document = "query A { n } query B { hello }"
        #expect(await run(engine, document, context: Ctx()).json
            == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations.","extensions":{"code":"BAD_USER_INPUT"}}]}"#)
        #expect(await run(engine, document, context: Ctx(), operationName: "C").json
            == #"{"errors":[{"message":"Unknown operation named \"C\".","extensions":{"code":"BAD_USER_INPUT"}}]}"#)
        #expect(await run(engine, document, context: Ctx(), operationName: "B").json == #"{"data":{"hello":"hello world"}}"#)
    }

    @Test func parseAndValidationFailuresAreRequestErrorsWithoutData() async throws {
        let engine = GraphQLEngine(schema: try Self.executable())
        let parse = await run(engine, "{ hello", context: Ctx())
        #expect(parse.isRequestError)
        #expect(parse.errors.map(\.code) == [.parseFailed])
        #expect(!parse.json.contains("\"data\""))
        let invalid = await run(engine, "{ nope }", context: Ctx())
        #expect(invalid.isRequestError)
        #expect(invalid.errors.map(\.code) == [.validationFailed])
    }

    @Test func twoIdenticalAnonymousOperationsAreRefusedNotCrashing() async throws {
        // GraphQLSwift aborted the process on this document in 30–75% of runs.
        let engine = GraphQLEngine(schema: try Self.executable())
        for _ in 0..<20 {
            let response = await run(engine, "{ __typename } { __typename }", context: Ctx())
            #expect(response.isRequestError)
            #expect(response.errors.first?.message == "This anonymous operation must be the only defined operation.")
        }
    }

    @Test func operationsOverTheComplexityLimitsAreRefusedBeforeResolversRun() async throws {
        var configuration = GraphQLEngineConfiguration()
        configuration.complexityLimits = ComplexityLimits(maxAliases: 2)
        let engine = GraphQLEngine(schema: try Self.executable(), configuration: configuration)
        let refused = await run(engine, "{ a: n b: n c: n }", context: Ctx())
        #expect(refused.isRequestError)
        #expect(refused.errors.map(\.code) == [.queryTooComplex])
        #expect(await run(engine, "{ a: n b: n }", context: Ctx()).json == #"{"data":{"a":1,"b":1}}"#)
    }

    @Test func requestBodyDecodesQueryOperationNameAndVariables() throws {
        let request = try GraphQLRequest.decode(body: Array(#"{"query":"query($n: String) { hello(name: $n) }","operationName":null,"variables":{"n":"Ada"}}"#.utf8))
        #expect(request.query == "query($n: String) { hello(name: $n) }")
        #expect(request.operationName == nil)
        #expect(request.variables == ["n": .string("Ada")])
        #expect(throws: GraphQLError.self) { try GraphQLRequest.decode(body: Array(#"{"query": 1}"#.utf8)) }
    }
}
