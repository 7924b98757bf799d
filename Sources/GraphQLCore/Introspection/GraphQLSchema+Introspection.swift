import OrderedCollections

/// The model of the introspection types (`__Schema`, `__Type`, …), for schemas built by hand without them.
///
/// `SchemaBuilder` adds these types itself; `ExecutableSchema` adds them only when a schema lacks `__Schema`, so
/// a hand-built schema (tests, tools) can be introspected too.
enum IntrospectionTypeDefinitions {
    static let typeNames: Set<String> = [
        "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
    ]

    /// The types, in graphql-js's order.
    static func all() -> [GraphQLNamedType] {
        let includeDeprecated: OrderedDictionary<String, InputValueDefinition> = [
            "includeDeprecated": InputValueDefinition(
                name: "includeDeprecated", type: .named("Boolean"), defaultValue: Value(.boolean(false), loc: SourceLocation(line: 0, column: 0))),
        ]
        func field(_ name: String, _ type: GraphQLTypeRef, _ arguments: OrderedDictionary<String, InputValueDefinition> = [:]) -> (String, FieldDefinition) {
            (name, FieldDefinition(name: name, type: type, arguments: arguments))
        }
        func fields(_ list: [(String, FieldDefinition)]) -> OrderedDictionary<String, FieldDefinition> {
            OrderedDictionary(uniqueKeysWithValues: list)
        }
        let string = GraphQLTypeRef.named("String")
        let nonNullString = GraphQLTypeRef.nonNull(.named("String"))
        let nonNullBoolean = GraphQLTypeRef.nonNull(.named("Boolean"))
        let typeRef = GraphQLTypeRef.named("__Type")
        let nonNullType = GraphQLTypeRef.nonNull(typeRef)
        func listOf(_ name: String) -> GraphQLTypeRef { .list(.nonNull(.named(name))) }
        func nonNullListOf(_ name: String) -> GraphQLTypeRef { .nonNull(listOf(name)) }

        let schema = ObjectType(name: "__Schema", description: "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.", fields: fields([
            field("description", string),
            field("types", nonNullListOf("__Type")),
            field("queryType", nonNullType),
            field("mutationType", typeRef),
            field("subscriptionType", typeRef),
            field("directives", nonNullListOf("__Directive")),
        ]))
        let type = ObjectType(name: "__Type", fields: fields([
            field("kind", .nonNull(.named("__TypeKind"))),
            field("name", string),
            field("description", string),
            field("specifiedByURL", string),
            field("fields", listOf("__Field"), includeDeprecated),
            field("interfaces", listOf("__Type")),
            field("possibleTypes", listOf("__Type")),
            field("enumValues", listOf("__EnumValue"), includeDeprecated),
            field("inputFields", listOf("__InputValue"), includeDeprecated),
            field("ofType", typeRef),
            field("isOneOf", .named("Boolean")),
        ]))
        let typeKind = EnumType(name: "__TypeKind", values: OrderedDictionary(uniqueKeysWithValues:
            ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL"].map { ($0, EnumValueDefinition(name: $0)) }))
        let fieldType = ObjectType(name: "__Field", fields: fields([
            field("name", nonNullString),
            field("description", string),
            field("args", nonNullListOf("__InputValue"), includeDeprecated),
            field("type", nonNullType),
            field("isDeprecated", nonNullBoolean),
            field("deprecationReason", string),
        ]))
        let inputValue = ObjectType(name: "__InputValue", fields: fields([
            field("name", nonNullString),
            field("description", string),
            field("type", nonNullType),
            field("defaultValue", string),
            field("isDeprecated", nonNullBoolean),
            field("deprecationReason", string),
        ]))
        let enumValue = ObjectType(name: "__EnumValue", fields: fields([
            field("name", nonNullString),
            field("description", string),
            field("isDeprecated", nonNullBoolean),
            field("deprecationReason", string),
        ]))
        let directive = ObjectType(name: "__Directive", fields: fields([
            field("name", nonNullString),
            field("description", string),
            field("isRepeatable", nonNullBoolean),
            field("locations", nonNullListOf("__DirectiveLocation")),
            field("args", nonNullListOf("__InputValue"), includeDeprecated),
        ]))
        let location = EnumType(name: "__DirectiveLocation", values: OrderedDictionary(uniqueKeysWithValues:
            DirectiveLocation.allCases.map { ($0.rawValue, EnumValueDefinition(name: $0.rawValue)) }))
        return [.object(schema), .object(type), .enumType(typeKind), .object(fieldType), .object(inputValue),
                .object(enumValue), .object(directive), .enumType(location)]
    }

    /// The schema itself when it already has the introspection types, else a copy with them appended.
    static func ensure(in schema: GraphQLSchema) -> GraphQLSchema {
        guard schema.type(named: "__Schema") == nil else { return schema }
        var types = schema.types
        for type in all() where types[type.name] == nil { types[type.name] = type }
        for name in ["String", "Boolean"] where types[name] == nil {
            types[name] = .scalar(ScalarType(name: name))
        }
        return GraphQLSchema(
            description: schema.description, queryType: schema.queryType, mutationType: schema.mutationType,
            subscriptionType: schema.subscriptionType, types: types, directives: schema.directives)
    }
}
