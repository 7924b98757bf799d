import Testing
@testable import GraphQLCore

/// Spec 5.5: fragment declarations and spreads, with the spec's own examples.
@Suite struct FragmentRulesTests {
    @Test func fragmentNamesAreUnique() {
        #expect(specErrors("""
            fragment nameFragment on Dog { name }
            fragment nameFragment on Dog { owner { name } }
            { dog { ...nameFragment } }
            """) == ["There can be only one fragment named \"nameFragment\". @ 1:10 2:10"])
    }

    @Test func typeConditionsMustExist() {
        #expect(specErrors("""
            fragment notOnExistingType on NotInSchema { name }
            fragment inlineNotExistingType on Dog { ... on NotInSchema { name } }
            { dog { ...notOnExistingType ...inlineNotExistingType } }
            """) == [
            "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? @ 1:31",
            "Unknown type \"NotInSchema\". Did you mean \"__Schema\"? @ 2:48",
        ])
    }

    @Test func fragmentsConditionOnCompositeTypesOnly() {
        #expect(specErrors("""
            fragment fragOnScalar on Int { something }
            fragment inlineFragOnScalar on Dog { ... on Boolean { somethingElse } }
            { dog { ...fragOnScalar ...inlineFragOnScalar } }
            """) == [
            "Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\". @ 1:26",
            "Fragment cannot condition on non composite type \"Boolean\". @ 2:45",
        ])
    }

    @Test func fragmentsMustBeUsed() {
        #expect(specErrors("fragment nameFragment on Dog { name }\n{ dog { name } }") == [
            "Fragment \"nameFragment\" is never used. @ 1:1",
        ])
    }

    @Test func spreadsMustNameDefinedFragments() {
        #expect(specErrors("{ dog { ...undefinedFragment } }") == ["Unknown fragment \"undefinedFragment\". @ 1:12"])
    }

    @Test func fragmentsMustNotFormCycles() {
        #expect(specErrors("""
            { dog { ...nameFragment } }
            fragment nameFragment on Dog { name ...barkVolumeFragment }
            fragment barkVolumeFragment on Dog { barkVolume ...nameFragment }
            """) == ["Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\". @ 2:37 3:49"])
    }

    @Test func longFragmentChainIsCheckedWithoutRecursion() {
        // 5,000 fragments each spreading the next, and the last one the first: one cycle through all of them.
        let count = 5_000
        var source = "{ dog { ...F0 } }\n"
        for index in 0..<count {
            source += "fragment F\(index) on Dog { name ...F\((index + 1) % count) }\n"
        }
        let errors = validationErrors(source, schema: SpecSchema.schema)
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\"") == true)
        #expect(errors.first?.locations.count == count)
    }

    @Test func spreadsMustBePossibleForTheParentType() {
        #expect(specErrors("fragment f on Dog { ... on Cat { meowVolume } }\n{ dog { ...f } }") == [
            "Fragment cannot be spread here as objects of type \"Dog\" can never be of type \"Cat\". @ 1:21",
        ])
        #expect(specErrors("""
            fragment sentientFragment on Sentient { name }
            fragment nonIntersectingInterfaces on Pet { ...sentientFragment }
            { pet { ...nonIntersectingInterfaces } }
            """) == [
            "Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Sentient\". @ 2:45",
        ])
        #expect(specErrors("""
            fragment petNameFragment on Pet { name }
            fragment interfaceWithinObjectFragment on Dog { ...petNameFragment }
            fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } }
            fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment }
            { dog { ...interfaceWithinObjectFragment ...unionWithObjectFragment } }
            """).isEmpty)
    }
}
