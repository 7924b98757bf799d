/// The fields of one selection set grouped by response key (inline fragments flattened, spreads listed by
/// name), as OverlappingFieldsCanBeMerged compares them.
struct FieldMap {
    /// One selected field with the type it was selected on and its definition there, if any.
    struct Entry {
        var parentType: GraphQLNamedType?
        var field: Field
        var definition: FieldDefinition?
    }

    /// Response keys in first-seen order, each with its fields in document order.
    var groups: [(key: String, entries: [Entry])] = []
    /// For each group and entry, the index just past the run of consecutive entries of the same shape class,
    /// so a run of identical fields is skipped in one step. Filled in only for groups that get compared.
    var runEnds: [[Int]?] = []
    /// Shape classes of each compared group's entries (see `ConflictMemo`), filled in with `runEnds`.
    var shapeClasses: [[Int?]?] = []
    var indexByKey: [String: Int] = [:]
    /// Names of the fragments spread directly (or through inline fragments), each once, in order.
    var fragmentNames: [String] = []

    /// Collects a selection set, walking nested inline fragments with an explicit stack.
    init(_ set: SelectionSet, parentType: GraphQLNamedType?, schema: GraphQLSchema) {
        var seenFragments: Set<String> = []
        var stack: [(selections: [Selection], next: Int, parentType: GraphQLNamedType?)] = [(set.selections, 0, parentType)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].selections.count else {
                stack.removeLast()
                continue
            }
            let selection = stack[top].selections[stack[top].next]
            let parent = stack[top].parentType
            stack[top].next += 1
            switch selection {
            case .field(let field):
                let entry = Entry(parentType: parent, field: field, definition: parent?.fields?[field.name.value])
                if let index = indexByKey[field.responseKey] {
                    groups[index].entries.append(entry)
                } else {
                    indexByKey[field.responseKey] = groups.count
                    groups.append((field.responseKey, [entry]))
                }
            case .fragmentSpread(let spread):
                if seenFragments.insert(spread.name.value).inserted { fragmentNames.append(spread.name.value) }
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { schema.type(named: $0.value) } ?? parent
                stack.append((fragment.selectionSet.selections, 0, type))
            }
        }
        runEnds = Array(repeating: nil, count: groups.count)
        shapeClasses = Array(repeating: nil, count: groups.count)
    }

    func entries(for key: String) -> [Entry]? { indexByKey[key].map { groups[$0].entries } }
}
