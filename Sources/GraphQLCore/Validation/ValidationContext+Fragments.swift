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

    /// The spreads inside a fragment's selection set, computed once per fragment name, since every operation
    /// that reaches the fragment asks again.
    func fragmentSpreads(ofFragment name: String) -> [FragmentSpread] {
        if let known = spreadsByFragment[name] { return known }
        let spreads = fragments[name].map { fragmentSpreads(in: $0.selectionSet) } ?? []
        spreadsByFragment[name] = spreads
        return spreads
    }

    /// The defined fragments an operation reaches through spreads, each once, in graphql-js's order.
    func recursivelyReferencedFragments(of root: SelectionSet) -> [FragmentDefinition] {
        var result: [FragmentDefinition] = []
        var collected: Set<String> = []
        // nil stands for the operation's own selection set; names for the fragments reached from it.
        var toVisit: [String?] = [nil]
        while let next = toVisit.popLast() {
            let spreads = next.map(fragmentSpreads(ofFragment:)) ?? fragmentSpreads(in: root)
            for spread in spreads where collected.insert(spread.name.value).inserted {
                if let fragment = fragments[spread.name.value] {
                    result.append(fragment)
                    toVisit.append(spread.name.value)
                }
            }
        }
        return result
    }
}
