/// Printing executable definitions in graphql-js's layout.
extension Printer {
    static func print(_ definition: Definition) -> String {
        switch definition {
        case .operation(let operation): return print(operation)
        case .fragment(let fragment):
            return "fragment \(fragment.name.value) on \(fragment.typeCondition.value) "
                + wrap("", print(fragment.directives), " ") + print(fragment.selectionSet)
        case .typeSystem(let definition): return print(definition)
        }
    }

    static func print(_ operation: OperationDefinition) -> String {
        let variables = wrap("(", operation.variableDefinitions.map(print).joined(separator: ", "), ")")
        let directives = print(operation.directives)
        if operation.name == nil && directives.isEmpty && variables.isEmpty && operation.operation == .query {
            return print(operation.selectionSet)
        }
        let head = join([operation.operation.rawValue, join([operation.name?.value ?? "", variables], ""), directives], " ")
        return head + " " + print(operation.selectionSet)
    }

    static func print(_ variable: VariableDefinition) -> String {
        var out = "$" + variable.variable.value + ": " + GraphQLCore.print(variable.type)
        if let defaultValue = variable.defaultValue { out += " = " + GraphQLCore.print(defaultValue) }
        return out + wrap(" ", print(variable.directives))
    }

    static func print(_ selectionSet: SelectionSet) -> String {
        block(selectionSet.selections.map(print))
    }

    static func print(_ selection: Selection) -> String {
        switch selection {
        case .field(let field):
            let prefix = (field.alias.map { $0.value + ": " } ?? "") + field.name.value
            let arguments = field.arguments.map(print)
            var line = prefix + wrap("(", arguments.joined(separator: ", "), ")")
            if line.unicodeScalars.count > maxLineLength {
                line = prefix + wrap("(\n", indent(arguments.joined(separator: "\n")), "\n)")
            }
            return join([line, print(field.directives), field.selectionSet.map(print) ?? ""], " ")
        case .fragmentSpread(let spread):
            return "..." + spread.name.value + wrap(" ", print(spread.directives))
        case .inlineFragment(let fragment):
            return join([
                "...", wrap("on ", fragment.typeCondition?.value ?? ""), print(fragment.directives),
                print(fragment.selectionSet),
            ], " ")
        }
    }

    static func print(_ argument: Argument) -> String {
        argument.name.value + ": " + GraphQLCore.print(argument.value)
    }

    static func print(_ directives: [Directive]) -> String {
        directives.map { "@" + $0.name.value + wrap("(", $0.arguments.map(print).joined(separator: ", "), ")") }
            .joined(separator: " ")
    }
}
