/// Spec 5.5.1.4: every fragment is spread, directly or not, by some operation.
enum NoUnusedFragmentsRule {
    static func check(_ context: ValidationContext) {
        var used: Set<String> = []
        for case .operation(let operation) in context.document.definitions {
            for fragment in context.recursivelyReferencedFragments(of: operation.selectionSet) {
                used.insert(fragment.name.value)
            }
        }
        for case .fragment(let fragment) in context.document.definitions where !used.contains(fragment.name.value) {
            context.report("Fragment \"\(fragment.name.value)\" is never used.", [fragment.loc])
        }
    }
}
