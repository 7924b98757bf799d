import Testing
@testable import GraphQLCore

/// Each type-system rule refuses a schema with graphql-js's message, located at the SDL that breaks it.
@Suite struct SchemaValidationTests {
    private func problems(_ sdl: String) -> String {
        do throws(SchemaBuildError) {
            _ = try SchemaBuilder.build(sdl: sdl)
            return "valid"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("type Query { a: Int", "1:20: Syntax Error: Expected Name, found <EOF>."),
        ("type Query { a: Nope }", "1:17: Unknown type \"Nope\"."),
        ("type Mutation { a: Int }", "1:1: Query root type must be provided."),
        ("schema { query: Q } scalar Q", "1:17: Query root type must be Object type, it cannot be Q."),
        ("type Query { a: Int } type Query { b: Int }", "1:6: There can be only one type named \"Query\"."),
        ("type Query { a: Int a: String }", "1:21: Field \"Query.a\" can only be defined once."),
        ("type Query { a(x: Int, x: Int): Int }", "1:24: Argument \"Query.a(x:)\" can only be defined once."),
        ("type Query { __a: Int }", "1:14: Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection."),
        ("type Query { a: In } input In { b: Int }", "1:14: The type of Query.a must be Output Type but got: In."),
        ("type Query { a(x: O): Int } type O { b: Int }", "1:16: The type of Query.a(x:) must be Input Type but got: O."),
        ("type Query { a(x: Int! @deprecated): Int }", "1:16: Required argument Query.a(x:) cannot be deprecated."),
        ("type Query { a: U } union U = Query | I interface I { a: Int }",
         "1:27: Union type U can only include Object types, it cannot include I."),
        ("type Query { a: U } union U", "1:27: Union type U must define one or more member types."),
        ("type Query { a: U } union U = Query | Query", "1:39: Union type U can only include type Query once."),
        ("type Query { a(i: I): Int } input I", "1:35: Input Object type I must define one or more fields."),
        ("type Query { a: E } enum E", "1:26: Enum type E must define one or more values."),
        ("type Query implements Query { a: Int }", "1:6: Type Query must only implement Interface types, it cannot implement Query."),
        ("type Query implements I & I { a: Int } interface I { a: Int }", "1:6: Type Query can only implement I once."),
        ("interface I implements I { a: Int } type Query { a: I }",
         "1:11: Type I cannot implement itself because it would create a circular reference."),
        ("type Query implements B { a: Int } interface A { a: Int } interface B implements A { a: Int }",
         "1:6: Type Query must implement A because it is implemented by B."),
        ("type Query implements I { b: Int } interface I { a: Int }",
         "1:50: Interface field I.a expected but Query does not provide it."),
        ("type Query implements I { a: String } interface I { a: Int }",
         "1:53: Interface field I.a expects type Int but Query.a is type String."),
        ("type Query implements I { a: Int } interface I { a(x: Int): Int }",
         "1:52: Interface field argument I.a(x:) expected but Query.a does not provide it."),
        ("type Query implements I { a(x: String): Int } interface I { a(x: Int): Int }",
         "1:63: Interface field argument I.a(x:) expects type Int but Query.a(x:) is type String."),
        ("type Query implements I { a(y: Int!): Int } interface I { a: Int }",
         "1:29: Object field Query.a includes required argument y that is missing from the Interface field I.a."),
        ("type Query { a(p: P): Int } input P @oneOf { x: Int! y: Int = 1 }",
         "1:46: OneOf input field P.x must be nullable.\n1:54: OneOf input field P.y cannot have a default value."),
        ("type Query { a(p: P): Int } input P { q: Q! } input Q { p: P! }",
         "1:57: Cannot reference Input Object \"P\" within itself through a series of non-null fields: \"q.p\"."),
        ("type Query { a: Int @nope }", "1:21: Unknown directive \"@nope\"."),
        ("type Query @deprecated { a: Int }", "1:12: Directive \"@deprecated\" may not be used on OBJECT."),
        ("type Query { a: Int @deprecated @deprecated }",
         "1:33: The directive \"@deprecated\" can only be used once at this location."),
        ("type Query { a: Int @deprecated(why: \"x\") }", "1:33: Unknown argument \"why\" on directive \"@deprecated\"."),
        ("scalar S @specifiedBy type Query { a: S }",
         "1:10: Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided."),
        ("extend type Nope { b: Int } type Query { a: Int }", "1:13: Cannot extend type \"Nope\" because it is not defined."),
        ("type Query { a: Int } extend enum Query { A }", "1:35: Cannot extend non-enum type \"Query\"."),
        ("type Query { a: Int } query { a }", "1:23: A schema definition may not contain operations."),
    ])
    func invalidSchemasAreRefusedWithLocatedMessages(sdl: String, expected: String) {
        #expect(problems(sdl) == expected)
    }

    @Test func validCovarianceAndInterfaceChainsAreAccepted() {
        #expect(problems("""
            type Query implements B & A { a(x: Int, opt: Int): Impl! list: [Impl!]! }
            interface A { a(x: Int): A }
            interface B implements A { a(x: Int): A list: [A] }
            type Impl implements A { a(x: Int): Impl }
            input Rec { self: Rec list: [Rec!]! }
            """) == "valid")
    }
}
