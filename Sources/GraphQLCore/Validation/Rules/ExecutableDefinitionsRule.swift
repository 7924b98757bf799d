/// Spec 5.1.1: a document sent for execution holds only operations and fragments.
enum ExecutableDefinitionsRule {
    static func check(_ context: ValidationContext) {
        for definition in context.document.definitions {
            guard case .typeSystem(let system) = definition else { continue }
            let name: String
            let loc: SourceLocation
            switch system {
            case .schema(let schema), .schemaExtension(let schema):
                name = "schema"
                loc = schema.loc
            case .type(let type), .typeExtension(let type):
                name = "\"\(type.name.value)\""
                loc = type.loc
            case .directive(let directive):
                name = "\"\(directive.name.value)\""
                loc = directive.loc
            }
            context.report("The \(name) definition is not executable.", [loc])
        }
    }
}
