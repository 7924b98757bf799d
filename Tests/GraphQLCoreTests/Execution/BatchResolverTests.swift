import Synchronization
import Testing
@testable import GraphQLCore

/// The batching hook's failure modes: each ends in clear errors on the right paths, never a crash, and the
/// other parents' values survive.
@Suite struct BatchResolverTests {
    struct Ctx: Sendable {}
    struct Item: Sendable { let id: Int }
    struct Missing: Error {}

    static let sdl = """
        type Query { items: [Item!]! nullableItems: [Item] }
        type Item { id: Int! label: String strict: String! }
        """

    static func engine(label: @escaping @Sendable ([Int]) async throws -> [FieldValue]) throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "items") { _ in .list((1...3).map { .object(Item(id: $0)) }) }
            r.field("Query", "nullableItems") { _ in .list((1...3).map { .object(Item(id: $0)) }) }
            r.field("Item", "id") { .int(try $0.parent(as: Item.self).id) }
            r.batch("Item", "label") { try await label($0.parents(as: Item.self).map(\.id)) }
            r.batch("Item", "strict") { try await label($0.parents(as: Item.self).map(\.id)) }
        }
    }

    @Test func aBatchReturningTooFewValuesFailsEveryParentsFieldWithAMaskedError() async throws {
        let engine = try Self.engine { ids in ids.dropLast().map { .string("l\($0)") } }
        let response = await run(engine, "{ items { id label } }", context: Ctx())
        #expect(response.json.hasPrefix(#"{"data":{"items":[{"id":1,"label":null},{"id":2,"label":null},{"id":3,"label":null}]},"errors":[{"message":"Internal server error.","locations":[{"line":1,"column":14}],"path":["items",0,"label"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}"#))
        #expect(response.errors.map(\.path) == [0, 1, 2].map { [.key("items"), .index($0), .key("label")] })
    }

    @Test func aBatchReturningTooManyValuesOnANonNullFieldNullsUpToTheNearestNullablePosition() async throws {
        let engine = try Self.engine { ids in (ids + [99]).map { .string("l\($0)") } }
        let response = await run(engine, "{ nullableItems { id strict } }", context: Ctx())
        #expect(response.errors.count == 3)
        #expect(response.json.hasPrefix(#"{"data":{"nullableItems":[null,null,null]},"errors":"#))
    }

    @Test func aThrowingBatchFailsEachParentAtItsOwnPath() async throws {
        let engine = try Self.engine { _ in throw GraphQLError("Store down.", code: .internalServerError) }
        let response = await run(engine, "{ items { label } }", context: Ctx())
        #expect(response.errors.map(\.message) == ["Store down.", "Store down.", "Store down."])
        #expect(response.errors.map(\.path) == [0, 1, 2].map { [.key("items"), .index($0), .key("label")] })
        #expect(response.json.hasPrefix(#"{"data":{"items":[{"label":null},{"label":null},{"label":null}]},"errors":"#))
    }

    /// DataLoader's contract: a batch answers each key with a value or an error. Before `FieldValue.error`,
    /// a batch could only fail all of its parents at once.
    @Test func aBatchCanFailSomeParentsAndAnswerTheOthers() async throws {
        let engine = try Self.engine { ids in
            ids.map { $0 == 2 ? .error(GraphQLError("No label for 2.", code: .badUserInput)) : .string("l\($0)") }
        }
        let response = await run(engine, "{ items { id label } nullableItems { id strict } }", context: Ctx())
        #expect(response.json == #"{"data":{"items":[{"id":1,"label":"l1"},{"id":2,"label":null},{"id":3,"label":"l3"}],"nullableItems":[{"id":1,"strict":"l1"},null,{"id":3,"strict":"l3"}]},"errors":[{"message":"No label for 2.","locations":[{"line":1,"column":14}],"path":["items",1,"label"],"extensions":{"code":"BAD_USER_INPUT"}},{"message":"No label for 2.","locations":[{"line":1,"column":41}],"path":["nullableItems",1,"strict"],"extensions":{"code":"BAD_USER_INPUT"}}]}"#)
    }

    @Test func anErrorValueInsideAListNullsOnlyThatItemAndIsMaskedWhenInternal() async throws {
        let engine = try makeEngine("type Query { xs: [Int] }") { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "xs") { _ in .list([1, .error(Missing()), 3]) }
        }
        let response = await run(engine, "{ xs }", context: Ctx())
        #expect(response.json == #"{"data":{"xs":[1,null,3]},"errors":[{"message":"Internal server error.","locations":[{"line":1,"column":3}],"path":["xs",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }
}
