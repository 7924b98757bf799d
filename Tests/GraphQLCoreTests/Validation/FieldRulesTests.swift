import Testing
@testable import GraphQLCore

/// Spec 5.3: field selections, leaf fields and field merging, with the spec's own examples.
@Suite struct FieldRulesTests {
    @Test func unknownFieldsAreReportedWithSuggestions() {
        #expect(specErrors("""
            fragment fieldNotDefined on Dog { meowVolume }
            fragment aliasedLyingFieldTargetNotDefined on Dog { barkVolume: kawVolume }
            { dog { ...fieldNotDefined ...aliasedLyingFieldTargetNotDefined } }
            """) == [
            "Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @ 1:35",
            "Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"? @ 2:53",
        ])
    }

    @Test func fieldOnImplementorsOnlySuggestsInlineFragments() {
        #expect(specErrors("""
            fragment definedOnImplementorsButNotInterface on Pet { nickname }
            { pet { ...definedOnImplementorsButNotInterface } }
            """) == [
            "Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"? @ 1:56",
        ])
    }

    @Test func unionsHaveOnlyTypename() {
        #expect(specErrors("fragment f on CatOrDog { directField }\n{ catOrDog { ...f } }") == [
            "Cannot query field \"directField\" on type \"CatOrDog\". @ 1:26",
        ])
        #expect(specErrors("{ catOrDog { __typename ... on Pet { name } ... on Dog { barkVolume } } }").isEmpty)
    }

    @Test func leafFieldsTakeNoSelectionAndCompositeFieldsNeedOne() {
        #expect(specErrors("{ dog { barkVolume { sinceWhen } } }") == [
            "Field \"barkVolume\" must not have a selection since type \"Int\" has no subfields. @ 1:20",
        ])
        #expect(specErrors("query a { human }\nquery b { catOrDog }") == [
            "Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"? @ 1:11",
            "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"? @ 2:11",
        ])
    }

    @Test func aliasOverTwoDifferentFieldsConflicts() {
        #expect(specErrors("{ dog { name: nickname name } }") == [
            "Fields \"name\" conflict because \"nickname\" and \"name\" are different fields."
                + " Use different aliases on the fields to fetch both if this was intentional. @ 1:9 1:24",
        ])
    }

    @Test func walletAliasOverIdAndCurrencyConflicts() {
        // GraphQLSwift had no OverlappingFieldsCanBeMerged and silently answered with one of the two fields.
        #expect(validationMessages("{ wallet(id: \"w1\") { x: id x: currency } }") == [
            "Fields \"x\" conflict because \"id\" and \"currency\" are different fields."
                + " Use different aliases on the fields to fetch both if this was intentional.",
        ])
    }

    @Test func differingArgumentsConflictButIdenticalOnesMerge() {
        #expect(specErrors("{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }") == [
            "Fields \"doesKnowCommand\" conflict because they have differing arguments."
                + " Use different aliases on the fields to fetch both if this was intentional. @ 1:9 1:42",
        ])
        #expect(specErrors("{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } }").isEmpty)
    }

    @Test func fieldsOnDistinctObjectTypesMayDifferButNotInShape() {
        #expect(specErrors("""
            { pet { ... on Dog { volume: barkVolume } ... on Cat { volume: meowVolume }
                    ... on Dog { doesKnowCommand(dogCommand: SIT) } ... on Cat { doesKnowCommand(catCommand: JUMP) } } }
            """).isEmpty)
        #expect(specErrors("{ pet { ... on Dog { someValue: nickname } ... on Cat { someValue: meowVolume } } }") == [
            "Fields \"someValue\" conflict because they return conflicting types \"String\" and \"Int\"."
                + " Use different aliases on the fields to fetch both if this was intentional. @ 1:22 1:57",
        ])
    }

    @Test func subfieldConflictsNameEveryFieldOnThePath() {
        #expect(specErrors("{ dog { owner { n: name } } dog { owner { n: pets { name } } } }") == [
            "Fields \"dog\" conflict because subfields \"owner\" conflict because subfields \"n\" conflict because"
                + " \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if"
                + " this was intentional. @ 1:3 1:9 1:17 1:29 1:35 1:43",
        ])
    }
}
