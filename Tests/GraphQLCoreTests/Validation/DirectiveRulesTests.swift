import Testing
@testable import GraphQLCore

/// Spec 5.7: directives exist, sit where they may, and are not repeated unless repeatable.
@Suite struct DirectiveRulesTests {
    @Test func directivesMustBeDefinedAndInAllowedLocations() {
        #expect(specErrors("""
            query @skip(if: $foo) { dog { name } }
            query q2($foo: Boolean = true) @skip(if: $foo) { dog { name @unknown } }
            """) == [
            "This anonymous operation must be the only defined operation. @ 1:1",
            "Directive \"@skip\" may not be used on QUERY. @ 1:7",
            "Variable \"$foo\" is not defined. @ 1:17 1:1",
            "Directive \"@skip\" may not be used on QUERY. @ 2:32",
            "Unknown directive \"@unknown\". @ 2:61",
        ])
    }

    @Test func nonRepeatableDirectiveAppearsOncePerLocation() {
        #expect(specErrors("""
            query ($foo: Boolean = true, $bar: Boolean = false) { dog @skip(if: $foo) @skip(if: $bar) { name } }
            """) == ["The directive \"@skip\" can only be used once at this location. @ 1:59 1:75"])
        #expect(specErrors("query ($foo: Boolean = true) { dog @skip(if: $foo) { name } dog @skip(if: $foo) { name } }").isEmpty)
    }

    @Test func repeatableDirectivesMayRepeat() {
        #expect(validationMessages("{ me @tag(name: \"a\") @tag(name: \"b\") { id } }").isEmpty)
        #expect(validationMessages("{ me @cached(ttl: 1) @cached(ttl: 2) { id } }") == [
            "The directive \"@cached\" can only be used once at this location.",
        ])
    }
}
