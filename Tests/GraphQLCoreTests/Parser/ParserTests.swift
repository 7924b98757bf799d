import Testing
@testable import GraphQLCore

@Suite struct ParserTests {
    @Test func parsesTheKitchenSinkOfExecutableSyntax() throws {
        let source = """
            query queryName($foo: ComplexType, $site: Site = MOBILE, $v: [Int!]! = [1] @onVariable) @onQuery {
              whoever123is: node(id: [123, 456]) {
                id ,
                ... on User @onInlineFragment {
                  field2 {
                    id ,
                    alias: field1(first:10, after:$foo,) @include(if: $foo) {
                      id,
                      ...frag @onFragmentSpread
                    }
                  }
                }
                ... @skip(unless: $foo) { id }
                ... { id }
              }
            }
            mutation likeStory @onMutation { like(story: 123) @onField { story { id @onField } } }
            subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
              storyLikeSubscribe(input: $input) { story { likers { count } } }
            }
            fragment frag on Friend @onFragmentDefinition {
              foo(size: $size, bar: $b, obj: {key: "value", block: \"""
                  block string uses \\\"""
              \"""})
            }
            { unnamed(truthy: true, falsy: false, nullish: null), query }
            query { __typename }
            """
        let document = try parse(source)
        #expect(document.definitions.count == 6)
        guard case .operation(let query) = document.definitions[0] else { Issue.record("not an operation"); return }
        #expect(query.operation == .query)
        #expect(query.name?.value == "queryName")
        #expect(query.variableDefinitions.map(\.variable.value) == ["foo", "site", "v"])
        #expect(print(query.variableDefinitions[2].type) == "[Int!]!")
        #expect(query.variableDefinitions[2].directives.map(\.name.value) == ["onVariable"])
        #expect(query.variableDefinitions[1].loc == SourceLocation(line: 1, column: 36))
        let node = fields(query.selectionSet)[0]
        #expect(node.alias?.value == "whoever123is")
        #expect(node.name.value == "node")
        #expect(node.loc == SourceLocation(line: 2, column: 3))
        #expect(node.name.loc == SourceLocation(line: 2, column: 17))
        guard case .inlineFragment(let onUser) = node.selectionSet?.selections[1] else {
            Issue.record("expected an inline fragment"); return
        }
        #expect(onUser.typeCondition?.value == "User")
        guard case .inlineFragment(let bare) = node.selectionSet?.selections[3] else {
            Issue.record("expected an inline fragment"); return
        }
        #expect(bare.typeCondition == nil && bare.directives.isEmpty)
        guard case .fragment(let fragment) = document.definitions[3] else { Issue.record("no fragment"); return }
        #expect(fragment.typeCondition.value == "Friend")
        guard case .object(let objectFields)? = fields(fragment.selectionSet)[0].arguments.last?.value.kind else {
            Issue.record("expected an object literal"); return
        }
        guard case .string(let block, true) = objectFields[1].value.kind else { Issue.record("no block"); return }
        #expect(block == "block string uses \"\"\"")
        guard case .operation(let shorthand) = document.definitions[4] else { Issue.record("no shorthand"); return }
        #expect(shorthand.name == nil && shorthand.operation == .query)
        #expect(fields(shorthand.selectionSet).map(\.name.value) == ["unnamed", "query"])
    }

    @Test func keywordsAreOrdinaryNamesInFieldsArgumentsAndAliases() throws {
        let keywords = ["on", "fragment", "query", "mutation", "subscription", "true", "false", "null", "type", "extend"]
        for keyword in keywords {
            let document = try parse("query \(keyword) { \(keyword): \(keyword)(\(keyword): \(keyword)) { \(keyword) } }")
            let field = fields(firstOperation(document)?.selectionSet)[0]
            #expect(field.alias?.value == keyword && field.name.value == keyword)
        }
        _ = try parse("fragment true on query { a } { ...true }")
    }

