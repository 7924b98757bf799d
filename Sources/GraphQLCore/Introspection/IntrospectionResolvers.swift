/// The resolvers of the introspection types, bound by `ExecutableSchema` next to the application's.
///
/// Source values are the schema model itself (`FieldDefinition`, `InputValueDefinition`, … are classes), so
/// answering introspection allocates little beyond the response. Default values are printed once per schema.
enum IntrospectionResolvers {
    static func bind<Context: Sendable>(
        into table: inout [String: [String: FieldResolver<Context>]], schema: GraphQLSchema
    ) {
        func sync(_ body: @escaping @Sendable (ResolverInput<Context>) throws -> FieldValue) -> FieldResolver<Context> { .sync(body) }
        @Sendable func includeDeprecated(_ input: ResolverInput<Context>) -> Bool { input.arguments.bool("includeDeprecated") ?? false }
        @Sendable func typeValue(_ ref: GraphQLTypeRef) -> FieldValue { .object(IntrospectedType(ref: ref)) }
        @Sendable func optionalType(_ name: String?) -> FieldValue { name.map { typeValue(.named($0)) } ?? .null }

        // Printed defaults depend only on the schema: compute them once, keyed by the definition's identity, with
        // the printer printSchema uses (graphql-js's `print(astFromValue(…))` of the coerced default).
        var printedDefaults: [ObjectIdentifier: String] = [:]
        func collectDefaults(_ values: some Sequence<InputValueDefinition>) {
            for value in values {
                printedDefaults[ObjectIdentifier(value)] = schema.printedDefaultValue(of: value)
            }
        }
        for type in schema.types.values {
            if let fields = type.fields { for field in fields.values { collectDefaults(field.arguments.values) } }
            if case .inputObject(let input) = type { collectDefaults(input.fields.values) }
        }
        for directive in schema.directives.values { collectDefaults(directive.arguments.values) }
        let defaults = printedDefaults

        table["__Schema"] = [
            "description": sync { _ in .optional(schema.description) },
            "types": sync { _ in .list(schema.types.keys) { typeValue(.named($0)) } },
            "queryType": sync { _ in typeValue(.named(schema.queryType)) },
            "mutationType": sync { _ in optionalType(schema.mutationType) },
            "subscriptionType": sync { _ in optionalType(schema.subscriptionType) },
            "directives": sync { _ in .list(schema.directives.values) { .object($0) } },
        ]
        table["__Type"] = [
            "kind": sync { input in .string(try input.parent(as: IntrospectedType.self).kind(in: schema).rawValue) },
            "name": sync { input in
                let type = try input.parent(as: IntrospectedType.self)
                if case .named(let name) = type.ref { return .string(name) }
                return .null
            },
            "description": sync { input in .optional(try input.parent(as: IntrospectedType.self).named(in: schema)?.description) },
            "specifiedByURL": sync { input in
                guard case .scalar(let scalar)? = try input.parent(as: IntrospectedType.self).named(in: schema) else { return .null }
                return .optional(scalar.specifiedByURL)
            },
            "fields": sync { input in
                guard let fields = try input.parent(as: IntrospectedType.self).named(in: schema)?.fields else { return .null }
                let all = includeDeprecated(input)
                return .list(fields.values.filter { all || !$0.isDeprecated }) { .object($0) }
            },
            "interfaces": sync { input in
                switch try input.parent(as: IntrospectedType.self).named(in: schema) {
                case .object(let object)?: return .list(object.interfaces) { typeValue(.named($0)) }
                case .interface(let interface)?: return .list(interface.interfaces) { typeValue(.named($0)) }
                default: return .null
                }
            },
            "possibleTypes": sync { input in
                guard let type = try input.parent(as: IntrospectedType.self).named(in: schema), type.isAbstract else { return .null }
                return .list(schema.possibleTypes(of: type.name)) { typeValue(.named($0)) }
            },
            "enumValues": sync { input in
                guard case .enumType(let enumType)? = try input.parent(as: IntrospectedType.self).named(in: schema) else { return .null }
                let all = includeDeprecated(input)
                return .list(enumType.values.values.filter { all || !$0.isDeprecated }) { .object($0) }
            },
            "inputFields": sync { input in
                guard case .inputObject(let object)? = try input.parent(as: IntrospectedType.self).named(in: schema) else { return .null }
                let all = includeDeprecated(input)
                return .list(object.fields.values.filter { all || !$0.isDeprecated }) { .object($0) }
            },
            "ofType": sync { input in
                switch try input.parent(as: IntrospectedType.self).ref {
                case .list(let inner), .nonNull(let inner): return typeValue(inner)
                case .named: return .null
                }
            },
            "isOneOf": sync { input in
                guard case .inputObject(let object)? = try input.parent(as: IntrospectedType.self).named(in: schema) else { return .null }
                return .bool(object.isOneOf)
            },
        ]
        table["__Field"] = [
            "name": sync { input in .string(try input.parent(as: FieldDefinition.self).name) },
            "description": sync { input in .optional(try input.parent(as: FieldDefinition.self).description) },
            "args": sync { input in
                let all = includeDeprecated(input)
                return .list(try input.parent(as: FieldDefinition.self).arguments.values.filter { all || !$0.isDeprecated }) { .object($0) }
            },
            "type": sync { input in typeValue(try input.parent(as: FieldDefinition.self).type) },
            "isDeprecated": sync { input in .bool(try input.parent(as: FieldDefinition.self).isDeprecated) },
            "deprecationReason": sync { input in .optional(try input.parent(as: FieldDefinition.self).deprecationReason) },
        ]
        table["__InputValue"] = [
            "name": sync { input in .string(try input.parent(as: InputValueDefinition.self).name) },
            "description": sync { input in .optional(try input.parent(as: InputValueDefinition.self).description) },
            "type": sync { input in typeValue(try input.parent(as: InputValueDefinition.self).type) },
            "defaultValue": sync { input in .optional(defaults[ObjectIdentifier(try input.parent(as: InputValueDefinition.self))]) },
            "isDeprecated": sync { input in .bool(try input.parent(as: InputValueDefinition.self).isDeprecated) },
            "deprecationReason": sync { input in .optional(try input.parent(as: InputValueDefinition.self).deprecationReason) },
        ]
        table["__EnumValue"] = [
            "name": sync { input in .string(try input.parent(as: EnumValueDefinition.self).name) },
            "description": sync { input in .optional(try input.parent(as: EnumValueDefinition.self).description) },
            "isDeprecated": sync { input in .bool(try input.parent(as: EnumValueDefinition.self).isDeprecated) },
            "deprecationReason": sync { input in .optional(try input.parent(as: EnumValueDefinition.self).deprecationReason) },
        ]
        table["__Directive"] = [
            "name": sync { input in .string(try input.parent(as: GraphQLDirective.self).name) },
            "description": sync { input in .optional(try input.parent(as: GraphQLDirective.self).description) },
            "isRepeatable": sync { input in .bool(try input.parent(as: GraphQLDirective.self).isRepeatable) },
            "locations": sync { input in .list(try input.parent(as: GraphQLDirective.self).locations) { .string($0.rawValue) } },
            "args": sync { input in
                let all = includeDeprecated(input)
                return .list(try input.parent(as: GraphQLDirective.self).arguments.values.filter { all || !$0.isDeprecated }) { .object($0) }
            },
        ]
    }
}
