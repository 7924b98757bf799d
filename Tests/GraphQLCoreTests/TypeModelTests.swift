import Testing
@testable import GraphQLCore

@Suite struct TypeModelTests {
    @Test func typeReferencesPrintInSDLSpelling() {
        #expect(GraphQLTypeRef.nonNull(.list(.nonNull(.named("Int")))).description == "[Int!]!")
    }

    @Test func schemaAnswersMetaFieldsOnlyWhereTheSpecAllows() {
        let query = ObjectType(name: "Query", fields: ["a": FieldDefinition(name: "a", type: .named("String"))])
        let other = ObjectType(name: "Other", fields: ["b": FieldDefinition(name: "b", type: .named("String"))])
        let schema = GraphQLSchema(
            queryType: "Query", types: ["Query": .object(query), "Other": .object(other)], directives: [:])
        #expect(schema.field("__schema", on: "Query") != nil)
        #expect(schema.field("__schema", on: "Other") == nil)
        #expect(schema.field("__typename", on: "Other") != nil)
        #expect(schema.field("b", on: "Other")?.type == .named("String"))
    }
}
