import OrderedCollections

/// Building model types and directives from their definitions, with extensions merged in source order.
extension SchemaAssembly {
    /// The defined types, in definition order.
    mutating func buildNamedTypes() -> OrderedDictionary<String, GraphQLNamedType> {
        var types: OrderedDictionary<String, GraphQLNamedType> = [:]
        for (name, definition) in typeDefinitions {
            types[name] = buildType(definition, extensions: typeExtensions[name] ?? [])
        }
        return types
    }

    /// The defined directives, in definition order.
    mutating func buildDirectives() -> OrderedDictionary<String, GraphQLDirective> {
        var directives: OrderedDictionary<String, GraphQLDirective> = [:]
        for (name, definition) in directiveDefinitions {
            let arguments = inputValues(definition.arguments, coordinate: { "@\(name)(\($0):)" })
            let locations = definition.locations.compactMap { DirectiveLocation(rawValue: $0.value) }
            directives[name] = GraphQLDirective(
                name: name, description: definition.description?.value, arguments: arguments, locations: locations,
                isRepeatable: definition.isRepeatable)
        }
        return directives
    }

    private mutating func buildType(_ definition: TypeDefinition, extensions: [TypeDefinition]) -> GraphQLNamedType {
        let name = definition.name.value
        let description = definition.description?.value
        let nodes = [definition] + extensions
        let directives = nodes.flatMap(\.directives)
        switch definition.kind {
        case .scalar:
            if let builtIn = BuiltInDefinitions.scalars[name] { return .scalar(builtIn) }
            return .scalar(ScalarType(
                name: name, description: description,
                specifiedByURL: Self.stringArgument(directives, directive: "specifiedBy", argument: "url"),
                checkLiteral: suppliedScalars[name]?.checkLiteral))
        case .object, .interface:
            var interfaces: [String] = []
            var fieldNodes: [FieldDefinitionNode] = []
            for node in nodes {
                switch node.kind {
                case .object(let more, let fields), .interface(let more, let fields):
                    interfaces += more.map(\.value)
                    fieldNodes += fields
                default: break
                }
            }
            var fields: OrderedDictionary<String, FieldDefinition> = [:]
            for node in fieldNodes {
                let coordinate = "\(name).\(node.name.value)"
                if fields[node.name.value] != nil {
                    report("Field \"\(coordinate)\" can only be defined once.", at: node.name.loc)
                    continue
                }
                locations[coordinate] = node.name.loc
                fields[node.name.value] = FieldDefinition(
                    name: node.name.value, description: node.description?.value, type: typeReference(node.type),
                    arguments: inputValues(node.arguments, coordinate: { "\(coordinate)(\($0):)" }),
                    deprecationReason: Self.deprecationReason(node.directives))
            }
            if case .object = definition.kind {
                return .object(ObjectType(name: name, description: description, fields: fields, interfaces: interfaces))
            }
            return .interface(InterfaceType(name: name, description: description, fields: fields, interfaces: interfaces))
        case .union:
            var members: [String] = []
            for node in nodes {
                guard case .union(let more) = node.kind else { continue }
                for member in more {
                    _ = typeReference(.named(member))
                    if members.contains(member.value) {
                        report("Union type \(name) can only include type \(member.value) once.", at: member.loc)
                    } else {
                        members.append(member.value)
                    }
                }
            }
            return .union(UnionType(name: name, description: description, members: members))
        case .enumType:
            var values: OrderedDictionary<String, EnumValueDefinition> = [:]
            for node in nodes {
                guard case .enumType(let more) = node.kind else { continue }
                for value in more {
                    let coordinate = "\(name).\(value.name.value)"
                    if values[value.name.value] != nil {
                        report("Enum value \"\(coordinate)\" can only be defined once.", at: value.name.loc)
                        continue
                    }
                    locations[coordinate] = value.name.loc
                    values[value.name.value] = EnumValueDefinition(
                        name: value.name.value, description: value.description?.value,
                        deprecationReason: Self.deprecationReason(value.directives))
                }
            }
            return .enumType(EnumType(name: name, description: description, values: values))
        case .inputObject:
            var fieldNodes: [InputValueDefinitionNode] = []
            for node in nodes {
                if case .inputObject(let more) = node.kind { fieldNodes += more }
            }
            let fields = inputValues(fieldNodes, coordinate: { "\(name).\($0)" }, what: "Input field")
            let isOneOf = directives.contains { $0.name.value == "oneOf" }
            return .inputObject(InputObjectType(name: name, description: description, fields: fields, isOneOf: isOneOf))
        }
    }

    /// Arguments or input fields, reporting duplicate names.
    private mutating func inputValues(
        _ nodes: [InputValueDefinitionNode], coordinate: (String) -> String, what: String = "Argument"
    ) -> OrderedDictionary<String, InputValueDefinition> {
        var values: OrderedDictionary<String, InputValueDefinition> = [:]
        for node in nodes {
            let name = node.name.value
            if values[name] != nil {
                report("\(what) \"\(coordinate(name))\" can only be defined once.", at: node.name.loc)
                continue
            }
            locations[coordinate(name)] = node.name.loc
            values[name] = InputValueDefinition(
                name: name, description: node.description?.value, type: typeReference(node.type),
                defaultValue: node.defaultValue, deprecationReason: Self.deprecationReason(node.directives))
        }
        return values
    }
}
