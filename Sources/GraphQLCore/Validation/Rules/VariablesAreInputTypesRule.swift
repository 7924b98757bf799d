/// Spec 5.8.2: variables are scalars, enums or input objects.
enum VariablesAreInputTypesRule {
    static func check(_ definition: VariableDefinition, _ context: ValidationContext) {
        guard let type = context.namedType(definition.type.namedType.value), !type.isInputType else { return }
        context.report(
            "Variable \"$\(definition.variable.value)\" cannot be non-input type \"\(GraphQLTypeRef(definition.type))\".",
            [definition.type.loc])
    }
}
