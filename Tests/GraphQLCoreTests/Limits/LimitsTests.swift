import Synchronization
import Testing
@testable import GraphQLCore

/// Every limit refuses a request before any resolver runs: the resolvers here record each call.
@Suite struct LimitsTests {
    struct Ctx: Sendable {}
    /// The names of the resolvers called, in call order.
    final class Calls: Sendable {
        private let names = Mutex<[String]>([])
        func record(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    static let sdl = """
        type Query { items(first: Int, last: Int): [Item!]! page(first: Int = 500): [Item!]! leaf: Int }
        type Mutation { bump: Int }
        type Subscription { ticks: Int }
        type Item { id: Int child: Item }
        """

    static func engine(_ limits: ComplexityLimits, introspection: Bool = true, calls: Calls) throws -> GraphQLEngine<Ctx> {
        var configuration = GraphQLEngineConfiguration(introspectionEnabled: introspection)
        configuration.complexityLimits = limits
        return try makeEngine(sdl, configuration: configuration) { (r: inout ResolverMap<Ctx>) in
            let record: @Sendable (String) -> Void = { calls.record($0) }
            r.asyncField("Query", "items") { _ in record("items"); return .list([.object(1)]) }
            r.field("Query", "page") { _ in record("page"); return .list([.object(1)]) }
            r.field("Query", "leaf") { _ in record("leaf"); return 1 }
            r.field("Mutation", "bump") { _ in record("bump"); return 1 }
            r.subscription("ticks") { _ in record("ticks"); return AsyncStream<FieldValue> { $0.finish() } }
            r.field("Item", "id") { _ in record("id"); return 1 }
            r.batch("Item", "child") { input in record("child"); return input.parents.map { _ in .null } }
        }
    }

    static func refused(
        _ limits: ComplexityLimits, _ query: String, variables: [String: InputValue] = [:], introspection: Bool = true,
        message: String
    ) async throws {
        let calls = Calls()
        let engine = try engine(limits, introspection: introspection, calls: calls)
        let request = GraphQLRequest(query: query, variables: variables)
        let response: GraphQLResponse
        if query.hasPrefix("subscription") {
            guard case .requestError(let refusal) = await engine.subscribe(request, context: Ctx()) else {
                Issue.record("subscription was not refused"); return
            }
            response = refusal
        } else {
            response = await engine.execute(request, context: Ctx())
        }
        #expect(response.isRequestError)
        #expect(response.errors.map(\.message) == [message])
        #expect(response.json.contains(#""code":"QUERY_TOO_COMPLEX""#) || introspection == false)
        #expect(calls.all == [])
    }

    @Test func depthAliasFieldAndCostLimitsRefuseQueriesMutationsAndSubscriptionsWithoutCallingResolvers() async throws {
        try await Self.refused(
            ComplexityLimits(maxDepth: 2), "{ leaf items { id child { id } } }",
            message: "Query is too deep: depth 3 exceeds the maximum depth of 2.")
        try await Self.refused(
            ComplexityLimits(maxAliases: 1), "mutation { a: bump b: bump }",
            message: "Query has too many aliases: 2 exceeds the maximum of 1.")
        try await Self.refused(
            ComplexityLimits(maxFields: 2), "{ leaf ...F } fragment F on Query { items { id } }",
            message: "Query selects too many fields: 3 exceeds the maximum of 2.")
        try await Self.refused(
            ComplexityLimits(maxCost: 0), "subscription { ticks }",
            message: "Query is too expensive: cost 1 exceeds the maximum cost of 0.")
    }

    @Test func costUsesFirstAndLastFromVariablesIncludingTheirDefaults() async throws {
        let limits = ComplexityLimits(maxCost: 100)
        let query = "query($n: Int, $m: Int = 60) { leaf items(first: $n, last: $m) { id child { id } } }"
        // items: 1 + size × (id 1 + child 2) = 1 + 3 × size; with leaf, 2 + 3 × size.
        try await Self.refused(limits, query, variables: ["n": .int(40)], message: "Query is too expensive: cost 182 exceeds the maximum cost of 100.")
        try await Self.refused(limits, query, variables: ["n": .int(70), "m": .int(1)], message: "Query is too expensive: cost 212 exceeds the maximum cost of 100.")
        let calls = Calls()
        let response = await run(try Self.engine(limits, calls: calls), query, context: Ctx(), variables: ["n": .int(30), "m": .int(2)])
        #expect(response.json == #"{"data":{"leaf":1,"items":[{"id":1,"child":null}]}}"#)
        #expect(calls.all.sorted() == ["child", "id", "items", "leaf"])
    }

    /// A list field's `first` argument left out still sizes the page by its schema default, which is what
    /// the resolver receives.
    @Test func costUsesTheSchemaDefaultOfAnOmittedFirstArgument() async throws {
        let message = "Query is too expensive: cost 501 exceeds the maximum cost of 500."
        try await Self.refused(ComplexityLimits(maxCost: 500), "{ page { id } }", message: message)
        // A variable the request leaves out leaves the argument out too, so the schema default applies.
        try await Self.refused(ComplexityLimits(maxCost: 500), "query($n: Int) { page(first: $n) { id } }", message: message)
    }

    @Test func introspectionSwitchedOffIsRefusedBeforeAnyResolverEvenBesideOrdinaryFields() async throws {
        for query in ["{ leaf __schema { queryType { name } } }", "{ leaf items { id } t: __type(name: \"Item\") { name } }",
                      "{ leaf ... on Query { __schema { types { name } } } }"] {
            let calls = Calls()
            let engine = try Self.engine(ComplexityLimits(), introspection: false, calls: calls)
            let response = await run(engine, query, context: Ctx())
            #expect(response.isRequestError, "\(query)")
            #expect(calls.all == [], "\(query)")
        }
    }
}
