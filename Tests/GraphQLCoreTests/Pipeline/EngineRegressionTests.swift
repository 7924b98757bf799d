import Testing
@testable import GraphQLCore

/// The GraphQLSwift defects from issue 4 that other suites check one stage at a time (parser, validator), run
/// end to end through `GraphQLEngine.execute` with its default configuration: no crash, bounded time, the right
/// answer with the right code. Two identical anonymous operations (PipelineTests), a null list item
/// (ExecutionNullPropagationTests) and the standard introspection query (IntrospectionTests) already go
/// through the engine there.
@Suite(.timeLimit(.minutes(1))) struct EngineRegressionTests {
    struct Ctx: Sendable {}

    static func execute(_ query: String) async throws -> (response: GraphQLResponse, time: Duration) {
        let engine = GraphQLEngine(schema: try FuzzSchema.executable() as ExecutableSchema<Ctx>)
        let clock = ContinuousClock()
        let start = clock.now
        let response = await engine.execute(GraphQLRequest(query: query), context: Ctx())
        return (response, clock.now - start)
    }

    @Test func aliasOverIdAndCurrencyIsRefusedInsteadOfAnsweringOneField() async throws {
        let (response, _) = try await Self.execute(#"{ wallet(id: "w1") { x: id x: currency } }"#)
        #expect(response.json == #"{"errors":[{"message":"Fields \"x\" conflict because \"id\" and \"currency\" are different fields. Use different aliases on the fields to fetch both if this was intentional.","locations":[{"line":1,"column":22},{"line":1,"column":28}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#)
        // The same aliases over one field merge and execute.
        let (merged, _) = try await Self.execute(#"{ wallet(id: "w1") { x: id x: id } }"#)
        #expect(merged.json == #"{"data":{"wallet":{"x":"w1"}}}"#)
    }

    @Test func sixtyNestedListLiteralsInAnArgumentAreRefusedAtOnce() async throws {
        // GraphQLSwift spent about 100 s of CPU in ValuesOfCorrectTypeRule on this ~150-byte document.
        let list = String(repeating: "[", count: 60) + "1" + String(repeating: "]", count: 60)
        let (response, time) = try await Self.execute("{ transfers(matrix: \(list)) { id } }")
        #expect(response.isRequestError)
        #expect(response.errors.map(\.code) == [.validationFailed])
        #expect(response.errors.first?.message.hasPrefix("Int cannot represent non-integer value: [") == true)
        print("60 nested list literals through the engine: \(time)")
    }

    @Test(arguments: [3_000, 10_000])
    func deeplyNestedSelectionsGiveACleanParseErrorQuickly(depth: Int) async throws {
        // GraphQLSwift overflowed the stack: in validation at 3,000 levels, in the parser at 10,000.
        let query = String(repeating: "{ me ", count: depth) + String(repeating: "} ", count: depth)
        let (response, time) = try await Self.execute(query)
        #expect(response.isRequestError)
        #expect(response.errors.map(\.code) == [.parseFailed])
        #expect(response.errors.first?.message == "Syntax Error: Selection sets are nested more than 128 levels deep. Parsing aborted.")
        print("\(depth) nested selections through the engine: \(time)")
    }
}
