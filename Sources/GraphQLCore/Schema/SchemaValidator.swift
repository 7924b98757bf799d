import OrderedCollections

/// The spec's type-system validation (graphql-js `validateSchema`) over built model types, with messages
/// worded as graphql-js words them and located at the SDL definition they concern.
struct SchemaValidator {
    let types: OrderedDictionary<String, GraphQLNamedType>
    let directives: OrderedDictionary<String, GraphQLDirective>
    let locations: [String: SourceLocation]
    var errors: [GraphQLError] = []

    init(types: OrderedDictionary<String, GraphQLNamedType>, directives: OrderedDictionary<String, GraphQLDirective>,
         locations: [String: SourceLocation]) {
        self.types = types
        self.directives = directives
        self.locations = locations
    }

    mutating func report(_ message: String, _ coordinates: String...) {
        let found = coordinates.compactMap { locations[$0] }
        errors.append(GraphQLError(message, locations: found, code: .validationFailed))
    }

    mutating func validate(roots: [OperationType: Name]) {
        for (operation, label) in [(OperationType.query, "Query"), (.mutation, "Mutation"), (.subscription, "Subscription")] {
            guard let root = roots[operation], let type = types[root.value] else { continue }
            if case .object = type { continue }
            let provided = operation == .query ? "" : " if provided"
            errors.append(GraphQLError(
                "\(label) root type must be Object type\(provided), it cannot be \(root.value).", locations: [root.loc],
                code: .validationFailed))
        }
        for directive in directives.values where BuiltInDefinitions.directives[directive.name] !== directive {
            validateDirective(directive)
        }
        for (name, type) in types where !BuiltInDefinitions.introspectionTypeNames.contains(name) {
            checkName(name, coordinate: name)
            switch type {
            case .object(let object):
                validateFields(object.fields, owner: name)
                validateInterfaces(object.interfaces, of: name, fields: object.fields)
            case .interface(let interface):
                validateFields(interface.fields, owner: name)
                validateInterfaces(interface.interfaces, of: name, fields: interface.fields)
            case .union(let union):
                if union.members.isEmpty { report("Union type \(name) must define one or more member types.", name) }
                for member in union.members {
                    guard let memberType = types[member] else { continue }
                    if case .object = memberType { continue }
                    report("Union type \(name) can only include Object types, it cannot include \(member).", name)
                }
            case .enumType(let enumType):
                if enumType.values.isEmpty { report("Enum type \(name) must define one or more values.", name) }
                for value in enumType.values.keys { checkName(value, coordinate: "\(name).\(value)") }
            case .inputObject(let input):
                validateInputFields(input)
            case .scalar:
                break
            }
        }
        InputCycleFinder(types: types).findCycles { message, coordinate in report(message, coordinate) }
    }

    private mutating func checkName(_ name: String, coordinate: String) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", coordinate)
        }
    }

    private func isInputType(_ type: GraphQLTypeRef) -> Bool { types[type.namedType]?.isInputType ?? true }
    private func isOutputType(_ type: GraphQLTypeRef) -> Bool { types[type.namedType]?.isOutputType ?? true }

    private mutating func validateDirective(_ directive: GraphQLDirective) {
        let coordinate = "@\(directive.name)"
        checkName(directive.name, coordinate: coordinate)
        for argument in directive.arguments.values {
            let argumentCoordinate = "@\(directive.name)(\(argument.name):)"
            checkName(argument.name, coordinate: argumentCoordinate)
            if !isInputType(argument.type) {
                report("The type of \(argumentCoordinate) must be Input Type but got: \(argument.type).", argumentCoordinate)
            }
            if argument.isRequired && argument.isDeprecated {
                report("Required argument \(argumentCoordinate) cannot be deprecated.", argumentCoordinate)
            }
        }
    }

    private mutating func validateFields(_ fields: OrderedDictionary<String, FieldDefinition>, owner: String) {
        if fields.isEmpty { report("Type \(owner) must define one or more fields.", owner) }
        for field in fields.values {
            let coordinate = "\(owner).\(field.name)"
            checkName(field.name, coordinate: coordinate)
            if !isOutputType(field.type) {
                report("The type of \(coordinate) must be Output Type but got: \(field.type).", coordinate)
            }
            for argument in field.arguments.values {
                let argumentCoordinate = "\(coordinate)(\(argument.name):)"
                checkName(argument.name, coordinate: argumentCoordinate)
                if !isInputType(argument.type) {
                    report("The type of \(argumentCoordinate) must be Input Type but got: \(argument.type).", argumentCoordinate)
                }
                if argument.isRequired && argument.isDeprecated {
                    report("Required argument \(argumentCoordinate) cannot be deprecated.", argumentCoordinate)
                }
            }
        }
    }

    private mutating func validateInputFields(_ input: InputObjectType) {
        let name = input.name
        if input.fields.isEmpty { report("Input Object type \(name) must define one or more fields.", name) }
        for field in input.fields.values {
            let coordinate = "\(name).\(field.name)"
            checkName(field.name, coordinate: coordinate)
            if !isInputType(field.type) {
                report("The type of \(coordinate) must be Input Type but got: \(field.type).", coordinate)
            }
            if field.isRequired && field.isDeprecated {
                report("Required input field \(coordinate) cannot be deprecated.", coordinate)
            }
            if input.isOneOf {
                if field.type.isNonNull { report("OneOf input field \(coordinate) must be nullable.", coordinate) }
                if field.defaultValue != nil { report("OneOf input field \(coordinate) cannot have a default value.", coordinate) }
            }
        }
    }
}
