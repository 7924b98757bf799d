import Testing
@testable import GraphQLCore

/// The compiled plans kept for one cached document stay bounded however many `@skip`/`@include` combinations
/// clients send, and each combination still gets the right plan.
@Suite struct PlanCacheTests {
    struct Ctx: Sendable {}

    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine("type Query { a: Int }") { (r: inout ResolverMap<Ctx>) in r.field("Query", "a") { _ in 1 } }
    }

    /// 20 boolean variables give a million combinations; every one used to be compiled and kept forever.
    static let query: String = {
        let names = (0..<20).map { "v\($0)" }
        return "query(" + names.map { "$\($0): Boolean!" }.joined(separator: ", ") + ") { "
            + names.map { "\($0): a @include(if: $\($0))" }.joined(separator: " ") + " }"
    }()

    static func variables(_ mask: Int) -> [String: InputValue] {
        Dictionary(uniqueKeysWithValues: (0..<20).map { ("v\($0)", InputValue.bool(mask & (1 << $0) != 0)) })
    }

    @Test func conditionCombinationsDoNotGrowTheCachedPlansWithoutBound() async throws {
        let engine = try Self.engine()
        for mask in 0..<300 {
            let response = await run(engine, Self.query, context: Ctx(), variables: Self.variables(mask))
            let expected = (0..<20).filter { mask & (1 << $0) != 0 }.map { "\"v\($0)\":1" }.joined(separator: ",")
            #expect(response.json == "{\"data\":{\(expected)}}")
        }
        guard case .ready(let operations) = engine.prepare(Self.query).state else { Issue.record("not prepared"); return }
        #expect(operations[0].plan.cachedPlanCount <= OperationPlan<Ctx>.maxCachedPlans)
    }
}
