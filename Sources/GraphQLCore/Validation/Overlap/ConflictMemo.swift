/// Remembers pairs of fields already found mergeable, so repeated identical fields (`{ a { b } a { b } … }`)
/// are compared once instead of once per pair.
///
/// Two fields are the same "shape" when they have the same parent type, name, alias, printed arguments and,
/// recursively, the same sub-selections. When neither shape contains a fragment spread, whether they conflict
/// depends on nothing else (the compared-fragment-pair state only matters through spreads), so a "compatible"
/// verdict can be reused for any other pair of the same shapes. Only compatible verdicts are kept: a conflict
/// is recomputed so that its error names the actual fields.
final class ConflictMemo {
    private struct ShapeKey: Hashable {
        var name: String
        var alias: String?
        var arguments: String
        /// Shapes of the sub-selection's items: fields by shape id, inline fragments as (-1, condition, …).
        var children: [Int]
        var conditions: [String?]
        var hasSelectionSet: Bool
    }

    private struct ClassKey: Hashable {
        var parent: String?
        var shape: Int
    }

    private struct PairKey: Hashable {
        var class1: Int, class2: Int, mutex: Bool
    }

    private var shapeIDs: [ShapeKey: Int] = [:]
    /// Shape of each field already seen, by the field's location; nil when it has a spread beneath it.
    private var shapeByField: [SourceLocation: Int?] = [:]
    private var classIDs: [ClassKey: Int] = [:]
    private var compatible: Set<PairKey> = []

    /// The class of a field selected on a parent type: same parent and same shape; nil with a spread beneath.
    /// Computed only for fields that share a response key with another, so ordinary queries never pay for it.
    func shapeClass(of entry: FieldMap.Entry) -> Int? {
        guard let shape = shape(of: entry.field) else { return nil }
        let key = ClassKey(parent: entry.parentType?.name, shape: shape)
        if let id = classIDs[key] { return id }
        let id = classIDs.count
        classIDs[key] = id
        return id
    }

    func knownCompatible(_ entry1: FieldMap.Entry, _ entry2: FieldMap.Entry, mutex: Bool) -> Bool {
        knownCompatible(shapeClass(of: entry1), shapeClass(of: entry2), mutex: mutex)
    }

    func knownCompatible(_ class1: Int?, _ class2: Int?, mutex: Bool) -> Bool {
        guard let class1, let class2 else { return false }
        return compatible.contains(PairKey(class1: class1, class2: class2, mutex: mutex))
    }

    func recordCompatible(_ entry1: FieldMap.Entry, _ entry2: FieldMap.Entry, mutex: Bool) {
        guard let class1 = shapeClass(of: entry1), let class2 = shapeClass(of: entry2) else { return }
        compatible.insert(PairKey(class1: class1, class2: class2, mutex: mutex))
        compatible.insert(PairKey(class1: class2, class2: class1, mutex: mutex))
    }

    /// The field's shape id, or nil when a fragment spread occurs anywhere beneath it. Computed bottom-up with
    /// an explicit stack and cached per field, so each field is shaped once per document.
    private func shape(of root: Field) -> Int? {
        if let known = shapeByField[root.loc] { return known }
        // Post-order: a field is finished once all the fields under it (through inline fragments) are.
        var stack: [(field: Field, expanded: Bool)] = [(root, false)]
        while let (field, expanded) = stack.popLast() {
            if shapeByField[field.loc] != nil { continue }
            let items = flatten(field.selectionSet)
            if !expanded {
                stack.append((field, true))
                for case .field(let child, _) in items where shapeByField[child.loc] == nil {
                    stack.append((child, false))
                }
                continue
            }
            var children: [Int] = []
            var conditions: [String?] = []
            var spreadFree = true
            for item in items {
                switch item {
                case .field(let child, let condition):
                    guard let id = shapeByField[child.loc] ?? nil else {
                        spreadFree = false
                        break
                    }
                    children.append(id)
                    conditions.append(condition)
                case .spread:
                    spreadFree = false
                }
            }
            guard spreadFree else {
                shapeByField[field.loc] = .some(nil)
                continue
            }
            let key = ShapeKey(
                name: field.name.value, alias: field.alias?.value,
                arguments: field.arguments.map { $0.name.value + ":" + ValuePrinter.print($0.value) }.joined(separator: ","),
                children: children, conditions: conditions, hasSelectionSet: field.selectionSet != nil)
            let id = shapeIDs[key] ?? shapeIDs.count
            shapeIDs[key] = id
            shapeByField[field.loc] = .some(id)
        }
        return shapeByField[root.loc] ?? nil
    }

    private enum Item {
        /// A field with the chain of inline-fragment conditions above it inside this selection set.
        case field(Field, condition: String?)
        case spread
    }

    /// The fields of a selection set with inline fragments flattened; each carries the path of type
    /// conditions it sits under, since that decides its parent type.
    private func flatten(_ set: SelectionSet?) -> [Item] {
        guard let set else { return [] }
        var items: [Item] = []
        var stack: [(selections: ArraySlice<Selection>, condition: String?)] = [(set.selections[...], nil)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard let selection = stack[top].selections.first else {
                stack.removeLast()
                continue
            }
            stack[top].selections = stack[top].selections.dropFirst()
            let condition = stack[top].condition
            switch selection {
            case .field(let field): items.append(.field(field, condition: condition))
            case .fragmentSpread: items.append(.spread)
            case .inlineFragment(let fragment):
                let inner = (condition ?? "") + "/" + (fragment.typeCondition?.value ?? "")
                stack.append((fragment.selectionSet.selections[...], inner))
            }
        }
        return items
    }
}
