/// Spec 5.6.3: an input object literal names each field once.
enum UniqueInputFieldNamesRule {
    static func check(_ field: ObjectField, seen: inout [String: Name], _ context: ValidationContext) {
        if let known = seen[field.name.value] {
            context.report("There can be only one input field named \"\(field.name.value)\".", [known.loc, field.name.loc])
        } else {
            seen[field.name.value] = field.name
        }
    }
}
