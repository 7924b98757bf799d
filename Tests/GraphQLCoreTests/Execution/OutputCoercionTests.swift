import Testing
@testable import GraphQLCore

/// Output coercion of resolver values for the built-in scalars, case by case against graphql-js's `serialize`
/// functions (`serializeInt`, `serializeBoolean`, `serializeID`): a number that JavaScript sees as an integer is
/// one, and a finite number is a Boolean.
@Suite struct OutputCoercionTests {
    struct Ctx: Sendable { let value: FieldValue }

    static let engine: GraphQLEngine<Ctx> = {
        try! makeEngine("type Query { int: Int  float: Float  bool: Boolean  id: ID  str: String }") { (r: inout ResolverMap<Ctx>) in
            for field in ["int", "float", "bool", "id", "str"] {
                r.field("Query", field) { $0.context.value }
            }
        }
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        let value: FieldValue
        /// The JSON of the field, or the error message (the field is then null).
        let expected: String
        let isError: Bool
        var testDescription: String { "\(field): \(value)" }
    }

    static func ok(_ field: String, _ value: FieldValue, _ json: String) -> Case { Case(field: field, value: value, expected: json, isError: false) }
    static func error(_ field: String, _ value: FieldValue, _ message: String) -> Case { Case(field: field, value: value, expected: message, isError: true) }

    static let cases: [Case] = [
        ok("int", .float(2), "2"),
        ok("int", .float(-0.0), "0"),
        error("int", .float(1e20), "Int cannot represent non 32-bit signed integer value: 100000000000000000000"),
        error("int", .float(2_147_483_648), "Int cannot represent non 32-bit signed integer value: 2147483648"),
        error("int", .float(1.5), "Int cannot represent non-integer value: 1.5"),
        error("int", .float(.infinity), "Int cannot represent non-integer value: Infinity"),
        ok("float", .float(-0.0), "0"),
        error("float", .float(.nan), "Float cannot represent non numeric value: NaN"),
        ok("bool", .float(1), "true"),
        ok("bool", .float(0.5), "true"),
        ok("bool", .float(0), "false"),
        ok("bool", .float(-0.0), "false"),
        error("bool", .float(.nan), "Boolean cannot represent a non boolean value: NaN"),
        error("bool", .float(.infinity), "Boolean cannot represent a non boolean value: Infinity"),
        ok("id", .float(1), #""1""#),
        ok("id", .float(1e21), #""1e+21""#),
        error("id", .float(1.5), "ID cannot represent value: 1.5"),
        error("id", .float(.nan), "ID cannot represent value: NaN"),
        ok("str", .float(1e21), #""1e+21""#),
    ]

    @Test(arguments: cases)
    func valueIsSerializedAsGraphQLJSDoes(_ edge: Case) async throws {
        let response = await run(Self.engine, "{ \(edge.field) }", context: Ctx(value: edge.value))
        if edge.isError {
            #expect(response.json.hasPrefix(#"{"data":{"\#(edge.field)":null},"errors":[{"message":"\#(edge.expected)""#), "\(response.json)")
        } else {
            #expect(response.json == #"{"data":{"\#(edge.field)":\#(edge.expected)}}"#)
        }
    }
}
