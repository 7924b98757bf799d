import Foundation
import Testing
@testable import GraphQLCore

/// Request bodies whose variables sit on the edges of JSON numbers and strings, decoded with
/// `GraphQLRequest.decode(body:)` and executed end to end. Acceptance matches graphql-core 3.2.8 (checked live
/// below); messages are graphql-js's, which differ from graphql-core's in Python spellings only (`'1'`, `True`,
/// `inf`) and, for integers beyond 2^53, in the digits (JavaScript, like us, rounds them to a double).
@Suite struct RequestJSONEdgeCaseTests {
    struct Ctx: Sendable {}

    static let sdl = "type Query { int(v: Int): Int  float(v: Float): Float  str(v: String): String  id(v: ID): ID  req(v: Int!): Int }"

    static let engine: GraphQLEngine<Ctx> = {
        try! makeEngine(sdl) { (r: inout ResolverMap<Ctx>) in
            for field in ["int", "float", "str", "id", "req"] {
                r.field("Query", field) { input in
                    switch input.arguments["v"] {
                    case .int(let number)?: .int(number)
                    case .float(let number)?: .float(number)
                    case .string(let text)?: .string(text)
                    default: .null
                    }
                }
            }
        }
    }()

    /// One case: the field (and so the variable's type), the variable's JSON text, and the expected answer: the
    /// field's JSON value, or the error message.
    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        let json: String
        let expected: Result<String, Message>
        var testDescription: String { "\(field): \(json)" }

        var type: String { ["int": "Int", "float": "Float", "str": "String", "id": "ID", "req": "Int!"][field]! }
        var query: String { "query($v: \(type)) { \(field)(v: $v) }" }
        var body: [UInt8] {
            var writer = JSONWriter()
            writer.writeString(query)
            return Array(#"{"query":\#(writer.string),"variables":{"v":\#(json)}}"#.utf8)
        }
    }
    struct Message: Error, Sendable { let text: String }

    static func ok(_ field: String, _ json: String, _ output: String) -> Case { Case(field: field, json: json, expected: .success(output)) }
    static func refused(_ field: String, _ json: String, _ message: String) -> Case {
        Case(field: field, json: json, expected: .failure(Message(text: message)))
    }

    static let cases: [Case] = [
        ok("int", "2147483647", "2147483647"),
        refused("int", "2147483648", #"Variable "$v" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648"#),
        ok("int", "-2147483648", "-2147483648"),
        refused("int", "-2147483649", #"Variable "$v" got invalid value -2147483649; Int cannot represent non 32-bit signed integer value: -2147483649"#),
        refused("int", "9007199254740993", #"Variable "$v" got invalid value 9007199254740993; Int cannot represent non 32-bit signed integer value: 9007199254740993"#),
        refused("int", "99999999999999999999", #"Variable "$v" got invalid value 100000000000000000000; Int cannot represent non 32-bit signed integer value: 100000000000000000000"#),
        refused("int", "1e400", #"Variable "$v" got invalid value Infinity; Int cannot represent non-integer value: Infinity"#),
        refused("int", "-1e400", #"Variable "$v" got invalid value -Infinity; Int cannot represent non-integer value: -Infinity"#),
        ok("int", "-0", "0"),
        ok("int", "-0.0", "0"),
        ok("int", "1.0", "1"),
        ok("int", "1e2", "100"),
        refused("int", "1.5", #"Variable "$v" got invalid value 1.5; Int cannot represent non-integer value: 1.5"#),
        refused("int", #""1""#, #"Variable "$v" got invalid value "1"; Int cannot represent non-integer value: "1""#),
        refused("int", "true", #"Variable "$v" got invalid value true; Int cannot represent non-integer value: true"#),
        refused("req", "null", #"Variable "$v" of non-null type "Int!" must not be null."#),
        refused("float", "1e400", #"Variable "$v" got invalid value Infinity; Float cannot represent non numeric value: Infinity"#),
        ok("float", "1e308", "1e+308"),
        ok("float", "-0", "0"),
        ok("float", "5e-324", "5e-324"),
        ok("float", "1e-400", "0"),
        ok("float", "99999999999999999999", "100000000000000000000"),
        ok("str", #""a\u0000b""#, #""a\u0000b""#),
        ok("str", #""\u2028""#, "\"\u{2028}\""),
        refused("str", "1", #"Variable "$v" got invalid value 1; String cannot represent a non string value: 1"#),
        ok("id", "9007199254740993", #""9007199254740993""#),
        ok("id", "1.0", #""1""#),
        ok("id", "1e2", #""100""#),
        ok("id", #""\u0000""#, #""\u0000""#),
        refused("id", "1.5", #"Variable "$v" got invalid value 1.5; ID cannot represent value: 1.5"#),
        refused("id", "true", #"Variable "$v" got invalid value true; ID cannot represent value: true"#),
    ]

    @Test(arguments: cases)
    func variableIsAcceptedOrRefusedAsGraphQLJSDoes(_ edge: Case) async throws {
        let request = try GraphQLRequest.decode(body: edge.body)
        let response = await Self.engine.execute(request, context: Ctx())
        switch edge.expected {
        case .success(let output):
            #expect(response.json == #"{"data":{"\#(edge.field)":\#(output)}}"#)
        case .failure(let message):
            #expect(response.isRequestError)
            #expect(response.errors.map(\.message) == [message.text])
            #expect(response.errors.map(\.code) == [.badUserInput])
        }
    }

    /// graphql-core, live: the same bodies through Python's `json.loads` and `execute` accept and refuse the same.
    @Test(.enabled(if: GraphQLOracle.shouldRun))
    func acceptanceMatchesGraphQLCore() async throws {
        let script = """
            import json, sys
            from graphql import build_schema, parse, execute
            schema = build_schema(sys.argv[1])
            echo = lambda info, v=None: v
            root = {name: echo for name in ["int", "float", "str", "id", "req"]}
            for body in json.loads(sys.argv[2]):
                request = json.loads(body)
                result = execute(schema, parse(request["query"]), root_value=root, variable_values=request["variables"])
                print("accepted" if not result.errors else "refused")
            """
        let bodies = Self.cases.map { String(decoding: $0.body, as: UTF8.self) }
        let bodiesJSON = String(decoding: try JSONSerialization.data(withJSONObject: bodies), as: UTF8.self)
        let (status, output) = try await GraphQLOracle.run(["-c", script, Self.sdl, bodiesJSON])
        #expect(status == 0, "\(output)")
        let verdicts = output.split(separator: "\n").map(String.init)
        #expect(verdicts.count == Self.cases.count, "\(output)")
        for (edge, verdict) in zip(Self.cases, verdicts) {
            let ours = (try? edge.expected.get()) != nil ? "accepted" : "refused"
            #expect(verdict == ours, "\(edge.testDescription): graphql-core \(verdict), we \(ours)")
        }
    }
}
