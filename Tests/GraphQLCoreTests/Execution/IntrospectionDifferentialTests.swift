import Foundation
import Testing
@testable import GraphQLCore

/// Introspection of a schema built by the real `SchemaBuilder` answers exactly as graphql-core 3.2.8 does for
/// the same SDL: the full introspection query, and `__type` of every kind with and without deprecated members.
///
/// `@oneOf` and `isOneOf` are compared too: the pinned graphql-core 3.2.8 implements them (`GraphQLOneOfDirective`,
/// `get_introspection_query(input_object_one_of=True)`).
///
/// Left out on purpose: float defaults where Python's
/// number printing differs from JavaScript's, which the engine follows (`-0.0` prints as `0`, and
/// `123456789012345678` as `123456789012345680`, not `1.2345678901234568e+17`, and `5e-7` not `5e-07`).
@Suite struct IntrospectionDifferentialTests {
    struct Ctx: Sendable {}

    static let sdl = #"""
        """
        The rich schema.
          Indented "line".
        """
        schema { query: Query mutation: Mutation subscription: Subscription }

        """A money amount
        in minor units."""
        scalar Amount @specifiedBy(url: "https://example.com/amount")

        scalar Plain

        "A node."
        interface Node { "The id." id: ID! }

        interface Resource implements Node {
          id: ID!
          "The url."
          url(scheme: String = "https", old: Int @deprecated(reason: "No more.")): String
        }

        """
        An image.
        """
        type Image implements Resource & Node {
          id: ID!
          url(scheme: String = "https", old: Int @deprecated(reason: "No more.")): String
          width: Int @deprecated
          height: Int @deprecated(reason: """Use "size".""")
        }

        type Text implements Node { id: ID! body: String! }

        "Anything searchable."
        union SearchResult = Image | Text

        "Colors."
        enum Color {
          "Red one."
          RED
          GREEN @deprecated
          BLUE @deprecated(reason: "Too blue.")
          TEAL @deprecated(reason: null)
        }

        "A filter."
        input Filter {
          "The limit."
          limit: Int = 10
          color: Color = GREEN
          colors: [Color!] = [RED, BLUE]
          tags: [String] = ["a", null, "c\"q\n\u00e9"]
          ratio: Float = 1.5
          big: Float = 1e30
          on: Boolean = true
          id: ID = "x"
          intId: ID = 7
          amount: Amount = "12"
          nested: Inner = {name: "n", deep: {name: "d"}}
          old: String @deprecated(reason: "Gone.")
          oldWithDefault: Int = 3 @deprecated
        }

        input Inner { name: String! = "def" deep: Inner count: Int = 1 }

        "Exactly one way to find a node."
        input NodeLookup @oneOf { id: ID "By url." url: String color: Color @deprecated(reason: "Ambiguous.") }

        type Query {
          "Search things."
          search(
            "The text."
            text: String! = "all"
            filter: Filter = {limit: 5, color: RED, nested: {name: "x"}}
            colors: [Color] = RED
            empty: [Int] = []
            emptyObj: Inner = {name: "e"}
            nul: String = null
            legacy: Boolean = false @deprecated(reason: "Use text.")
            plain: Plain = "p"
          ): [SearchResult!]!
          node(id: ID!): Node
          find(by: NodeLookup!): Node
          old: String @deprecated(reason: "Old.")
          color: Color
        }

        extend type Query { extra: Int @deprecated(reason: "") }

        type Mutation { paint(color: Color! = BLUE, filter: Filter): Color }

        type Subscription { ticks(every: Int = 1): Int }

