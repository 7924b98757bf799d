/// Spec 5.2.2.1: an anonymous operation must be the document's only operation.
enum LoneAnonymousOperationRule {
    static func check(_ operation: OperationDefinition, _ context: ValidationContext) {
        if operation.name == nil && context.operationCount > 1 {
            context.report("This anonymous operation must be the only defined operation.", [operation.loc])
        }
    }
}
