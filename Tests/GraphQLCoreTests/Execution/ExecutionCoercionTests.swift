import Testing
@testable import GraphQLCore

/// Variables, arguments and input coercion with the spec's rules and graphql-js's messages.
@Suite struct ExecutionCoercionTests {
    struct Ctx: Sendable {}

    static let sdl = """
        type Query {
          echo(value: InputValueJSON): String
          int(value: Int): String
          float(value: Float): String
          id(value: ID): String
          color(value: Color = GREEN): String
          point(value: Point): String
          pick(value: Pick): String
          required(value: Int!): String
          list(value: [Int!]): String
          withDefault(value: Int = 7): String
        }
        scalar InputValueJSON
        enum Color { RED GREEN }
        input Point { x: Int!  y: Int = 5  tags: [String!] }
        input Pick @oneOf { byId: ID  byName: String }
        """

    static func engine() throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            for field in ["echo", "int", "float", "id", "color", "point", "pick", "required", "list", "withDefault"] {
                r.field("Query", field) { input in
                    guard let value = input.arguments["value"] else { return "absent" }
                    return .string(value.description)
                }
            }
            r.scalar("InputValueJSON", ScalarCoercion(parseValue: { value in
                if case .string(let text) = value, text == "bad" { throw CoercionFailure("InputValueJSON rejects \"bad\"") }
                return value
            }))
        }
    }

    func errorMessages(_ query: String, _ variables: [String: InputValue]) async throws -> [String] {
        let response = await run(try Self.engine(), query, context: Ctx(), variables: variables)
        #expect(response.isRequestError)
        #expect(!response.json.contains("\"data\""))
        #expect(response.errors.allSatisfy { $0.code == .badUserInput })
        return response.errors.map(\.message)
    }

    @Test func intVariableOutsideThirtyTwoBitsIsRejected() async throws {
        #expect(try await errorMessages("query($v: Int) { int(value: $v) }", ["v": .int(1 << 31)])
            == ["Variable \"$v\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648"])
    }

    @Test func intVariableMustBeAnInteger() async throws {
        #expect(try await errorMessages("query($v: Int) { int(value: $v) }", ["v": .string("1")])
            == ["Variable \"$v\" got invalid value \"1\"; Int cannot represent non-integer value: \"1\""])
    }

    @Test func floatRejectsNonFinite() async throws {
        #expect(try await errorMessages("query($v: Float) { float(value: $v) }", ["v": .float(.infinity)])
            == ["Variable \"$v\" got invalid value Infinity; Float cannot represent non numeric value: Infinity"])
    }

    @Test func idAcceptsIntegersAndStrings() async throws {
        let engine = try Self.engine()
        #expect(await run(engine, "query($v: ID) { id(value: $v) }", context: Ctx(), variables: ["v": .int(42)]).json
            == #"{"data":{"id":"\"42\""}}"#)
        #expect(await run(engine, "{ id(value: 42) a: id(value: \"x\") }", context: Ctx()).json
            == #"{"data":{"id":"\"42\"","a":"\"x\""}}"#)
    }

    @Test func requiredVariableMissingOrNullIsRejected() async throws {
        #expect(try await errorMessages("query($v: Int!) { required(value: $v) }", [:])
            == ["Variable \"$v\" of required type \"Int!\" was not provided."])
        #expect(try await errorMessages("query($v: Int!) { required(value: $v) }", ["v": .null])
            == ["Variable \"$v\" of non-null type \"Int!\" must not be null."])
    }

    @Test func inputObjectProblemsNameThePathInsideTheVariable() async throws {
        let messages = try await errorMessages(
            "query($p: Point) { point(value: $p) }",
            ["p": .object(["y": .string("a"), "z": .int(1), "tags": .list([.string("ok"), .null])])])
        #expect(messages == [
            "Variable \"$p\" got invalid value { y: \"a\", z: 1, tags: [\"ok\", null] }; Field \"x\" of required type \"Int!\" was not provided.",
            "Variable \"$p\" got invalid value \"a\" at \"p.y\"; Int cannot represent non-integer value: \"a\"",
            "Variable \"$p\" got invalid value null at \"p.tags[1]\"; Expected non-nullable type \"String!\" not to be null.",
            "Variable \"$p\" got invalid value { y: \"a\", z: 1, tags: [\"ok\", null] }; Field \"z\" is not defined by type \"Point\".",
        ])
    }

    @Test func oneOfNeedsExactlyOneNonNullKey() async throws {
        #expect(try await errorMessages("query($p: Pick) { pick(value: $p) }", ["p": .object(["byId": .int(1), "byName": .string("a")])])
            == ["Variable \"$p\" got invalid value { byId: 1, byName: \"a\" }; Exactly one key must be specified for OneOf type \"Pick\"."])
        #expect(try await errorMessages("query($p: Pick) { pick(value: $p) }", ["p": .object(["byId": .null])])
            == ["Variable \"$p\" got invalid value null at \"p.byId\"; Field \"byId\" must be non-null."])
        let ok = await run(try Self.engine(), "query($p: Pick) { pick(value: $p) }", context: Ctx(), variables: ["p": .object(["byId": .int(1)])])
        #expect(ok.json == #"{"data":{"pick":"{ byId: \"1\" }"}}"#)
    }

    @Test func enumVariablesMustNameAValue() async throws {
        #expect(try await errorMessages("query($c: Color) { color(value: $c) }", ["c": .string("BLUE")])
            == ["Variable \"$c\" got invalid value \"BLUE\"; Value \"BLUE\" does not exist in \"Color\" enum."])
        #expect(try await errorMessages("query($c: Color) { color(value: $c) }", ["c": .int(1)])
            == ["Variable \"$c\" got invalid value 1; Enum \"Color\" cannot represent non-string value: 1."])
    }

    @Test func customScalarParseErrorsReachTheClient() async throws {
        #expect(try await errorMessages("query($v: InputValueJSON) { echo(value: $v) }", ["v": .string("bad")])
            == ["Variable \"$v\" got invalid value \"bad\"; InputValueJSON rejects \"bad\""])
    }

    @Test func argumentDefaultsAndInputFieldDefaultsApply() async throws {
        let response = await run(try Self.engine(), "{ color withDefault point(value: {x: 1}) int }", context: Ctx())
        #expect(response.json == #"{"data":{"color":"\"GREEN\"","withDefault":"7","point":"{ x: 1, y: 5 }","int":"absent"}}"#)
    }

    @Test func variableDefaultsApplyAndSingleValuesBecomeLists() async throws {
        let response = await run(try Self.engine(), "query($v: Int = 3, $l: [Int!]) { int(value: $v) list(value: $l) }",
                                 context: Ctx(), variables: ["l": .int(4)])
        #expect(response.json == #"{"data":{"int":"3","list":"[4]"}}"#)
    }

    @Test func skipAndIncludeAreDecidedPerRequestFromVariables() async throws {
        let engine = try Self.engine()
        let query = "query($s: Boolean!) { a: int(value: 1) @skip(if: $s) b: int(value: 2) @include(if: $s) c: int @skip(if: false) }"
        #expect(await run(engine, query, context: Ctx(), variables: ["s": .bool(true)]).json == #"{"data":{"b":"2","c":"absent"}}"#)
        #expect(await run(engine, query, context: Ctx(), variables: ["s": .bool(false)]).json == #"{"data":{"a":"1","c":"absent"}}"#)
    }

    @Test func jsonParserDecodesEscapesAndRefusesHostileInput() throws {
        #expect(try JSONParser.parse(#"{"a":[1,-2.5e1,"\u00e9\ud83d\udcb8\n",true,null],"a":{}}"#)
            == .object(["a": .object([:])]))
        #expect(try JSONParser.parse(#"["\u00e9\ud83d\udcb8\n"]"#) == .list([.string("é💸\n")]))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[1,]") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("\"abc", limits: JSONParser.Limits(maxBytes: 3)) }
        #expect(try JSONParser.parse("12345678901234567890123") == .float(1.2345678901234568e22))
    }

    /// Floats are written as JSON.stringify writes them. The response writer used to convert whole floats to
    /// Int64, which trapped (a crash) on 1e20.
    @Test func floatsAreWrittenAsJavaScriptWritesThem() async throws {
        let engine = try makeEngine("type Query { fs: [Float] }") { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "fs") { _ in .list([1e20, 1e21, -1e300, 1e-7, 0.1, 2.5, -0.0, 9_007_199_254_740_993]) }
        }
        let response = await run(engine, "{ fs }", context: Ctx())
        #expect(response.json == #"{"data":{"fs":[100000000000000000000,1e+21,-1e+300,1e-7,0.1,2.5,0,9007199254740992]}}"#)
    }
}
