import Testing
@testable import GraphQLCore

@Suite struct PrinterTests {
    /// Expected output produced by graphql-core 3.2.8's `print_ast(parse(source))` on the same source.
    @Test func documentsPrintExactlyAsGraphQLCorePrintsThem() throws {
        let source = #"""
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
          foo(size: $size, bar: $b, obj: {key: "value \" \\ \n \u0007 é", block: """
              block string uses \"""
          """})
          veryLongFieldNameNumberOne(argumentNumberOne: "aaaaaaaaaaaaaaaa", argumentNumberTwo: "bbbbbbbbbbbbbb")
        }
        { unnamed(truthy: true, falsy: false, nullish: null), query }
        query { __typename }
        """#
        let expected = #"""
        query queryName($foo: ComplexType, $site: Site = MOBILE, $v: [Int!]! = [1] @onVariable) @onQuery {
          whoever123is: node(id: [123, 456]) {
            id
            ... on User @onInlineFragment {
              field2 {
                id
                alias: field1(first: 10, after: $foo) @include(if: $foo) {
                  id
                  ...frag @onFragmentSpread
                }
              }
            }
            ... @skip(unless: $foo) {
              id
            }
            ... {
              id
            }
          }
        }

        mutation likeStory @onMutation {
          like(story: 123) @onField {
            story {
              id @onField
            }
          }
        }

        subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition) @onSubscription {
          storyLikeSubscribe(input: $input) {
            story {
              likers {
                count
              }
            }
          }
        }

        fragment frag on Friend @onFragmentDefinition {
          foo(
            size: $size
            bar: $b
            obj: {key: "value \" \\ \n \u0007 é", block: """
            block string uses \"""
            """}
          )
          veryLongFieldNameNumberOne(
            argumentNumberOne: "aaaaaaaaaaaaaaaa"
            argumentNumberTwo: "bbbbbbbbbbbbbb"
          )
        }

        {
          unnamed(truthy: true, falsy: false, nullish: null)
          query
        }

        {
          __typename
        }
        """#
        #expect(print(try parse(source)) == expected)
    }

    @Test(arguments: [
        (#"{a: [1, -2.5e3, "s", true, null, ENUM, $v], b: {}}"#, #"{a: [1, -2.5e3, "s", true, null, ENUM, $v], b: {}}"#),
        (#"[]"#, "[]"),
        (#""quote \" backslash \\ slash \/ \b\f\n\r\t \u0000 \u001F \u007F \u009F \u00A0 😀""#,
         "\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t \\u0000 \\u001F \\u007F \\u009F \u{A0} 😀\""),
        ("\"\"\"  indented\n  block\"\"\"", "\"\"\"\n  indented\nblock\n\"\"\""),
    ])
    func valuesPrintAsGraphQLLiterals(source: String, expected: String) throws {
        #expect(print(try parseValue(source)) == expected)
    }

    /// Cases from graphql-js's printBlockString tests: the printed form must read back as the same value.
    @Test(arguments: [
        ("", "\"\"\"\"\"\""),
        ("simple", "\"\"\"simple\"\"\""),
        ("  leading space", "\"\"\"  leading space\"\"\""),
        ("\tleading tab", "\"\"\"\tleading tab\"\"\""),
        ("trailing \"", "\"\"\"\ntrailing \"\n\"\"\""),
        ("trailing \\", "\"\"\"\ntrailing \\\n\"\"\""),
        ("triple \"\"\" quote", "\"\"\"triple \\\"\"\" quote\"\"\""),
        ("ends with \"\"\"", "\"\"\"\nends with \\\"\"\"\n\"\"\""),
        ("first\nsecond", "\"\"\"\nfirst\nsecond\n\"\"\""),
        ("first\n  indented", "\"\"\"\nfirst\n  indented\n\"\"\""),
        ("  first\nsecond", "\"\"\"\n  first\nsecond\n\"\"\""),
        (String(repeating: "x", count: 71), "\"\"\"\n" + String(repeating: "x", count: 71) + "\n\"\"\""),
    ])
    func blockStringsPrintInAFormThatReadsBackUnchanged(value: String, printed: String) throws {
        #expect(Printer.printBlockString(value) == printed)
        let reread = try parseValue(printed)
        guard case .string(let roundTripped, true) = reread.kind else { Issue.record("not a block string"); return }
        #expect(roundTripped == value)
    }

    @Test func typesPrintInSDLSpelling() throws {
        #expect(print(try parseType("[ [ Int ! ] ] !")) == "[[Int!]]!")
    }
}
