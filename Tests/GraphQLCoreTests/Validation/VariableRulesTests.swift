import Testing
@testable import GraphQLCore

/// Spec 5.8: variable uniqueness, input types, definition, use and allowed positions.
@Suite struct VariableRulesTests {
    @Test func variableNamesAreUnique() {
        #expect(specErrors("""
            query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) {
              dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            }
            """) == ["There can be only one variable named \"$atOtherHomes\". @ 1:26 1:50"])
    }

    @Test func variablesMustBeInputTypes() {
        #expect(specErrors("query takesDogBang($dog: Dog!) { dog { name } }") == [
            "Variable \"$dog\" cannot be non-input type \"Dog!\". @ 1:26",
            "Variable \"$dog\" is never used in operation \"takesDogBang\". @ 1:20",
        ])
        #expect(specErrors("query ($pets: [Pet], $f: FindDogInput) { findDog(searchBy: $f) { name } }").first
            == "Variable \"$pets\" cannot be non-input type \"[Pet]\". @ 1:15")
    }

    @Test func usedVariablesMustBeDefinedAlsoInsideFragments() {
        #expect(specErrors("query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }") == [
            "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\". @ 1:65 1:1",
        ])
        #expect(specErrors("""
            query variableIsNotDefinedUsedInSingleFragment { dog { ...isHouseTrainedFragment } }
            fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            """) == [
            "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefinedUsedInSingleFragment\". @ 2:71 1:1",
        ])
    }

    @Test func definedVariablesMustBeUsed() {
        #expect(specErrors("query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } }") == [
            "Variable \"$atOtherHomes\" is never used in operation \"variableUnused\". @ 1:22",
        ])
        #expect(specErrors("""
            query variableUsedInFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } }
            fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }
            """).isEmpty)
    }

    @Test func variablesMustFitTheirPositions() {
        #expect(specErrors("""
            query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: $intArg) } }
            query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) { arguments { booleanArgField(booleanArg: $booleanListArg) } }
            query booleanArgQuery($booleanArg: Boolean) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }
            query listToNonNullList($booleanList: [Boolean]) { arguments { booleanListArgField(booleanListArg: $booleanList) } }
            """) == [
            "Variable \"$intArg\" of type \"Int\" used in position expecting type \"Boolean\". @ 1:30 1:86",
            "Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting type \"Boolean\". @ 2:38 2:108",
            "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type \"Boolean!\". @ 3:23 3:101",
            "Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting type \"[Boolean]!\". @ 4:25 4:100",
        ])
    }

    @Test func defaultsAllowNullableVariablesInNonNullPositions() {
        #expect(specErrors("""
            query nonNullListToList($nonNullBooleanList: [Boolean]!) { arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) } }
            query withLocationDefault($booleanArg: Boolean) { arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) } }
            query withVariableDefault($booleanArg: Boolean = true) { arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }
            """).isEmpty)
    }
}
