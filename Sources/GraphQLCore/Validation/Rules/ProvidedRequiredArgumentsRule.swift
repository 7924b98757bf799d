/// Spec 5.4.2.1: required arguments (non-null without a default) are given.
enum ProvidedRequiredArgumentsRule {
    static func check(_ field: Field, definition: FieldDefinition?, _ context: ValidationContext) {
        guard let definition else { return }
        for argument in definition.arguments.values where argument.isRequired {
            if !field.arguments.contains(where: { $0.name.value == argument.name }) {
                context.report(
                    "Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\""
                        + " is required, but it was not provided.",
                    [field.loc])
            }
        }
    }

    static func check(_ directive: Directive, _ context: ValidationContext) {
        let name = directive.name.value
        var required: [(name: String, type: String)] = []
        if let definition = context.schema.directives[name] {
            required = definition.arguments.values.filter(\.isRequired).map { ($0.name, $0.type.description) }
        } else if let arguments = context.documentDirectiveArguments[name] {
            required = arguments.filter { $0.defaultValue == nil && $0.type.isNonNullReference }
                .map { ($0.name.value, GraphQLTypeRef($0.type).description) }
        }
        for argument in required where !directive.arguments.contains(where: { $0.name.value == argument.name }) {
            context.report(
                "Directive \"@\(name)\" argument \"\(argument.name)\" of type \"\(argument.type)\""
                    + " is required, but it was not provided.",
                [directive.loc])
        }
    }
}
