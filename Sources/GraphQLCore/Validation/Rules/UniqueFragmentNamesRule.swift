/// Spec 5.5.1.1: fragment names are unique.
enum UniqueFragmentNamesRule {
    static func check(_ fragment: FragmentDefinition, _ context: ValidationContext) {
        let name = fragment.name
        if let known = context.knownFragmentNames[name.value] {
            context.report("There can be only one fragment named \"\(name.value)\".", [known.loc, name.loc])
        } else {
            context.knownFragmentNames[name.value] = name
        }
    }
}
