import OrderedCollections
@testable import GraphQLCore

/// Builds a `GraphQLSchema` from SDL for the validation tests, with the built-in scalars, directives and
/// introspection types that graphql-js's `buildSchema` adds.
///
/// A stand-in until the engine's own `SchemaBuilder` lands: it trusts its input (no schema validation), which
/// is all the tests need, since their SDL is also accepted by graphql-core.
enum TestSchemaBuilder {
    static func build(_ sdl: String) throws -> GraphQLSchema {
        let document = try parse(introspectionSDL + "\n" + sdl)
        var types: OrderedDictionary<String, GraphQLNamedType> = [:]
        for name in ["String", "Int", "Float", "Boolean", "ID"] {
            types[name] = .scalar(ScalarType(name: name))
        }
        var directives: OrderedDictionary<String, GraphQLDirective> = [:]
        var roots: [OperationType: String] = [:]
        for definition in document.definitions {
            guard case .typeSystem(let system) = definition else { continue }
            switch system {
            case .schema(let schema):
                for (operation, type) in schema.operationTypes { roots[operation] = type.value }
            case .directive(let directive):
                directives[directive.name.value] = GraphQLDirective(
                    name: directive.name.value, arguments: inputValues(directive.arguments),
                    locations: directive.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
                    isRepeatable: directive.isRepeatable)
            case .type(let type):
                types[type.name.value] = namedType(type)
            case .schemaExtension, .typeExtension:
                break
            }
        }
        for directive in builtInDirectives where directives[directive.name] == nil {
            directives[directive.name] = directive
        }
        return GraphQLSchema(
            queryType: roots[.query] ?? "Query",
            mutationType: roots[.mutation] ?? (types["Mutation"] != nil ? "Mutation" : nil),
            subscriptionType: roots[.subscription] ?? (types["Subscription"] != nil ? "Subscription" : nil),
            types: types, directives: directives)
    }

    private static func namedType(_ type: TypeDefinition) -> GraphQLNamedType {
        let name = type.name.value
        let description = type.description?.value
        switch type.kind {
        case .scalar:
            return .scalar(ScalarType(name: name, description: description))
        case .object(let interfaces, let fields):
            return .object(ObjectType(
                name: name, description: description, fields: outputFields(fields), interfaces: interfaces.map(\.value)))
        case .interface(let interfaces, let fields):
            return .interface(InterfaceType(
                name: name, description: description, fields: outputFields(fields), interfaces: interfaces.map(\.value)))
        case .union(let members):
            return .union(UnionType(name: name, description: description, members: members.map(\.value)))
        case .enumType(let values):
            var result: OrderedDictionary<String, EnumValueDefinition> = [:]
            for value in values {
                result[value.name.value] = EnumValueDefinition(
                    name: value.name.value, deprecationReason: deprecationReason(value.directives))
            }
            return .enumType(EnumType(name: name, description: description, values: result))
        case .inputObject(let fields):
            return .inputObject(InputObjectType(
                name: name, description: description, fields: inputValues(fields),
                isOneOf: type.directives.contains { $0.name.value == "oneOf" }))
        }
    }

    private static func outputFields(_ nodes: [FieldDefinitionNode]) -> OrderedDictionary<String, FieldDefinition> {
        var result: OrderedDictionary<String, FieldDefinition> = [:]
        for node in nodes {
            result[node.name.value] = FieldDefinition(
                name: node.name.value, type: GraphQLTypeRef(node.type), arguments: inputValues(node.arguments),
                deprecationReason: deprecationReason(node.directives))
        }
        return result
    }

    private static func inputValues(_ nodes: [InputValueDefinitionNode]) -> OrderedDictionary<String, InputValueDefinition> {
        var result: OrderedDictionary<String, InputValueDefinition> = [:]
        for node in nodes {
            result[node.name.value] = InputValueDefinition(
                name: node.name.value, type: GraphQLTypeRef(node.type), defaultValue: node.defaultValue,
                deprecationReason: deprecationReason(node.directives))
        }
        return result
    }

    private static func deprecationReason(_ directives: [Directive]) -> String? {
        guard let deprecated = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        if let reason = deprecated.arguments.first(where: { $0.name.value == "reason" }),
           case .string(let text, _) = reason.value.kind {
            return text
        }
        return "No longer supported"
    }

    static let builtInDirectives: [GraphQLDirective] = [
        GraphQLDirective(
            name: "include", arguments: ["if": InputValueDefinition(name: "if", type: .nonNull(.named("Boolean")))],
            locations: [.field, .fragmentSpread, .inlineFragment]),
        GraphQLDirective(
            name: "skip", arguments: ["if": InputValueDefinition(name: "if", type: .nonNull(.named("Boolean")))],
            locations: [.field, .fragmentSpread, .inlineFragment]),
        GraphQLDirective(
            name: "deprecated",
            arguments: ["reason": InputValueDefinition(
                name: "reason", type: .named("String"),
                defaultValue: Value(.string("No longer supported", block: false), loc: SourceLocation(line: 1, column: 1)))],
            locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue]),
        GraphQLDirective(
            name: "specifiedBy", arguments: ["url": InputValueDefinition(name: "url", type: .nonNull(.named("String")))],
            locations: [.scalar]),
        GraphQLDirective(name: "oneOf", locations: [.inputObject]),
    ]

    /// The introspection types in SDL form, as graphql-js defines them.
    static let introspectionSDL = """
        type __Schema { description: String types: [__Type!]! queryType: __Type! mutationType: __Type
          subscriptionType: __Type directives: [__Directive!]! }
        type __Type { kind: __TypeKind! name: String description: String specifiedByURL: String
          fields(includeDeprecated: Boolean = false): [__Field!] interfaces: [__Type!] possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean = false): [__InputValue!] ofType: __Type isOneOf: Boolean }
        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
        type __Field { name: String! description: String args(includeDeprecated: Boolean = false): [__InputValue!]!
          type: __Type! isDeprecated: Boolean! deprecationReason: String }
        type __InputValue { name: String! description: String type: __Type! defaultValue: String
          isDeprecated: Boolean! deprecationReason: String }
        type __EnumValue { name: String! description: String isDeprecated: Boolean! deprecationReason: String }
        type __Directive { name: String! description: String isRepeatable: Boolean!
          locations: [__DirectiveLocation!]! args(includeDeprecated: Boolean = false): [__InputValue!]! }
        enum __DirectiveLocation { QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
          INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE
          UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION }
        """
}
