import Testing
@testable import GraphQLCore

@Suite struct TypeSystemParserTests {
    static let sdl = #"""
        """The schema"""
        schema @dir { query: Query mutation: Mutation }
        extend schema @other { subscription: Sub }
        "A scalar" scalar Date @specifiedBy(url: "https://example.com")
        type Query implements & Node & Entity @key(fields: "id") {
          "field desc" node(
            """arg desc""" id: ID! = "x" @deprecated(reason: "no")
            list: [[Int!]] = [[1, 2], [3]]
          ): Node @deprecated
          other: String
        }
        interface Node implements Entity { id: ID! }
        union Result @u = | Query | Other
        union Bare
        enum Color { "red" RED @deprecated(reason: "pink") GREEN, BLUE }
        input Filter @oneOf { a: Int = 1 @deprecated, b: Filter }
        directive @key(fields: String!) repeatable on OBJECT | INTERFACE
        directive @u on | UNION
        extend type Query @extra
        extend type Query implements Extra
        extend interface Node { more: Int }
        extend union Result = Third
        extend enum Color { CYAN }
        extend input Filter { c: String }
        extend scalar Date @x
        """#

    @Test func parsesEveryTypeSystemDefinitionAndExtension() throws {
        let document = try parse(Self.sdl)
        #expect(document.definitions.count == 18)
        guard case .typeSystem(.schema(let schema)) = document.definitions[0] else { Issue.record("schema"); return }
        #expect(schema.description?.value == "The schema" && schema.description?.block == true)
        #expect(schema.operationTypes.map(\.operation) == [.query, .mutation])
        #expect(schema.loc == SourceLocation(line: 1, column: 1))
        guard case .typeSystem(.type(let query)) = document.definitions[3],
              case .object(let interfaces, let fields) = query.kind
        else { Issue.record("Query"); return }
        #expect(interfaces.map(\.value) == ["Node", "Entity"])
        #expect(fields.map(\.name.value) == ["node", "other"])
        #expect(fields[0].description?.value == "field desc")
        #expect(fields[0].arguments.map(\.name.value) == ["id", "list"])
        #expect(fields[0].arguments[0].description?.value == "arg desc")
        #expect(fields[0].arguments[0].directives.map(\.name.value) == ["deprecated"])
        #expect(print(fields[0].arguments[1].defaultValue!) == "[[1, 2], [3]]")
        guard case .typeSystem(.type(let union)) = document.definitions[5], case .union(let members) = union.kind else {
            Issue.record("union"); return
        }
        #expect(members.map(\.value) == ["Query", "Other"])
        guard case .typeSystem(.directive(let key)) = document.definitions[9] else { Issue.record("directive"); return }
        #expect(key.isRepeatable && key.locations.map(\.value) == ["OBJECT", "INTERFACE"])
        guard case .typeSystem(.typeExtension(let extended)) = document.definitions[12],
              case .object(let added, _) = extended.kind
        else { Issue.record("extension"); return }
        #expect(added.map(\.value) == ["Extra"])
    }

    @Test func printingTheParsedSDLParsesBackToTheSameText() throws {
        let printed = print(try parse(Self.sdl))
        #expect(print(try parse(printed)) == printed)
        #expect(printed.contains("type Query implements Node & Entity @key(fields: \"id\") {"))
        #expect(printed.contains("directive @key(fields: String!) repeatable on OBJECT | INTERFACE"))
    }

    @Test(arguments: [
        ("type A {}", #"Syntax Error: Expected Name, found "}". @1:9"#),
        ("type A { a }", #"Syntax Error: Expected ":", found "}". @1:12"#),
        ("type A { a(): Int }", #"Syntax Error: Expected Name, found ")". @1:12"#),
        ("type A implements { a: Int }", #"Syntax Error: Expected Name, found "{". @1:19"#),
        ("extend type A", "Syntax Error: Unexpected <EOF>. @1:14"),
        ("extend schema", "Syntax Error: Unexpected <EOF>. @1:14"),
        ("extend scalar S", "Syntax Error: Unexpected <EOF>. @1:16"),
        ("extend directive @a on FIELD", #"Syntax Error: Unexpected Name "directive". @1:8"#),
        ("extend foo", #"Syntax Error: Unexpected Name "foo". @1:8"#),
        ("\"d\" extend type A @x", "Syntax Error: Unexpected description, descriptions are supported only on type definitions. @1:1"),
        ("directive @a on FOO", #"Syntax Error: Unexpected Name "FOO". @1:17"#),
        ("directive @a(b: Int) FIELD", #"Syntax Error: Expected "on", found Name "FIELD". @1:22"#),
        ("enum E { true }", #"Syntax Error: Name "true" is reserved and cannot be used for an enum value. @1:10"#),
        ("enum E { A, null }", #"Syntax Error: Name "null" is reserved and cannot be used for an enum value. @1:13"#),
        ("union U = ", "Syntax Error: Expected Name, found <EOF>. @1:11"),
        ("input I { a: Int = $v }", #"Syntax Error: Unexpected variable "$v" in constant value. @1:20"#),
        ("schema { query }", #"Syntax Error: Expected ":", found "}". @1:16"#),
        ("schema { other: Q }", #"Syntax Error: Unexpected Name "other". @1:10"#),
        ("type A @d(a: $v) { b: Int }", #"Syntax Error: Unexpected variable "$v" in constant value. @1:14"#),
    ])
    func sdlErrorsMatchGraphQLJS(source: String, expected: String) {
        #expect(describeError(source) == expected)
    }

    @Test func typeSystemInARequestParsesByDefaultSoValidationCanReportIt() throws {
        let document = try parse("{ a } type T { b: Int }")
        #expect(document.definitions.count == 2)
    }

    @Test func typeSystemCanBeRefusedAtItsFirstToken() {
        let strict = ParseOptions(allowTypeSystem: false)
        #expect(describeError("{ a } type T { b: Int }", options: strict)
            == #"Syntax Error: Type-system definitions are not allowed in this document; found Name "type". @1:7"#)
        #expect(describeError("{ a }\n\"d\" scalar S", options: strict)
            == #"Syntax Error: Type-system definitions are not allowed in this document; found Name "scalar". @2:5"#)
        #expect(describeError("extend type T @a", options: strict)
            == #"Syntax Error: Type-system definitions are not allowed in this document; found Name "extend". @1:1"#)
    }
}
