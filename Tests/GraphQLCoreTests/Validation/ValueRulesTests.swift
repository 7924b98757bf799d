import Testing
@testable import GraphQLCore

/// Spec 5.6: values of correct type, input object fields and @oneOf, with the spec's own examples.
@Suite struct ValueRulesTests {
    @Test func literalsMustFitTheirType() {
        #expect(specErrors("""
            fragment stringIntoInt on Arguments { intArgField(intArg: "123") }
            query badComplexValue { findDog(searchBy: { name: 123 }) { name } arguments { ...stringIntoInt } }
            """) == [
            "Int cannot represent non-integer value: \"123\" @ 1:59",
            "String cannot represent a non string value: 123 @ 2:51",
        ])
        #expect(specErrors("{ arguments { intArgField(intArg: 2147483648) floatArgField(floatArg: 1) } }") == [
            "Int cannot represent non-32-bit signed integer value: 2147483648 @ 1:35",
        ])
    }

    @Test func inputObjectFieldsMustExistAndBeUnique() {
        #expect(specErrors("{ findDog(searchBy: { favoriteCookieFlavor: \"Bacon\" }) { name } }") == [
            "Field \"favoriteCookieFlavor\" is not defined by type \"FindDogInput\". @ 1:23",
        ])
        #expect(specErrors("{ findDog(searchBy: { name: \"A\", name: \"B\" }) { name } }") == [
            "There can be only one input field named \"name\". @ 1:23 1:34",
        ])
    }

    @Test func requiredInputFieldsMustBeGiven() {
        #expect(specErrors("mutation { addPet(pet: { cat: { nickname: \"x\" } }) { name } }") == [
            "Field \"CatInput.name\" of required type \"String!\" was not provided. @ 1:31",
        ])
    }

    @Test func oneOfTakesExactlyOneNonNullField() {
        #expect(specErrors("mutation addCat($name: String!) { addPet(pet: { cat: { name: $name } }) { name } }").isEmpty)
        #expect(specErrors("""
            mutation addPet($pet: PetInput! = { cat: { name: "Brontie" }, dog: { name: "x" } }) { addPet(pet: $pet) { name } }
            mutation addCatWithNullableVariable($cat: CatInput) { addPet(pet: { cat: $cat }) { name } }
            mutation addNull { addPet(pet: { cat: null }) { name } }
            """) == [
            "OneOf Input Object \"PetInput\" must specify exactly one key. @ 1:35",
            "Variable \"cat\" must be non-nullable to be used for OneOf Input Object \"PetInput\". @ 2:67",
            "Field \"PetInput.cat\" must be non-null. @ 3:32",
        ])
    }

    @Test func enumValuesMustBeDefinedNames() {
        #expect(specErrors("{ dog { a: doesKnowCommand(dogCommand: \"SIT\") b: doesKnowCommand(dogCommand: SITT) } }") == [
            "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\". Did you mean the enum value \"SIT\"? @ 1:40",
            "Value \"SITT\" does not exist in \"DogCommand\" enum. Did you mean the enum value \"SIT\"? @ 1:78",
        ])
    }

    @Test func customScalarCheckAddsItsReasonToTheMessage() throws {
        let money = ScalarType(name: "Money", checkLiteral: { value in
            if case .string = value.kind { return nil }
            return "Money is written as a decimal string"
        })
        let schema = try SchemaBuilder.build(sdl: ValidationFixtures.text("schema.graphql"), scalars: [money])
        let errors = validationErrors("{ a: echo(m: \"1.50\") b: echo(m: 150) }", schema: schema)
        #expect(errors.map(\.message) == [
            "Expected value of type \"Money\", found 150; Money is written as a decimal string",
        ])
    }
}
