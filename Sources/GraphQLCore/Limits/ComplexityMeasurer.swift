/// The measurement behind `ComplexityAnalyzer`: one summary per fragment, computed leaves-first, then the
/// operation's.
struct ComplexityMeasurer {
    /// The measurement of a selection set.
    struct Summary {
        var depth = 0
        var aliases = 0
        var fields = 0
        var cost = 0
        /// The sub-selection cost of this set's list fields that have no size of their own (`edges`), which `cost`
        /// counts `defaultListSize` times: an enclosing connection with `first`/`last` counts it that many times
        /// instead. Kept apart so fragments, summarised once, are sized where they are spread.
        var unsizedLists = 0
        /// Where the deepest field chain ends, for the depth error.
        var deepest: SourceLocation?
    }

    let schema: GraphQLSchema
    let limits: ComplexityLimits
    let variables: [String: Int]
    var fragments: [String: FragmentDefinition] = [:]
    var summaries: [String: Summary] = [:]

    init(schema: GraphQLSchema, limits: ComplexityLimits, variables: [String: Int], document: Document) {
        self.schema = schema
        self.limits = limits
        self.variables = variables
        for definition in document.definitions {
            if case .fragment(let fragment) = definition, fragments[fragment.name.value] == nil {
                fragments[fragment.name.value] = fragment
            }
        }
    }

    /// Summarises every fragment the selection set can reach, each after the fragments it spreads.
    /// A depth-first post-order with an explicit stack, so long fragment chains cannot exhaust the stack.
    /// A cycle (which validation refuses anyway) counts the repeated spread as empty.
    mutating func measureFragments(reachableFrom root: SelectionSet) {
        var state: [String: Bool] = [:]  // false: in progress, true: done
        var stack: [(name: String, pending: [String])] = []
        for name in Self.spreads(in: root) where state[name] == nil && fragments[name] != nil {
            state[name] = false
            stack.append((name, Self.spreads(in: fragments[name]!.selectionSet)))
            while !stack.isEmpty {
                if let next = stack[stack.count - 1].pending.popLast() {
                    if state[next] == nil, let fragment = fragments[next] {
                        state[next] = false
                        stack.append((next, Self.spreads(in: fragment.selectionSet)))
                    }
                    continue
                }
                let done = stack.removeLast().name
                let fragment = fragments[done]!
                summaries[done] = measure(fragment.selectionSet, on: fragment.typeCondition.value)
                state[done] = true
            }
        }
    }

    /// Names of the fragments spread directly in a selection set (inline fragments included).
    static func spreads(in selectionSet: SelectionSet) -> [String] {
        var names: [String] = []
        func walk(_ set: SelectionSet) {
            for selection in set.selections {
                switch selection {
                case .field(let field): if let child = field.selectionSet { walk(child) }
                case .fragmentSpread(let spread): names.append(spread.name.value)
                case .inlineFragment(let inline): walk(inline.selectionSet)
                }
            }
        }
        walk(selectionSet)
        return names
    }

    func measure(_ selectionSet: SelectionSet, on typeName: String) -> Summary {
        var total = Summary()
        for selection in selectionSet.selections {
            let part: Summary
            switch selection {
            case .field(let field): part = measure(field, on: typeName)
            case .fragmentSpread(let spread): part = summaries[spread.name.value] ?? Summary()
            case .inlineFragment(let inline):
                part = measure(inline.selectionSet, on: inline.typeCondition?.value ?? typeName)
            }
            if part.depth > total.depth {
                total.depth = part.depth
                total.deepest = part.deepest
            }
            total.aliases = Self.add(total.aliases, part.aliases)
            total.fields = Self.add(total.fields, part.fields)
            total.cost = Self.add(total.cost, part.cost)
            total.unsizedLists = Self.add(total.unsizedLists, part.unsizedLists)
        }
        return total
    }

    /// A list field costs its sub-selection times its size: its `first`/`last`, else `defaultListSize`. An object
    /// field with `first`/`last` (a connection) costs its own fields once (`totalCount`, `pageInfo`) and its lists
    /// without a size (`edges`, `nodes`) that many times.
    private func measure(_ field: Field, on typeName: String) -> Summary {
        let definition = schema.field(field.name.value, on: typeName)
        let cost = limits.fieldCosts.isEmpty ? 1 : max(0, limits.fieldCosts["\(typeName).\(field.name.value)"] ?? 1)
        var summary = Summary(depth: 1, aliases: field.alias == nil ? 0 : 1, fields: 1, cost: cost, deepest: field.loc)
        guard let selectionSet = field.selectionSet else { return summary }
        let children = measure(selectionSet, on: definition?.type.namedType ?? "")
        summary.depth = 1 + children.depth
        summary.deepest = children.deepest ?? field.loc
        summary.aliases = Self.add(summary.aliases, children.aliases)
        summary.fields = Self.add(summary.fields, children.fields)
        var size = sizeArgument(of: field, definition: definition)
        let isConnection =
            !Self.isList(definition?.type) && limits.listSizeArguments.contains { definition?.arguments[$0] != nil }
        if isConnection && size == nil { size = limits.connectionDefaultSize }
        if Self.isList(definition?.type) {
            let declared = limits.listSizes.isEmpty ? nil : limits.listSizes["\(typeName).\(field.name.value)"]
            summary.cost = Self.add(cost, Self.multiply(children.cost, size ?? declared ?? limits.defaultListSize))
            if size == nil && declared == nil { summary.unsizedLists = children.cost }
        } else if let size, children.cost < Int.max {
            // children.cost holds defaultListSize × unsizedLists; count them `size` times instead.
            let defaultCounted = Self.multiply(children.unsizedLists, limits.defaultListSize)
            let rest = defaultCounted == Int.max ? 0 : children.cost - defaultCounted
            summary.cost = Self.add(cost, Self.add(rest, Self.multiply(children.unsizedLists, size)))
        } else {
            summary.cost = Self.add(cost, children.cost)
        }
        return summary
    }

    /// The largest `first`/`last` value given, or nil when there is none. An argument left out (or given a
    /// variable the request left out) counts with its schema default, as the resolver gets it. A negative size
    /// (an explicit null variable is -1) counts as none, so the field's default size applies: what a resolver
    /// makes of it is its own business (an error, everything, counting from the end), so it must not make the
    /// sub-selection free.
    private func sizeArgument(of field: Field, definition: FieldDefinition?) -> Int? {
        func schemaDefault(_ name: String) -> Int? {
            guard case .int(let text)? = definition?.arguments[name]?.defaultValue?.kind else { return nil }
            return Int(text) ?? Int.max
        }
        var size: Int?
        for name in limits.listSizeArguments {
            let value: Int?
            switch field.arguments.first(where: { $0.name.value == name })?.value.kind {
            case .int(let text)?: value = Int(text) ?? Int.max
            case .variable(let variable)?: value = variables[variable] ?? schemaDefault(name) ?? limits.defaultListSize
            case nil: value = schemaDefault(name)
            default: value = nil
            }
            if let value, value >= 0 { size = max(size ?? 0, value) }
        }
        return size
    }

    private static func isList(_ type: GraphQLTypeRef?) -> Bool {
        switch type {
        case .list?: return true
        case .nonNull(let inner)?: return isList(inner)
        default: return false
        }
    }

    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}
