/// Variable and argument coercion: the spec's CoerceVariableValues and CoerceArgumentValues on top of the
/// value coercion, with graphql-js's messages.
extension InputCoercer {
    /// graphql-js stops after this many variable errors; a hostile request cannot make us build a huge list.
    static let maxVariableErrors = 50

    /// Coerces the request's variables for an operation. Errors carry code `BAD_USER_INPUT` and the location of
    /// the variable definition.
    func coerceVariables(
        _ definitions: [VariableDefinition], inputs: [String: InputValue]
    ) -> (values: [String: InputValue], errors: [GraphQLError]) {
        var coerced: [String: InputValue] = [:]
        var errors: [GraphQLError] = []
        for definition in definitions {
            let name = definition.variable.value
            let type = GraphQLTypeRef(definition.type)
            let location = [definition.loc]
            func fail(_ message: String) {
                errors.append(GraphQLError(message, locations: location, code: .badUserInput))
            }
            guard schema.type(named: type.namedType)?.isInputType == true else {
                fail("Variable \"$\(name)\" expected value of type \"\(type)\" which cannot be used as an input type.")
                continue
            }
            guard let value = inputs[name] else {
                if let literal = definition.defaultValue {
                    coerced[name] = valueFromLiteral(literal, type: type, variables: [:]) ?? .null
                } else if type.isNonNull {
                    fail("Variable \"$\(name)\" of required type \"\(type)\" was not provided.")
                }
                continue
            }
            if value.isNull, type.isNonNull {
                fail("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.")
                continue
            }
            var path: [PathComponent] = []
            var problems: [Problem] = []
            let result = coerce(value, to: type, path: &path, problems: &problems)
            for problem in problems {
                var message = "Variable \"$\(name)\" got invalid value \(problem.value)"
                if !problem.path.isEmpty { message += " at \"\(name)\(Self.printPath(problem.path))\"" }
                fail(message + "; " + problem.message)
            }
            coerced[name] = result
            if errors.count >= Self.maxVariableErrors {
                fail("Too many errors processing variables, error limit reached. Execution aborted.")
                break
            }
        }
        return (coerced, errors)
    }

    /// `.a[0].b`, as graphql-js's `printPathArray` spells a path inside a variable.
    static func printPath(_ path: [PathComponent]) -> String {
        path.map {
            switch $0 {
            case .key(let key): return ".\(key)"
            case .index(let index): return "[\(index)]"
            }
        }.joined()
    }

    /// Coerces a field's (or directive's) arguments. The error is a field error at the field's location.
    func coerceArguments(
        _ definitions: some Sequence<InputValueDefinition>, nodes: [Argument], variables: [String: InputValue]
    ) throws(GraphQLError) -> Arguments {
        var entries: [(name: String, value: InputValue)] = []
        for definition in definitions {
            let name = definition.name
            let node = nodes.first { $0.name.value == name }
            var literal = node?.value
            if let value = literal, case .variable(let variable) = value.kind, variables[variable] == nil {
                literal = nil
            }
            guard let literal else {
                if let defaultLiteral = definition.defaultValue {
                    entries.append((name, valueFromLiteral(defaultLiteral, type: definition.type, variables: [:]) ?? .null))
                } else if definition.type.isNonNull {
                    if let node, case .variable(let variable) = node.value.kind {
                        throw GraphQLError(
                            "Argument \"\(name)\" of required type \"\(definition.type)\" was provided the variable \"$\(variable)\" which was not provided a runtime value.",
                            locations: [node.value.loc], code: .badUserInput)
                    }
                    throw GraphQLError("Argument \"\(name)\" of required type \"\(definition.type)\" was not provided.", code: .badUserInput)
                }
                continue
            }
            if case .variable(let variable) = literal.kind, variables[variable]?.isNull == true, definition.type.isNonNull {
                throw GraphQLError("Argument \"\(name)\" of non-null type \"\(definition.type)\" must not be null.",
                    locations: [literal.loc], code: .badUserInput)
            }
            guard let value = valueFromLiteral(literal, type: definition.type, variables: variables) else {
                throw GraphQLError("Argument \"\(name)\" has invalid value \(ValuePrinter.print(literal)).",
                    locations: [literal.loc], code: .badUserInput)
            }
            entries.append((name, value))
        }
        return Arguments(entries)
    }

    /// True when a `@skip`/`@include`'s `if:` literal depends on a variable.
    static func conditionVariable(_ directive: Directive) -> String? {
        guard let argument = directive.arguments.first(where: { $0.name.value == "if" }),
              case .variable(let name) = argument.value.kind else { return nil }
        return name
    }
}
