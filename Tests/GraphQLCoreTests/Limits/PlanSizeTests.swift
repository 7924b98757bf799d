import Testing
@testable import GraphQLCore

/// A document's compiled plan must stay proportional to the document, whatever the schema's abstract types.
@Suite struct PlanSizeTests {
    struct Ctx: Sendable {}
    struct Item: Sendable { let depth: Int }

    static let sdl = """
        type Query { node: Node }
        interface Node { id: Int  next: Node }
        type A implements Node { id: Int  next: Node }
        type B implements Node { id: Int  next: Node }
        type C implements Node { id: Int  next: Node }
        type D implements Node { id: Int  next: Node }
        """

    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "node") { _ in .typed("A", Item(depth: 1)) }
            for type in ["A", "B", "C", "D"] {
                r.field(type, "id") { .int(try $0.parent(as: Item.self).depth) }
                r.field(type, "next") { input in
                    let depth = try input.parent(as: Item.self).depth
                    return depth >= 3 ? .null : .typed(["A", "B", "C", "D"][depth % 4], Item(depth: depth + 1))
                }
            }
        }
    }

    static func nested(_ depth: Int) -> String {
        "{ node { id " + String(repeating: "next { id ", count: depth - 1) + String(repeating: "} ", count: depth - 1) + "} }"
    }

    /// Before the fix every possible type was compiled at every level: 4^10 plans, about 20 s here (4^8 took
    /// 1.3 s; depth 19, within the default limits, never finished). Now a few milliseconds. Depth 12 (4^12 plans
    /// before the fix, minutes of work) makes the time limit a hang guard with a wide margin, not a speed test.
    @Test(.timeLimit(.minutes(1))) func nestedInterfaceFieldsCompileOnlyTheTypesThatOccur() async throws {
        let engine = try Self.engine()
        let clock = ContinuousClock()
        let start = clock.now
        let response = await run(engine, Self.nested(12), context: Ctx())
        print("12 nested interface levels compiled and ran in \(clock.now - start)")
        #expect(response.json == #"{"data":{"node":{"id":1,"next":{"id":2,"next":{"id":3,"next":null}}}}}"#)
    }

    @Test func eachConcreteTypeGetsItsOwnSelectionFromFragments() async throws {
        let engine = try Self.engine()
        let query = "{ node { __typename ... on A { a: id } next { __typename ... on B { b: id } ... on C { c: id } next { __typename ... on C { c: id } } } } }"
        for _ in 0..<2 {  // the second run uses the sub-plans the first one compiled
            let response = await run(engine, query, context: Ctx())
            #expect(response.json == #"{"data":{"node":{"__typename":"A","a":1,"next":{"__typename":"B","b":2,"next":{"__typename":"C","c":3}}}}}"#)
        }
    }
}
