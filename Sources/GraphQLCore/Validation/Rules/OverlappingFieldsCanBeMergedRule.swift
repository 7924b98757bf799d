/// Spec 5.3.2: fields with one response key in a selection set (fragments included) can be merged: same field
/// and arguments unless their parents are distinct object types, and compatible return shapes.
enum OverlappingFieldsCanBeMergedRule {
    static func check(_ set: SelectionSet, parent: GraphQLNamedType?, _ context: ValidationContext) {
        for conflict in context.overlap.conflicts(within: set, parentType: parent) {
            context.report(
                "Fields \"\(conflict.responseName)\" conflict because \(FieldConflict.describe(conflict.reason))."
                    + " Use different aliases on the fields to fetch both if this was intentional.",
                conflict.fields1.locations + conflict.fields2.locations)
        }
    }
}
