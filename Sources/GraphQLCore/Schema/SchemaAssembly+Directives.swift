import OrderedCollections

/// graphql-js's SDL rules for directive uses: known directives, allowed locations, known and required
/// arguments, and no repeats of a non-repeatable directive.
extension SchemaAssembly {
    mutating func checkDirectiveUses(_ directives: OrderedDictionary<String, GraphQLDirective>) {
        var typeDirectives: [String: [Directive]] = [:]
        for definition in document.definitions {
            guard case .typeSystem(let system) = definition else { continue }
            switch system {
            case .schema(let schema), .schemaExtension(let schema):
                check(schema.directives, at: .schema, directives)
            case .type(let type), .typeExtension(let type):
                let location: DirectiveLocation
                switch type.kind {
                case .scalar: location = .scalar
                case .object(_, let fields), .interface(_, let fields):
                    if case .object = type.kind { location = .object } else { location = .interface }
                    for field in fields {
                        check(field.directives, at: .fieldDefinition, directives)
                        for argument in field.arguments { check(argument.directives, at: .argumentDefinition, directives) }
                    }
                case .union: location = .union
                case .enumType(let values):
                    location = .enumType
                    for value in values { check(value.directives, at: .enumValue, directives) }
                case .inputObject(let fields):
                    location = .inputObject
                    for field in fields { check(field.directives, at: .inputFieldDefinition, directives) }
                }
                // A type and its extensions are one location for repetition, as in graphql-js.
                let seenBefore = typeDirectives[type.name.value] ?? []
                check(type.directives, at: location, directives, alreadyUsed: seenBefore)
                typeDirectives[type.name.value, default: []] += type.directives
            case .directive(let directive):
                for argument in directive.arguments { check(argument.directives, at: .argumentDefinition, directives) }
            }
        }
    }

    private mutating func check(
        _ uses: [Directive], at location: DirectiveLocation, _ directives: OrderedDictionary<String, GraphQLDirective>,
        alreadyUsed: [Directive] = []
    ) {
        var seen = Set(alreadyUsed.map(\.name.value))
        for use in uses {
            let name = use.name.value
            guard let directive = directives[name] else {
                report("Unknown directive \"@\(name)\".", at: use.loc)
                continue
            }
            if !directive.locations.contains(location) {
                report("Directive \"@\(name)\" may not be used on \(location.rawValue).", at: use.loc)
            }
            if !directive.isRepeatable && !seen.insert(name).inserted {
                report("The directive \"@\(name)\" can only be used once at this location.", at: use.loc)
            }
            var given = Set<String>()
            for argument in use.arguments {
                let argumentName = argument.name.value
                if !given.insert(argumentName).inserted {
                    report("There can be only one argument named \"\(argumentName)\".", at: argument.loc)
                } else if directive.arguments[argumentName] == nil {
                    report("Unknown argument \"\(argumentName)\" on directive \"@\(name)\".", at: argument.loc)
                }
            }
            for (argumentName, argument) in directive.arguments where argument.isRequired && !given.contains(argumentName) {
                report(
                    "Directive \"@\(name)\" argument \"\(argumentName)\" of type \"\(argument.type)\" is required, but it was not provided.",
                    at: use.loc)
            }
        }
    }
}
