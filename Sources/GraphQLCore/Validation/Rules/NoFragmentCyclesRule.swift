/// Spec 5.5.2.2: fragments do not spread themselves, directly or through others.
///
/// A depth-first search as graphql-js does it, but on an explicit stack so a long chain of fragments cannot
/// overflow the call stack. Each fragment is entered once per document, so the cost is linear.
enum NoFragmentCyclesRule {
    private struct Frame {
        var name: String
        var spreads: [FragmentSpread]
        var next = 0
    }

    static func check(_ fragment: FragmentDefinition, _ context: ValidationContext) {
        guard context.fragmentCyclesVisited.insert(fragment.name.value).inserted else { return }
        var path: [FragmentSpread] = []
        var pathIndexByName: [String: Int] = [:]
        var stack: [Frame] = []
        func enter(_ name: String, _ spreads: [FragmentSpread]) {
            guard !spreads.isEmpty else { return }
            pathIndexByName[name] = path.count
            stack.append(Frame(name: name, spreads: spreads))
        }
        // The definition itself (even a duplicate name), then the named fragments it reaches, as graphql-js does.
        enter(fragment.name.value, context.fragmentSpreads(in: fragment.selectionSet))
        while !stack.isEmpty, !context.aborted {
            let top = stack.count - 1
            if stack[top].next > 0 { path.removeLast() }
            guard stack[top].next < stack[top].spreads.count else {
                pathIndexByName[stack[top].name] = nil
                stack.removeLast()
                continue
            }
            let spread = stack[top].spreads[stack[top].next]
            stack[top].next += 1
            path.append(spread)
            let name = spread.name.value
            if let cycleStart = pathIndexByName[name] {
                let cycle = path[cycleStart...]
                let via = cycle.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
                context.report(
                    "Cannot spread fragment \"\(name)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
                    cycle.map(\.loc))
            } else if context.fragments[name] != nil, context.fragmentCyclesVisited.insert(name).inserted {
                enter(name, context.fragmentSpreads(ofFragment: name))
            }
        }
    }
}
