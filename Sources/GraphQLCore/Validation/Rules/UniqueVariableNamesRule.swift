/// Spec 5.8.1: an operation defines each variable once.
enum UniqueVariableNamesRule {
    static func check(_ operation: OperationDefinition, _ context: ValidationContext) {
        var groups: [String: [SourceLocation]] = [:]
        var order: [String] = []
        for definition in operation.variableDefinitions {
            let name = definition.variable.value
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(nameLocation(of: definition))
        }
        for name in order where groups[name]!.count > 1 {
            context.report("There can be only one variable named \"$\(name)\".", groups[name]!)
        }
    }

    /// graphql-js points at the name token after `$`; the AST keeps the location of `$`.
    static func nameLocation(of definition: VariableDefinition) -> SourceLocation {
        SourceLocation(line: definition.variable.loc.line, column: definition.variable.loc.column + 1)
    }
}
