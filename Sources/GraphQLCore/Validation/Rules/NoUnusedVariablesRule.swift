/// Spec 5.8.4: every variable an operation defines is used, in it or in a fragment it reaches.
enum NoUnusedVariablesRule {
    static func check(_ operation: OperationDefinition, usages: [VariableUsage], _ context: ValidationContext) {
        let used = Set(usages.map(\.name))
        for definition in operation.variableDefinitions where !used.contains(definition.variable.value) {
            let name = definition.variable.value
            let message = operation.name.map {
                "Variable \"$\(name)\" is never used in operation \"\($0.value)\"."
            } ?? "Variable \"$\(name)\" is never used."
            context.report(message, [definition.loc])
        }
    }
}
