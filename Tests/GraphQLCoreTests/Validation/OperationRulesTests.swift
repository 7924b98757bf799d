import Testing
@testable import GraphQLCore

/// Spec 5.1 and 5.2: executable definitions and operations, with the spec's own examples.
@Suite struct OperationRulesTests {
    @Test func typeSystemDefinitionsAreNotExecutable() {
        #expect(specErrors("query getDogName { dog { name } }\nextend type Dog { color: String }") == [
            "The \"Dog\" definition is not executable. @ 2:1",
        ])
    }

    @Test func operationNamesMustBeUniqueAcrossOperationTypes() {
        #expect(specErrors("query getName { dog { name } }\nquery getName { dog { owner { name } } }") == [
            "There can be only one operation named \"getName\". @ 1:7 2:7",
        ])
        #expect(specErrors("""
            query dogOperation { dog { name } }
            mutation dogOperation { addPet(pet: {dog: {name: "Rex"}}) { name } }
            """) == ["There can be only one operation named \"dogOperation\". @ 1:7 2:10"])
        #expect(specErrors("query dogOperation { dog { name } }\nmutation other { addPet(pet: {dog: {name: \"R\"}}) { name } }").isEmpty)
    }

    @Test func anonymousOperationMustBeAlone() {
        #expect(specErrors("{ dog { name } }\nquery getName { dog { owner { name } } }") == [
            "This anonymous operation must be the only defined operation. @ 1:1",
        ])
        #expect(specErrors("{ dog { name } }").isEmpty)
    }

    @Test func twoIdenticalAnonymousOperationsAreReportedNotFatal() {
        // GraphQLSwift aborted the process on this document (hash/equality mismatch on operations).
        for _ in 0..<50 {
            #expect(specErrors("{ __typename } { __typename }") == [
                "This anonymous operation must be the only defined operation. @ 1:1",
                "This anonymous operation must be the only defined operation. @ 1:16",
            ])
        }
    }

    @Test func subscriptionSelectsOneRootFieldEvenThroughFragments() {
        #expect(specErrors("subscription sub { newMessage { body sender } }").isEmpty)
        #expect(specErrors("subscription sub { newMessage { body sender } disallowedSecondRootField }") == [
            "Subscription \"sub\" must select only one top level field. @ 1:47",
        ])
        #expect(specErrors("""
            subscription sub { ...multipleSubscriptions }
            fragment multipleSubscriptions on Subscription { newMessage { body sender } disallowedSecondRootField }
            """) == ["Subscription \"sub\" must select only one top level field. @ 2:77"])
    }

    @Test func subscriptionMayNotSelectIntrospectionRootField() {
        #expect(specErrors("subscription sub { newMessage { body sender } __typename }") == [
            "Subscription \"sub\" must select only one top level field. @ 1:47",
            "Subscription \"sub\" must not select an introspection top level field. @ 1:47",
        ])
        #expect(specErrors("subscription { __typename }") == [
            "Anonymous Subscription must not select an introspection top level field. @ 1:16",
        ])
    }

    @Test func subscriptionFieldSkippedByLiteralDoesNotCount() {
        #expect(specErrors("subscription { newMessage { body } disallowedSecondRootField @skip(if: true) }").isEmpty)
    }
}