        "A custom directive."
        directive @cost(weight: Int = 1, tags: [String!] = ["x"], old: Int @deprecated) repeatable on FIELD_DEFINITION | FIELD
        directive @internal on OBJECT | INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION
        """#

    static let typesQuery = """
        query T($inc: Boolean = false) {
          a: __type(name: "Amount") { kind name description specifiedByURL isOneOf }
          b: __type(name: "Resource") { kind name description interfaces { name } possibleTypes { name }
            fields(includeDeprecated: $inc) { name args(includeDeprecated: $inc) { name defaultValue isDeprecated deprecationReason } } }
          c: __type(name: "Image") { kind name description interfaces { name }
            fields(includeDeprecated: $inc) { name isDeprecated deprecationReason type { kind name ofType { name } } } }
          d: __type(name: "SearchResult") { kind name description possibleTypes { name } fields { name } interfaces { name } inputFields { name } enumValues { name } }
          e: __type(name: "Color") { kind name description enumValues(includeDeprecated: $inc) { name description isDeprecated deprecationReason } }
          f: __type(name: "Filter") { kind name description isOneOf
            inputFields(includeDeprecated: $inc) { name description defaultValue isDeprecated deprecationReason type { kind name ofType { kind name } } } }
          g: __type(name: "Query") { fields(includeDeprecated: $inc) { name isDeprecated args(includeDeprecated: $inc) { name defaultValue isDeprecated } } }
          h: __type(name: "Nope") { name }
          i: __type(name: "String") { kind name description specifiedByURL fields { name } }
          j: __type(name: "__Type") { kind name fields { name args { name defaultValue } } }
          k: __schema { description queryType { name } mutationType { name } subscriptionType { name }
            directives { name isRepeatable locations args(includeDeprecated: $inc) { name defaultValue isDeprecated } } }
          l: __type(name: "Node") { kind possibleTypes { name } interfaces { name } }
          m: __type(name: "Inner") { kind inputFields { name defaultValue } isOneOf }
          n: __type(name: "NodeLookup") { kind name description isOneOf
            inputFields(includeDeprecated: $inc) { name description defaultValue isDeprecated deprecationReason } }
          o: __type(name: "Image") { isOneOf }
          p: __type(name: "Color") { isOneOf }
        }
        """

    static func engine() throws -> GraphQLEngine<Ctx> {
        var resolvers = ResolverMap<Ctx>()
        for type in ["Query", "Mutation", "Image", "Text"] { resolvers.useSourceLookup(forType: type) }
        resolvers.subscription("ticks") { _ in AsyncStream<FieldValue> { $0.finish() } }
        return GraphQLEngine(schema: try ExecutableSchema(schema: try SchemaBuilder.build(sdl: sdl), resolvers: resolvers))
    }

    @Test func deprecatedWithANullReasonIsNotDeprecated() async throws {
        // graphql-js reads the reason argument, and null means no deprecation.
        let response = await run(try Self.engine(), #"{ __type(name: "Color") { enumValues(includeDeprecated: false) { name } } }"#, context: Ctx())
        #expect(response.json == #"{"data":{"__type":{"enumValues":[{"name":"RED"},{"name":"TEAL"}]}}}"#)
    }

    @Test(.enabled(if: GraphQLOracle.shouldRun))
    func answersEqualGraphQLCoresForTheSameSDL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gql-introspection-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, query) = try await GraphQLOracle.run(["-c", """
            from graphql import get_introspection_query
            print(get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True,
                schema_description=True, input_value_deprecation=True, input_object_one_of=True), end="")
            """])
        try #require(status == 0, "\(query)")
        let engine = try Self.engine()
        let requests: [(String, GraphQLRequest)] = [
            ("full", GraphQLRequest(query: query)),
            ("types", GraphQLRequest(query: Self.typesQuery, variables: ["inc": .bool(false)])),
            ("typesDeprecated", GraphQLRequest(query: Self.typesQuery, variables: ["inc": .bool(true)])),
        ]
        for (name, request) in requests {
            let response = await engine.execute(request, context: Ctx())
            try Data(response.bytes).write(to: directory.appendingPathComponent("\(name).json"))
            try Data(request.query.utf8).write(to: directory.appendingPathComponent("\(name).graphql"))
            let variables = request.variables.isEmpty ? "{}" : #"{"inc": \#(request.variables["inc"] == .bool(true) ? "true" : "false")}"#
            try Data(variables.utf8).write(to: directory.appendingPathComponent("\(name).vars.json"))
        }
        try Data(Self.sdl.utf8).write(to: directory.appendingPathComponent("schema.graphql"))
        let script = """
            import json, sys
            from graphql import build_schema, graphql_sync
            d = sys.argv[1]
            schema = build_schema(open(d + "/schema.graphql").read())
            failed = False
            for name in ["full", "types", "typesDeprecated"]:
                theirs = graphql_sync(schema, open(d + f"/{name}.graphql").read(),
                                      variable_values=json.load(open(d + f"/{name}.vars.json"))).formatted
                ours = json.load(open(d + f"/{name}.json"))
                if ours != theirs:
                    failed = True
                    print(name, "ours:", json.dumps(ours)[:3000]); print(name, "theirs:", json.dumps(theirs)[:3000])
            sys.exit(1 if failed else 0)
            """
        let (diffStatus, output) = try await GraphQLOracle.run(["-c", script, directory.path])
        #expect(diffStatus == 0, "\(output)")
    }
}
