import OrderedCollections
@testable import GraphQLCore

/// Builds a model schema from SDL for the executor's tests, independently of `SchemaBuilder`, so these tests
/// exercise execution alone. Handles what the tests use: types, fields, arguments with defaults, interfaces,
/// unions, enums, input objects, `@deprecated`, `@oneOf`, `@specifiedBy`, and a `schema { … }` block.
enum ExecTestSchema {
    static func build(_ sdl: String) -> GraphQLSchema {
        let document = try! parse(sdl, options: .schemaDefinition)
        var types = OrderedDictionary<String, GraphQLNamedType>()
        var roots: [OperationType: String] = [:]
        var directives = OrderedDictionary<String, GraphQLDirective>()
        var description: String?
        for name in ["Int", "Float", "String", "Boolean", "ID"] { types[name] = .scalar(ScalarType(name: name)) }
        for definition in document.definitions {
            guard case .typeSystem(let system) = definition else { continue }
            switch system {
            case .schema(let schema):
                description = schema.description?.value
                for entry in schema.operationTypes { roots[entry.operation] = entry.type.value }
            case .type(let type):
                types[type.name.value] = namedType(type)
            case .directive(let directive):
                directives[directive.name.value] = GraphQLDirective(
                    name: directive.name.value, arguments: inputValues(directive.arguments),
                    locations: directive.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
                    isRepeatable: directive.isRepeatable)
            default:
                break
            }
        }
        let boolArg: OrderedDictionary<String, InputValueDefinition> = ["if": InputValueDefinition(name: "if", type: .nonNull(.named("Boolean")))]
        var all = OrderedDictionary<String, GraphQLDirective>()
        all["include"] = GraphQLDirective(name: "include", arguments: boolArg, locations: [.field, .fragmentSpread, .inlineFragment])
        all["skip"] = GraphQLDirective(name: "skip", arguments: boolArg, locations: [.field, .fragmentSpread, .inlineFragment])
        all["deprecated"] = GraphQLDirective(
            name: "deprecated",
            arguments: ["reason": InputValueDefinition(name: "reason", type: .named("String"), defaultValue: Value(.string("No longer supported", block: false), loc: SourceLocation(line: 0, column: 0)))],
            locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue])
        all["specifiedBy"] = GraphQLDirective(
            name: "specifiedBy", arguments: ["url": InputValueDefinition(name: "url", type: .nonNull(.named("String")))], locations: [.scalar])
        all["oneOf"] = GraphQLDirective(name: "oneOf", locations: [.inputObject])
        for (name, directive) in directives { all[name] = directive }
        return GraphQLSchema(
            description: description, queryType: roots[.query] ?? "Query",
            mutationType: roots[.mutation] ?? (types["Mutation"] != nil ? "Mutation" : nil),
            subscriptionType: roots[.subscription] ?? (types["Subscription"] != nil ? "Subscription" : nil),
            types: types, directives: all)
    }

    private static func deprecation(_ directives: [Directive]) -> String? {
        guard let directive = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        if let reason = directive.arguments.first(where: { $0.name.value == "reason" }), case .string(let text, _) = reason.value.kind {
            return text
        }
        return "No longer supported"
    }

    private static func inputValues(_ nodes: [InputValueDefinitionNode]) -> OrderedDictionary<String, InputValueDefinition> {
        OrderedDictionary(uniqueKeysWithValues: nodes.map { node in
            (node.name.value, InputValueDefinition(
                name: node.name.value, description: node.description?.value, type: GraphQLTypeRef(node.type),
                defaultValue: node.defaultValue, deprecationReason: deprecation(node.directives)))
        })
    }

    private static func fields(_ nodes: [FieldDefinitionNode]) -> OrderedDictionary<String, FieldDefinition> {
        OrderedDictionary(uniqueKeysWithValues: nodes.map { node in
            (node.name.value, FieldDefinition(
                name: node.name.value, description: node.description?.value, type: GraphQLTypeRef(node.type),
                arguments: inputValues(node.arguments), deprecationReason: deprecation(node.directives)))
        })
    }

    private static func namedType(_ type: TypeDefinition) -> GraphQLNamedType {
        let name = type.name.value
        let description = type.description?.value
        switch type.kind {
        case .scalar:
            var url: String?
            if let directive = type.directives.first(where: { $0.name.value == "specifiedBy" }),
               case .string(let text, _)? = directive.arguments.first?.value.kind { url = text }
            return .scalar(ScalarType(name: name, description: description, specifiedByURL: url))
        case .object(let interfaces, let fieldNodes):
            return .object(ObjectType(name: name, description: description, fields: fields(fieldNodes), interfaces: interfaces.map(\.value)))
        case .interface(let interfaces, let fieldNodes):
            return .interface(InterfaceType(name: name, description: description, fields: fields(fieldNodes), interfaces: interfaces.map(\.value)))
        case .union(let members):
            return .union(UnionType(name: name, description: description, members: members.map(\.value)))
        case .enumType(let values):
            return .enumType(EnumType(name: name, description: description, values: OrderedDictionary(uniqueKeysWithValues: values.map {
                ($0.name.value, EnumValueDefinition(name: $0.name.value, description: $0.description?.value, deprecationReason: deprecation($0.directives)))
            })))
        case .inputObject(let fieldNodes):
            return .inputObject(InputObjectType(
                name: name, description: description, fields: inputValues(fieldNodes),
                isOneOf: type.directives.contains { $0.name.value == "oneOf" }))
        }
    }
}

/// Runs a request against an engine and returns the response JSON text.
func run<Context: Sendable>(
    _ engine: GraphQLEngine<Context>, _ query: String, context: Context, variables: [String: InputValue] = [:],
    operationName: String? = nil
) async -> GraphQLResponse {
    await engine.execute(GraphQLRequest(query: query, operationName: operationName, variables: variables), context: context)
}

/// Builds an engine over SDL and resolvers, failing the test on binding errors.
func makeEngine<Context: Sendable>(
    _ sdl: String, configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration(),
    _ configure: (inout ResolverMap<Context>) -> Void
) throws -> GraphQLEngine<Context> {
    var resolvers = ResolverMap<Context>()
    configure(&resolvers)
    return GraphQLEngine(schema: try ExecutableSchema(schema: ExecTestSchema.build(sdl), resolvers: resolvers), configuration: configuration)
}