    @Test func valueLiteralsKeepTheirKindAndText() throws {
        let value = try parseValue(#"[123, -1.5e3, "s", true, false, null, ENUM, $v, {a: [], b: {}}]"#)
        guard case .list(let items) = value.kind else { Issue.record("not a list"); return }
        #expect(items.count == 9)
        if case .int("123") = items[0].kind {} else { Issue.record("int") }
        if case .float("-1.5e3") = items[1].kind {} else { Issue.record("float") }
        if case .string("s", false) = items[2].kind {} else { Issue.record("string") }
        if case .boolean(true) = items[3].kind {} else { Issue.record("true") }
        if case .boolean(false) = items[4].kind {} else { Issue.record("false") }
        if case .null = items[5].kind {} else { Issue.record("null") }
        if case .enumValue("ENUM") = items[6].kind {} else { Issue.record("enum") }
        if case .variable("v") = items[7].kind {} else { Issue.record("variable") }
        #expect(items[8].loc == SourceLocation(line: 1, column: 49))
    }

    @Test func typeReferencesNestListsAndNonNull() throws {
        #expect(print(try parseType("[[Int!]]!")) == "[[Int!]]!")
        guard case .nonNull(.list(.list(.nonNull(.named(let name), _), _), _), _) = try parseType("[[Int!]]!") else {
            Issue.record("wrong shape"); return
        }
        #expect(name.value == "Int")
    }

    /// Messages use graphql-js's wording; locations match graphql-core on the same input.
    @Test(arguments: [
        ("", "Syntax Error: Unexpected <EOF>. @1:1"),
        ("{", "Syntax Error: Expected Name, found <EOF>. @1:2"),
        ("{ }", #"Syntax Error: Expected Name, found "}". @1:3"#),
        ("{ a }}", #"Syntax Error: Unexpected "}". @1:6"#),
        ("query", #"Syntax Error: Expected "{", found <EOF>. @1:6"#),
        ("query Name(", #"Syntax Error: Expected "$", found <EOF>. @1:12"#),
        ("query Name() { a }", #"Syntax Error: Expected "$", found ")". @1:12"#),
        ("{ a() }", #"Syntax Error: Expected Name, found ")". @1:5"#),
        ("{ a(b) }", #"Syntax Error: Expected ":", found ")". @1:6"#),
        ("{ a(b:) }", #"Syntax Error: Unexpected ")". @1:7"#),
        ("{ ...MissingOn }\nfragment MissingOn Type", #"Syntax Error: Expected "on", found Name "Type". @2:20"#),
        ("{ field: {} }", #"Syntax Error: Expected Name, found "{". @1:10"#),
        ("notAnOperation Foo { field }", #"Syntax Error: Unexpected Name "notAnOperation". @1:1"#),
        ("...", #"Syntax Error: Unexpected "...". @1:1"#),
        (#"{ ""# + "\n", "Syntax Error: Unterminated string. @1:4"),
        ("{ ... on }", #"Syntax Error: Expected Name, found "}". @1:10"#),
        ("fragment on on on { on }", #"Syntax Error: Unexpected Name "on". @1:10"#),
        ("{ ...on }", #"Syntax Error: Expected Name, found "}". @1:9"#),
        ("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }",
         #"Syntax Error: Unexpected variable "$var" in constant value. @1:37"#),
        ("query Foo($x: Int = $) { a }", #"Syntax Error: Unexpected "$". @1:21"#),
        ("\"desc\" query { a }", "Syntax Error: Unexpected description, descriptions are supported only on type definitions. @1:1"),
        ("\"desc\" { a }", #"Syntax Error: Unexpected "{". @1:8"#),
        ("\"desc\" \"\"\"other\"\"\"", #"Syntax Error: Unexpected BlockString "other". @1:8"#),
        ("query Foo($a: [Int) { a }", #"Syntax Error: Expected "]", found ")". @1:19"#),
        ("{ a(x: [1, 2) }", #"Syntax Error: Unexpected ")". @1:13"#),
        ("{ a(x: {b 1}) }", #"Syntax Error: Expected ":", found Int "1". @1:11"#),
        ("{ a(x: \"s\" y: \"\"\"t\"\"\" z) }", #"Syntax Error: Expected ":", found ")". @1:24"#),
        ("{ a @ }", #"Syntax Error: Expected Name, found "}". @1:7"#),
        ("query Q @dir(x: $v) ($a: Int) { a }", #"Syntax Error: Expected "{", found "(". @1:21"#),
    ])
    func syntaxErrorsNameTheUnexpectedTokenAndItsLocation(source: String, expected: String) {
        #expect(describeError(source) == expected)
    }

    @Test func everyParseErrorCarriesTheParseFailedCode() {
        let error = parseError("{ a(")
        #expect(error?.code == .parseFailed)
        #expect(error?.locations.count == 1)
        #expect(error?.path.isEmpty == true)
    }
}

extension ParserTests {
    /// The lexer keeps only the current string's value, so adjacent strings must not leak into each other.
    @Test func adjacentStringLiteralsKeepTheirOwnValues() throws {
        let value = try parseValue(#"["a", """b""", "c" "d"]"#)
        guard case .list(let items) = value.kind else { Issue.record("not a list"); return }
        #expect(items.map { print($0) } == [#""a""#, #""""b""""#, #""c""#, #""d""#])
    }
}

extension ParserTests {
    /// Locations computed by graphql-core 3.2.8 on the same inputs: columns count Unicode scalars (a BOM
    /// and an astral character are one each), and `\r\n` inside a block string is one line break.
    @Test(arguments: [
        ("\u{FEFF}{ a ?", #"Syntax Error: Unexpected character: "?". @1:6"#),
        ("{ a(x: \"😀😀\") ? }", #"Syntax Error: Unexpected character: "?". @1:14"#),
        ("\n\n    ?\n", #"Syntax Error: Unexpected character: "?". @3:5"#),
        ("{ a(x: \"é\u{0A0A}\") } ?", #"Syntax Error: Unexpected character: "?". @1:16"#),
        ("\"\"\"\r\n  a\r\n  \"\"\" ?", #"Syntax Error: Unexpected character: "?". @3:7"#),
        ("query Q($v: Int = $x) { a }", #"Syntax Error: Unexpected variable "$x" in constant value. @1:19"#),
        ("mutation { m }\nsubscription { s }\nquery { ... }", #"Syntax Error: Expected "{", found "}". @3:13"#),
        ("a-b", #"Syntax Error: Unexpected Name "a". @1:1"#),
    ])
    func locationsAgreeWithGraphQLCore(source: String, expected: String) {
        #expect(describeError(source) == expected)
    }

    @Test func anonymousMutationsAndSubscriptionsParse() throws {
        let document = try parse("mutation { m }\nsubscription { s }\n# comment with ऊ multi-byte\n{ f(a: \"ऊ\") }")
        let operations = document.definitions.compactMap { definition -> OperationDefinition? in
            if case .operation(let operation) = definition { return operation }
            return nil
        }
        #expect(operations.map(\.operation) == [.mutation, .subscription, .query])
        #expect(operations.allSatisfy { $0.name == nil })
        #expect(operations[2].loc == SourceLocation(line: 4, column: 1))
    }
}
