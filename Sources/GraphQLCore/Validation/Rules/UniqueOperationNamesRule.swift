/// Spec 5.2.1.1: named operations have unique names.
enum UniqueOperationNamesRule {
    static func check(_ operation: OperationDefinition, _ context: ValidationContext) {
        guard let name = operation.name else { return }
        if let known = context.knownOperationNames[name.value] {
            context.report("There can be only one operation named \"\(name.value)\".", [known.loc, name.loc])
        } else {
            context.knownOperationNames[name.value] = name
        }
    }
}
