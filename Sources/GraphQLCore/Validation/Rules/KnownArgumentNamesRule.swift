/// Spec 5.4.1: every argument is defined by its field or directive.
enum KnownArgumentNamesRule {
    static func check(_ argument: Argument, field: FieldDefinition?, parent: GraphQLNamedType?, _ context: ValidationContext) {
        guard let field, let parent, field.arguments[argument.name.value] == nil else { return }
        let suggestions = Suggestions.list(argument.name.value, options: field.arguments.keys)
        context.report(
            "Unknown argument \"\(argument.name.value)\" on field \"\(parent.name).\(field.name)\"."
                + Suggestions.didYouMean(suggestions),
            [argument.loc])
    }

    static func check(_ directive: Directive, _ context: ValidationContext) {
        let name = directive.name.value
        let known: [String]
        if let definition = context.schema.directives[name] {
            known = Array(definition.arguments.keys)
        } else if let arguments = context.documentDirectiveArguments[name] {
            known = arguments.map(\.name.value)
        } else {
            return
        }
        for argument in directive.arguments where !known.contains(argument.name.value) {
            let suggestions = Suggestions.list(argument.name.value, options: known)
            context.report(
                "Unknown argument \"\(argument.name.value)\" on directive \"@\(name)\"." + Suggestions.didYouMean(suggestions),
                [argument.loc])
        }
    }
}
