import Testing
@testable import GraphQLCore

@Suite struct SchemaBuilderTests {
    static let sdl = """
        type Query {
          wallet(id: ID!, old: Int @deprecated): Wallet
          legacy: String @deprecated(reason: "Use wallet.")
        }
        type Wallet { id: ID! currency: Currency }
        enum Currency { EUR USD @deprecated }
        scalar Date @specifiedBy(url: "https://example.com/date")
        input Pick @oneOf { a: Int b: String @deprecated(reason: "no") }
        extend type Wallet { opened: Date }
        directive @auth(role: String = "user") repeatable on FIELD_DEFINITION | OBJECT
        """

    @Test func buildsModelTypesWithDeprecationSpecifiedByAndOneOf() throws {
        let schema = try SchemaBuilder.build(sdl: Self.sdl)
        #expect(schema.queryType == "Query" && schema.mutationType == nil)
        let wallet = try #require(schema.field("wallet", on: "Query"))
        #expect(wallet.arguments["old"]?.deprecationReason == "No longer supported")
        #expect(schema.field("legacy", on: "Query")?.deprecationReason == "Use wallet.")
        #expect(Array(schema.types["Wallet"]?.fields?.keys ?? []) == ["id", "currency", "opened"])
        guard case .enumType(let currency)? = schema.types["Currency"] else { Issue.record("enum"); return }
        #expect(currency.values["USD"]?.isDeprecated == true && currency.values["EUR"]?.isDeprecated == false)
        guard case .scalar(let date)? = schema.types["Date"] else { Issue.record("scalar"); return }
        #expect(date.specifiedByURL == "https://example.com/date")
        guard case .inputObject(let pick)? = schema.types["Pick"] else { Issue.record("input"); return }
        #expect(pick.isOneOf && pick.fields["b"]?.deprecationReason == "no")
        #expect(schema.directives["auth"]?.isRepeatable == true)
        #expect(Array(schema.directives.keys) == ["auth", "include", "skip", "deprecated", "specifiedBy", "oneOf"])
    }

    @Test func includesStringAndBooleanAlwaysAndOtherScalarsOnlyWhenReferenced() throws {
        let schema = try SchemaBuilder.build(sdl: "type Query { a: Int }")
        #expect(Array(schema.types.keys) == [
            "Query", "Int", "Boolean", "String", "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue",
            "__EnumValue", "__Directive", "__DirectiveLocation",
        ])
    }

    @Test func builtInsCarryGraphQLJSDescriptionsAndArguments() throws {
        let schema = try SchemaBuilder.build(sdl: "type Query { a: Float }")
        let deprecated = try #require(schema.directives["deprecated"])
        #expect(deprecated.locations == [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue])
        #expect(schema.printedDefaultValue(of: try #require(deprecated.arguments["reason"])) == "\"No longer supported\"")
        #expect(schema.directives["oneOf"]?.description == "Indicates an Input Object is a OneOf Input Object.")
        guard case .scalar(let float)? = schema.types["Float"] else { Issue.record("Float"); return }
        #expect(float.description?.hasPrefix("The `Float` scalar type represents signed double-precision") == true)
        let inputValue = schema.types["__InputValue"]?.fields
        #expect(Array(inputValue?.keys ?? []) == ["name", "description", "type", "defaultValue", "isDeprecated", "deprecationReason"])
        let type = schema.types["__Type"]?.fields
        #expect(type?["inputFields"]?.arguments["includeDeprecated"]?.defaultValue != nil)
        #expect(type?["isOneOf"]?.type == .named("Boolean"))
        #expect(type?["specifiedByURL"] != nil)
        #expect(schema.types["__Field"]?.fields?["args"]?.arguments["includeDeprecated"] != nil)
        #expect(schema.types["__Directive"]?.fields?["isRepeatable"]?.type == .nonNull(.named("Boolean")))
    }

    @Test func suppliedScalarsKeepTheirLiteralCheckAndTakeSDLMetadata() throws {
        let date = ScalarType(name: "Date", checkLiteral: { _ in "not a date" })
        let schema = try SchemaBuilder.build(sdl: Self.sdl, scalars: [date])
        guard case .scalar(let built)? = schema.types["Date"] else { Issue.record("scalar"); return }
        #expect(built.specifiedByURL == "https://example.com/date")
        #expect(built.checkLiteral?(Value(.null, loc: SourceLocation(line: 1, column: 1))) == "not a date")
        #expect(throws: SchemaBuildError.self) {
            try SchemaBuilder.build(sdl: "type Query { a: Int }", scalars: [date])
        }
    }

    @Test func schemaBlockAndItsExtensionSetTheRoots() throws {
        let schema = try SchemaBuilder.build(sdl: """
            "Described" schema { query: Q }
            extend schema { subscription: S }
            type Q { a: Int } type S { b: Int } type Mutation { c: Int }
            """)
        #expect(schema.description == "Described")
        #expect(schema.queryType == "Q" && schema.subscriptionType == "S" && schema.mutationType == nil)
    }
}
