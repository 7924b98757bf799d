/// Fragment reachability, shared by NoUnusedFragments, NoFragmentCycles and the variable rules.
extension ValidationContext {
    /// Every spread inside a selection set, nested ones included, in graphql-js's order (it pops the sets to
    /// visit from the end of a list, so nested sets come after their siblings, last first).
    func fragmentSpreads(in root: SelectionSet) -> [FragmentSpread] {
        var spreads: [FragmentSpread] = []
        var setsToVisit = [root]
        while let set = setsToVisit.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let nested = field.selectionSet { setsToVisit.append(nested) }
                case .inlineFragment(let fragment): setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        return spreads
    }

    /// The defined fragments an operation reaches through spreads, each once, in graphql-js's order.
    func recursivelyReferencedFragments(of root: SelectionSet) -> [FragmentDefinition] {
        var result: [FragmentDefinition] = []
        var collected: Set<String> = []
        var setsToVisit = [root]
        while let set = setsToVisit.popLast() {
            for spread in fragmentSpreads(in: set) where collected.insert(spread.name.value).inserted {
                if let fragment = fragments[spread.name.value] {
                    result.append(fragment)
                    setsToVisit.append(fragment.selectionSet)
                }
            }
        }
        return result
    }
}
