/// Spec 5.5.1.3: fragments condition on objects, interfaces or unions only.
enum FragmentsOnCompositeTypesRule {
    static func check(_ fragment: InlineFragment, _ context: ValidationContext) {
        guard let condition = fragment.typeCondition, let type = context.namedType(condition.value),
              !type.isComposite else { return }
        context.report("Fragment cannot condition on non composite type \"\(condition.value)\".", [condition.loc])
    }

    static func check(_ fragment: FragmentDefinition, _ context: ValidationContext) {
        let condition = fragment.typeCondition
        guard let type = context.namedType(condition.value), !type.isComposite else { return }
        context.report(
            "Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.value)\".",
            [condition.loc])
    }
}
