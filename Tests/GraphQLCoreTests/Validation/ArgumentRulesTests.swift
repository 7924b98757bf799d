import Testing
@testable import GraphQLCore

/// Spec 5.4: argument names, uniqueness and required arguments, with the spec's own examples.
@Suite struct ArgumentRulesTests {
    @Test func unknownArgumentsOnFieldsAndDirectives() {
        #expect(specErrors("""
            fragment invalidArgName on Dog { doesKnowCommand(command: CLEAN_UP_HOUSE) }
            fragment invalidArgName2 on Dog { isHouseTrained(atOtherHomes: true) @include(unless: false) }
            { dog { ...invalidArgName ...invalidArgName2 } }
            """) == [
            "Unknown argument \"command\" on field \"Dog.doesKnowCommand\". Did you mean \"dogCommand\"? @ 1:50",
            "Field \"doesKnowCommand\" argument \"dogCommand\" of type \"DogCommand!\" is required, but it was not provided. @ 1:34",
            "Unknown argument \"unless\" on directive \"@include\". @ 2:79",
            "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. @ 2:70",
        ])
        #expect(specErrors("{ dog { doesKnowCommand(dogCommand: SIT) isHouseTrained(atOtherHomes: true) @include(if: true) } }").isEmpty)
    }

    @Test func argumentsAreUnique() {
        #expect(specErrors("{ arguments { multipleRequirements(x: 1, x: 2, y: 3) } }") == [
            "There can be only one argument named \"x\". @ 1:36 1:42",
        ])
    }

    @Test func requiredArgumentsMustBeGivenAndNotNull() {
        #expect(specErrors("{ arguments { a: nonNullBooleanArgField b: nonNullBooleanArgField(nonNullBooleanArg: null) } }") == [
            "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type \"Boolean!\" is required, but it was not provided. @ 1:15",
            "Expected value of type \"Boolean!\", found null. @ 1:86",
        ])
    }

    @Test func nonNullArgumentWithDefaultIsOptional() {
        #expect(specErrors("{ arguments { optionalNonNullBooleanArgField booleanArgField multipleRequirements(x: 1, y: 2) } }").isEmpty)
    }
}
