/// Spec 5.8.3: every variable used by an operation, or by a fragment it reaches, is defined by it.
enum NoUndefinedVariablesRule {
    static func check(
        _ operation: OperationDefinition, defined: [String: VariableDefinition], usages: [VariableUsage],
        _ context: ValidationContext
    ) {
        for usage in usages where defined[usage.name] == nil {
            let message = operation.name.map {
                "Variable \"$\(usage.name)\" is not defined by operation \"\($0.value)\"."
            } ?? "Variable \"$\(usage.name)\" is not defined."
            context.report(message, [usage.loc, operation.loc])
        }
    }
}
