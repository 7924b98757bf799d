import Foundation
import Testing
@testable import GraphQLCore

/// printSchema and type order against graphql-core's output for the same SDL. The expected files are
/// written by scripts/graphql-core-oracle.py, which CI runs to check they still match graphql-core.
@Suite struct SchemaPrinterTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/GraphQLCore")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func kitchenSinkPrintsByteForByteAsGraphQLCorePrintsIt() throws {
        let schema = try SchemaBuilder.build(sdl: try Self.fixture("kitchen-sink.graphql"))
        #expect(printSchema(schema) + "\n" == (try Self.fixture("kitchen-sink.printed.graphql")))
    }

    @Test func kitchenSinkSyntaxTreePrintsAsGraphQLCorePrintsIt() throws {
        let document = try parse(try Self.fixture("kitchen-sink.graphql"))
        #expect(print(document) + "\n" == (try Self.fixture("kitchen-sink.ast.txt")))
    }

    @Test func kitchenSinkTypesAreInGraphQLCoresOrder() throws {
        let schema = try SchemaBuilder.build(sdl: try Self.fixture("kitchen-sink.graphql"))
        let expected = try Self.fixture("kitchen-sink.types.txt").split(separator: "\n").map(String.init)
        #expect(Array(schema.types.keys) == expected)
    }

    @Test func printedSchemaBuildsTheSameSchemaAgain() throws {
        let schema = try SchemaBuilder.build(sdl: try Self.fixture("kitchen-sink.graphql"))
        let printed = printSchema(schema)
        #expect(printSchema(try SchemaBuilder.build(sdl: printed)) == printed)
    }

    @Test func conventionalRootsPrintNoSchemaBlock() throws {
        let schema = try SchemaBuilder.build(sdl: "type Query { a: Int } type Mutation { b: Int }")
        #expect(printSchema(schema) == "type Query {\n  a: Int\n}\n\ntype Mutation {\n  b: Int\n}")
    }

    @Test(arguments: [
        (1.0, "1"), (-0.0, "0"), (2.5, "2.5"), (-0.125, "-0.125"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (123456789.125, "123456789.125"), (1e-7, "1e-7"), (0.000001, "0.000001"), (1.5e-10, "1.5e-10"),
        (0.1, "0.1"), (1.7976931348623157e308, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"),
    ])
    func floatDefaultsPrintAsJavaScriptPrintsNumbers(value: Double, expected: String) {
        #expect(JavaScriptNumber.format(value) == expected)
    }
}
