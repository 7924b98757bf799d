import Testing
@testable import GraphQLCore

/// Null propagation and error paths, following the spec's "Handling Field Errors" section.
@Suite struct ExecutionNullPropagationTests {
    struct Ctx: Sendable {}
    struct Boom: Error {}

    static let sdl = """
        type Query {
          hello: String
          nullableFails: String
          nonNullFails: String!
          child: Child
          ints: [Int]
          strictInts: [Int!]
          strictList: [Int!]!
          children: [Child]
          strictChildren: [Child!]
          big: Int
          text: String
        }
        type Child { id: ID!  name: String  mustFail: String! }
        """

    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "hello") { _ in "world" }
            r.field("Query", "nullableFails") { _ in throw GraphQLError("nope", code: ErrorCode("NOPE")) }
            r.field("Query", "nonNullFails") { _ in throw GraphQLError("nope", code: ErrorCode("NOPE")) }
            r.field("Query", "child") { _ in .object(1) }
            r.field("Query", "ints") { _ in .list([1, nil, 3]) }
            r.field("Query", "strictInts") { _ in .list([1, nil, 3]) }
            r.field("Query", "strictList") { _ in .list([1, nil, 3]) }
            r.field("Query", "children") { _ in .list([.object(1), .object(2), .object(3)]) }
            r.field("Query", "strictChildren") { _ in .list([.object(1), .object(2)]) }
            r.field("Query", "big") { _ in .int(1 << 40) }
            r.field("Query", "text") { _ in "quote\" backslash\\ newline\n tab\t bell\u{7} é 💸" }
            r.field("Child", "id") { input in .string(String(try input.parent(as: Int.self))) }
            r.field("Child", "name") { input in try input.parent(as: Int.self) == 2 ? .null : "child" }
            r.field("Child", "mustFail") { input in try input.parent(as: Int.self) == 2 ? .null : "ok" }
        }
    }

    @Test func fieldsAliasesAndTypenameAreWrittenInSelectionOrder() async throws {
        let response = await run(try Self.engine(), "{ b: hello __typename a: hello child { id __typename } }", context: Ctx())
        #expect(response.json == #"{"data":{"b":"world","__typename":"Query","a":"world","child":{"id":"1","__typename":"Child"}}}"#)
        #expect(response.outcome == .executed)
    }

    @Test func nullableFieldErrorNullsOnlyThatField() async throws {
        let response = await run(try Self.engine(), "{ hello nullableFails }", context: Ctx())
        #expect(response.json == #"{"data":{"hello":"world","nullableFails":null},"errors":[{"message":"nope","locations":[{"line":1,"column":9}],"path":["nullableFails"],"extensions":{"code":"NOPE"}}]}"#)
    }

    @Test func nonNullRootFieldErrorNullsData() async throws {
        let response = await run(try Self.engine(), "{ hello nonNullFails }", context: Ctx())
        #expect(response.json.hasPrefix(#"{"data":null,"errors":[{"message":"nope""#))
        #expect(response.errors.count == 1)
    }

    @Test func nullItemInNullableListNullsOnlyTheItem() async throws {
        // GraphQLSwift turned this into a whole-response error with no data.
        let response = await run(try Self.engine(), "{ ints }", context: Ctx())
        #expect(response.json == #"{"data":{"ints":[1,null,3]}}"#)
    }

    @Test func nullItemInNonNullItemListNullsTheListWithItemPath() async throws {
        let response = await run(try Self.engine(), "{ hello strictInts }", context: Ctx())
        #expect(response.json == #"{"data":{"hello":"world","strictInts":null},"errors":[{"message":"Cannot return null for non-nullable field Query.strictInts.","locations":[{"line":1,"column":9}],"path":["strictInts",1],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }

    @Test func nullItemInNonNullListPropagatesToTheParent() async throws {
        let response = await run(try Self.engine(), "{ hello strictList }", context: Ctx())
        #expect(response.json.hasPrefix(#"{"data":null,"errors":[{"message":"Cannot return null for non-nullable field Query.strictList.""#))
        #expect(response.errors.first?.path == [.key("strictList"), .index(1)])
    }

    @Test func nonNullFieldErrorInsideListItemNullsOnlyThatItem() async throws {
        let response = await run(try Self.engine(), "{ children { id mustFail } }", context: Ctx())
        #expect(response.json == #"{"data":{"children":[{"id":"1","mustFail":"ok"},null,{"id":"3","mustFail":"ok"}]},"errors":[{"message":"Cannot return null for non-nullable field Child.mustFail.","locations":[{"line":1,"column":17}],"path":["children",1,"mustFail"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#)
    }

    @Test func nonNullItemFailureNullsTheWholeNullableList() async throws {
        let response = await run(try Self.engine(), "{ hello strictChildren { mustFail } }", context: Ctx())
        #expect(response.json.hasPrefix(#"{"data":{"hello":"world","strictChildren":null},"errors":["#))
        #expect(response.errors.map(\.path) == [[.key("strictChildren"), .index(1), .key("mustFail")]])
    }

    @Test func intOutsideThirtyTwoBitsIsAFieldError() async throws {
        let response = await run(try Self.engine(), "{ big }", context: Ctx())
        #expect(response.json.contains(#""big":null"#))
        #expect(response.errors.first?.message == "Int cannot represent non 32-bit signed integer value: 1099511627776")
    }

    @Test func stringsAreEscapedAsJSONStringifyDoes() async throws {
        let response = await run(try Self.engine(), "{ text }", context: Ctx())
        #expect(response.json == #"{"data":{"text":"quote\" backslash\\ newline\n tab\t bell\u0007 é 💸"}}"#)
    }
}
