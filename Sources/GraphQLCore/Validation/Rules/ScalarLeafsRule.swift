/// Spec 5.3.3: leaf fields have no selection set and composite fields must have one.
enum ScalarLeafsRule {
    static func check(_ field: Field, definition: FieldDefinition?, _ context: ValidationContext) {
        guard let definition, let type = context.namedType(definition.type.namedType) else { return }
        let name = field.name.value
        if type.isLeaf {
            if let set = field.selectionSet {
                context.report(
                    "Field \"\(name)\" must not have a selection since type \"\(definition.type)\" has no subfields.",
                    [set.loc])
            }
        } else if field.selectionSet == nil {
            context.report(
                "Field \"\(name)\" of type \"\(definition.type)\" must have a selection of subfields."
                    + " Did you mean \"\(name) { ... }\"?",
                [field.loc])
        }
    }
}
