/// Spec 5.5.2.1: every spread names a defined fragment.
enum KnownFragmentNamesRule {
    static func check(_ spread: FragmentSpread, _ context: ValidationContext) {
        if context.fragments[spread.name.value] == nil {
            context.report("Unknown fragment \"\(spread.name.value)\".", [spread.name.loc])
        }
    }
}
