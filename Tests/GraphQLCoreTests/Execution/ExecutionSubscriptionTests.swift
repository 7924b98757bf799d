import Testing
@testable import GraphQLCore

/// Subscriptions: a resolver returns an AsyncSequence; each event is executed with the selection set.
@Suite struct ExecutionSubscriptionTests {
    struct Ctx: Sendable {}

    static let sdl = """
        type Query { ok: Boolean }
        type Subscription { ticks(count: Int!): Tick! }
        type Tick { n: Int!  label: String }
        """

    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "ok") { _ in true }
            r.subscription("ticks") { input in
                let count = input.arguments.int("count")!
                if count < 0 { throw GraphQLError("count must be positive", code: .badUserInput) }
                return AsyncStream<FieldValue> { continuation in
                    for n in 1...count { continuation.yield(.object(n)) }
                    continuation.finish()
                }
            }
            r.field("Tick", "n") { input in .int(try input.parent(as: Int.self)) }
            r.field("Tick", "label") { input in try input.parent(as: Int.self) == 2 ? .null : .string("tick") }
        }
    }

    @Test func eachEventIsExecutedAsAQuery() async throws {
        let subscription = try await Self.engine().subscribe(
            GraphQLRequest(query: "subscription { ticks(count: 3) { n label } }"), context: Ctx())
        guard case .events(let stream) = subscription else { Issue.record("expected events"); return }
        var bodies: [String] = []
        for await response in stream { bodies.append(response.json) }
        #expect(bodies == [
            #"{"data":{"ticks":{"n":1,"label":"tick"}}}"#,
            #"{"data":{"ticks":{"n":2,"label":null}}}"#,
            #"{"data":{"ticks":{"n":3,"label":"tick"}}}"#,
        ])
    }

    @Test func failingToCreateTheStreamIsARequestError() async throws {
        let subscription = try await Self.engine().subscribe(
            GraphQLRequest(query: "subscription { ticks(count: -1) { n } }"), context: Ctx())
        guard case .requestError(let response) = subscription else { Issue.record("expected a request error"); return }
        #expect(response.json == #"{"errors":[{"message":"count must be positive","locations":[{"line":1,"column":16}],"path":["ticks"],"extensions":{"code":"BAD_USER_INPUT"}}]}"#)
    }

    @Test func executeRefusesSubscriptionOperations() async throws {
        let response = await run(try Self.engine(), "subscription { ticks(count: 1) { n } }", context: Ctx())
        #expect(response.isRequestError)
    }
}
