import Synchronization
import Testing
@testable import GraphQLCore

/// Null propagation across levels of the breadth-first executor; expected responses are
/// graphql-core 3.2.8's for the same SDL, query and resolvers.
@Suite struct NullPropagationEdgeTests {
    struct Ctx: Sendable {}

    static let sdl = """
        type Query { obj: Obj  objs: [Obj!]  withNull: [Obj!] }
        type Obj { id: Int!  child: Obj  bad: String! }
        """

    /// Objects 1 and 2; `bad` is null on object 2, `child` of n is n + 1.
    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "obj") { _ in .object(1) }
            r.field("Query", "objs") { _ in .list([.object(1), .object(2)]) }
            r.field("Query", "withNull") { _ in .list([.object(1), .null]) }
            r.field("Obj", "id") { .int(try $0.parent(as: Int.self)) }
            r.field("Obj", "child") { .object(try $0.parent(as: Int.self) + 1) }
            r.field("Obj", "bad") { try $0.parent(as: Int.self) == 2 ? .null : "ok" }
        }
    }

    @Test func grandchildrenOfANulledObjectAreDroppedWithoutCrashing() async throws {
        let response = await run(try Self.engine(), "{ obj { child { child { child { id } } bad } } }", context: Ctx())
        #expect(response.json == #"{"data":{"obj":{"child":null}},"errors":[{"message":"Cannot return null for non-nullable field Obj.bad.","locations":[{"line":1,"column":40}],"path":["obj","child","bad"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }

    @Test func siblingSubtreeOfANulledObjectIsDroppedWithoutCrashing() async throws {
        let response = await run(try Self.engine(), "{ obj { child { child { id } bad } } }", context: Ctx())
        #expect(response.json == #"{"data":{"obj":{"child":null}},"errors":[{"message":"Cannot return null for non-nullable field Obj.bad.","locations":[{"line":1,"column":30}],"path":["obj","child","bad"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }

    @Test func listNulledByOneItemDropsTheOtherItemsSubtrees() async throws {
        let response = await run(try Self.engine(), "{ objs { child { id } bad } }", context: Ctx())
        #expect(response.json == #"{"data":{"objs":null},"errors":[{"message":"Cannot return null for non-nullable field Obj.bad.","locations":[{"line":1,"column":23}],"path":["objs",1,"bad"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }

    @Test func listNulledByANullItemDropsTheEarlierItemsQueuedSubtrees() async throws {
        let response = await run(try Self.engine(), "{ withNull { id child { id } } }", context: Ctx())
        #expect(response.json == #"{"data":{"withNull":null},"errors":[{"message":"Cannot return null for non-nullable field Query.withNull.","locations":[{"line":1,"column":3}],"path":["withNull",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }
}

/// Objects of one level that a sibling's failure already nulled must not run their later fields.
@Suite struct DetachedSiblingTests {
    struct Ctx: Sendable {}

    @Test func fieldsOfObjectsInAListAlreadyNulledReportNoFurtherErrors() async throws {
        let calls = CallLog()
        let engine: GraphQLEngine<Ctx> = try makeEngine("type Query { objs: [Obj!] } type Obj { id: Int! bad: String! }") { r in
            r.field("Query", "objs") { _ in .list([.object(1), .object(2), .object(3)]) }
            r.field("Obj", "id") { .int(try $0.parent(as: Int.self)) }
            r.field("Obj", "bad") { input in
                let id = try input.parent(as: Int.self)
                calls.record("bad\(id)")
                return id >= 2 ? .null : "ok"
            }
        }
        let response = await run(engine, "{ objs { id bad } }", context: Ctx())
        // graphql-core 3.2.8 answers exactly this: one error, for the first item that failed.
        #expect(response.json == #"{"data":{"objs":null},"errors":[{"message":"Cannot return null for non-nullable field Obj.bad.","locations":[{"line":1,"column":13}],"path":["objs",1,"bad"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
        #expect(calls.entries == ["bad1", "bad2"])
    }
}

/// A thread-safe list of what resolvers did, for tests that prove what ran.
final class CallLog: Sendable {
    private let storage = Mutex<[String]>([])
    func record(_ entry: String) { storage.withLock { $0.append(entry) } }
    var entries: [String] { storage.withLock { $0 } }
}
