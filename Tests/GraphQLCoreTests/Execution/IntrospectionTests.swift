import Foundation
import Testing
@testable import GraphQLCore

/// Introspection answers, including the GraphQLSwift regressions from issue 4.
@Suite struct IntrospectionTests {
    struct Ctx: Sendable {}

    static let sdl = #"""
        """The wallet API."""
        schema { query: Query  mutation: Mutation }

        "Money in minor units."
        scalar Amount @specifiedBy(url: "https://example.com/amount")

        type Query {
          "A wallet by id."
          wallet(id: ID!, legacy: Boolean = false @deprecated(reason: "Use id."), filter: Filter = {limit: 2, tags: ["a"]}): Wallet
          node(by: NodeBy): Node
          old: String @deprecated
        }

        type Mutation { pay(amount: Amount!, currency: Currency = EUR): Boolean }

        interface Node { id: ID! }

        type Wallet implements Node {
          id: ID!
          balance: Amount!
          currency: Currency!
        }

        enum Currency { EUR  USD @deprecated(reason: "Gone.") }

        input Filter {
          limit: Int = 10
          tags: [String!]
          after: String @deprecated(reason: "Use cursor.")
          cursor: ID = "12"
        }

        input NodeBy @oneOf { id: ID  name: String }

        union Anything = Wallet
        """#

    /// An engine over the schema the real `SchemaBuilder` builds from `sdl`, as the server builds it.
    static func engine(introspection: Bool = true) throws -> GraphQLEngine<Ctx> {
        var r = ResolverMap<Ctx>()
        r.field("Query", "wallet") { _ in .null }
        r.field("Query", "node") { _ in .null }
        r.field("Query", "old") { _ in .null }
        r.field("Mutation", "pay") { _ in true }
        r.field("Wallet", "id") { _ in "w" }
        r.field("Wallet", "balance") { _ in 1 }
        r.field("Wallet", "currency") { _ in "EUR" }
        let schema = try ExecutableSchema(schema: try SchemaBuilder.build(sdl: sdl), resolvers: r)
        return GraphQLEngine(schema: schema, configuration: GraphQLEngineConfiguration(introspectionEnabled: introspection))
    }

    @Test func inputValuesReportDeprecationAndArgumentsHonourIncludeDeprecated() async throws {
        // GraphQLSwift answered isDeprecated: null here, which made the whole standard query fail.
        let query = """
            { __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated
                args(includeDeprecated: true) { name isDeprecated deprecationReason defaultValue } }
                visible: fields { name args { name } } } }
            """
        let response = await run(try Self.engine(), query, context: Ctx())
        #expect(response.errors.isEmpty)
        #expect(response.json.contains(#"{"name":"legacy","isDeprecated":true,"deprecationReason":"Use id.","defaultValue":"false"}"#))
        #expect(response.json.contains(#"{"name":"old","isDeprecated":true,"args":[]}"#))
        #expect(response.json.contains(#""visible":[{"name":"wallet","args":[{"name":"id"},{"name":"filter"}]},{"name":"node","args":[{"name":"by"}]}]"#))
    }

    @Test func defaultValuesArePrintedAsGraphQLLiteralsWithNestedDefaults() async throws {
        let query = #"{ f: __type(name: "Filter") { inputFields(includeDeprecated: true) { name defaultValue isDeprecated } isOneOf }"#
            + #" q: __type(name: "Query") { fields { args { name defaultValue } } } }"#
        let response = await run(try Self.engine(), query, context: Ctx())
        #expect(response.json.contains(#"{"name":"limit","defaultValue":"10","isDeprecated":false}"#))
        #expect(response.json.contains(#"{"name":"after","defaultValue":null,"isDeprecated":true}"#))
        #expect(response.json.contains(#"{"name":"cursor","defaultValue":"12","isDeprecated":false}"#))
        #expect(response.json.contains(#""isOneOf":false"#))
        // graphql-js prints the coerced default, so the input field's own default (limit) is filled in.
        #expect(response.json.contains(#"{"name":"filter","defaultValue":"{limit: 2, tags: [\"a\"], cursor: 12}"}"#))
    }

    @Test func scalarsEnumsAndOneOfAreDescribed() async throws {
        let query = #"{ a: __type(name: "Amount") { kind description specifiedByURL } b: __type(name: "NodeBy") { isOneOf }"#
            + #" c: __type(name: "Currency") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }"#
            + #" d: __type(name: "Node") { possibleTypes { name } } e: __type(name: "Missing") { name } }"#
        let response = await run(try Self.engine(), query, context: Ctx())
        #expect(response.json == #"{"data":{"a":{"kind":"SCALAR","description":"Money in minor units.","specifiedByURL":"https://example.com/amount"},"b":{"isOneOf":true},"c":{"enumValues":[{"name":"EUR"}],"all":[{"name":"EUR","isDeprecated":false,"deprecationReason":null},{"name":"USD","isDeprecated":true,"deprecationReason":"Gone."}]},"d":{"possibleTypes":[{"name":"Wallet"}]},"e":null}}"#)
    }

    @Test func standardQueryAnswersWithTypesInGraphQLCoresOrder() async throws {
        let response = await run(try Self.engine(), IntrospectionQuery.standard, context: Ctx())
        #expect(response.errors.isEmpty)
        #expect(response.json.hasPrefix(#"{"data":{"__schema":{"description":"The wallet API.","queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":null,"types":[{"kind":"SCALAR","name":"Amount""#))
        let names = try #require(Self.typeNames(response.bytes))
        // graphql-core 3.2.8's order for this SDL (build_schema, then the standard introspection query): types in
        // definition order, each followed by the types it reaches first; built-in scalars only where referenced
        // (no Float), and the introspection types last.
        #expect(names == [
            "Amount", "Query", "ID", "Boolean", "String", "Mutation", "Node", "Wallet", "Currency", "Filter", "Int", "NodeBy",
            "Anything", "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive",
            "__DirectiveLocation",
        ])
    }

    @Test func cachedIntrospectionAnswerEqualsTheComputedOne() async throws {
        let engine = try Self.engine()
        let first = await run(engine, IntrospectionQuery.standard, context: Ctx())
        let second = await run(engine, IntrospectionQuery.standard, context: Ctx())
        #expect(first.bytes == second.bytes)
        // Arguments from variables make the subtree request-dependent: it is computed each time.
        let query = "query($d: Boolean!) { __type(name: \"Currency\") { enumValues(includeDeprecated: $d) { name } } }"
        #expect(await run(engine, query, context: Ctx(), variables: ["d": .bool(false)]).json == #"{"data":{"__type":{"enumValues":[{"name":"EUR"}]}}}"#)
        #expect(await run(engine, query, context: Ctx(), variables: ["d": .bool(true)]).json == #"{"data":{"__type":{"enumValues":[{"name":"EUR"},{"name":"USD"}]}}}"#)
    }

    @Test func introspectionCanBeSwitchedOff() async throws {
        let engine = try Self.engine(introspection: false)
        let refused = await run(engine, "{ __schema { queryType { name } } }", context: Ctx())
        #expect(refused.isRequestError)
        #expect(refused.json == #"{"errors":[{"message":"GraphQL introspection is not allowed, but the query contained __schema or __type.","locations":[{"line":1,"column":3}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#)
        #expect(await run(engine, "{ __typename }", context: Ctx()).json == #"{"data":{"__typename":"Query"}}"#)
    }

    /// graphql-core's `build_client_schema` rebuilds the schema from our answer, and `print_schema` of it equals
    /// graphql-core's own printing of the SDL. Runs with the pinned oracle (see `GraphQLOracle`), always in CI.
    @Test(.enabled(if: GraphQLOracle.shouldRun))
    func graphQLCoreRebuildsTheSameSchemaFromOurAnswer() async throws {
        let response = await run(try Self.engine(), IntrospectionQuery.standard, context: Ctx())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gql-introspection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(response.bytes).write(to: directory.appendingPathComponent("answer.json"))
        try Data(Self.sdl.utf8).write(to: directory.appendingPathComponent("schema.graphql"))
        let script = """
            import json, sys
            from graphql import build_client_schema, build_schema, print_schema
            d = sys.argv[1]
            answer = json.load(open(d + "/answer.json"))
            ours = print_schema(build_client_schema(answer["data"]))
            theirs = print_schema(build_schema(open(d + "/schema.graphql").read()))
            if ours != theirs:
                print(ours); print("-----"); print(theirs); sys.exit(1)
            """
        let (status, output) = try await GraphQLOracle.run(["-c", script, directory.path])
        #expect(status == 0, "\(output)")
    }

    static func typeNames(_ bytes: [UInt8]) -> [String]? {
        guard case .object(let root)? = try? JSONParser.parse(bytes),
              let types = root["data"]?["__schema"]?["types"]?.listValue else { return nil }
        return types.compactMap { $0["name"]?.stringValue }
    }
}
