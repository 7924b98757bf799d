/// The search behind OverlappingFieldsCanBeMerged (spec 5.3.2), following graphql-js's algorithm: field maps
/// cached per selection set, and each pair of fragments compared once per exclusivity.
///
/// graphql-js recurses (fields → sub-selections → fragments → fields …). Here every step is a task on an
/// explicit stack; tasks are pushed in reverse so they run in exactly the order the recursion would, which
/// keeps the results identical (the compared-fragment-pair set makes order matter) while deep documents cost
/// heap instead of call stack.
final class OverlapChecker {
    private let schema: GraphQLSchema
    private let fragments: [String: FragmentDefinition]
    private var maps: [FieldMap] = []
    private var mapIndexBySet: [SourceLocation: Int] = [:]
    private var comparedFragmentPairs = FragmentPairSet()
    private let memo: ConflictMemo

    init(schema: GraphQLSchema, fragments: [String: FragmentDefinition]) {
        self.schema = schema
        self.fragments = fragments
        self.memo = ConflictMemo()
    }

    private enum Task {
        case within(map: Int, group: Int, i: Int, j: Int, into: Int)
        case between(map1: Int, map2: Int, mutex: Bool, group: Int, i: Int, j: Int, into: Int)
        case findConflict(key: String, FieldMap.Entry, FieldMap.Entry, parentMutex: Bool, into: Int)
        case wrapSubfields(key: String, FieldMap.Entry, FieldMap.Entry, mutex: Bool, from: Int, into: Int)
        case subSelections(GraphQLNamedType?, SelectionSet, GraphQLNamedType?, SelectionSet, mutex: Bool, into: Int)
        case fieldsAndFragment(map: Int, fragment: String, mutex: Bool, into: Int)
        case fieldsAndReferencedFragment(map: Int, referenced: String, fragment: String, mutex: Bool, into: Int)
        case fragments(String, String, mutex: Bool, into: Int)
    }

    private var stack: [Task] = []
    private var lists: [[FieldConflict]] = []

    /// Conflicts among the fields of one selection set, including those its fragments bring in.
    func conflicts(within set: SelectionSet, parentType: GraphQLNamedType?) -> [FieldConflict] {
        if Self.hasOnlyDistinctFields(set) { return [] }
        lists = [[]]
        let map = mapIndex(set, parentType)
        var tasks: [Task] = [.within(map: map, group: 0, i: 0, j: 1, into: 0)]
        let names = maps[map].fragmentNames
        for (index, name) in names.enumerated() {
            tasks.append(.fieldsAndFragment(map: map, fragment: name, mutex: false, into: 0))
            for other in names[(index + 1)...] {
                tasks.append(.fragments(name, other, mutex: false, into: 0))
            }
        }
        stack = tasks.reversed()
        while let task = stack.popLast() { run(task) }
        return lists[0]
    }

    /// True when the set holds only fields, each under its own response key: nothing in it can conflict, so
    /// the common case skips building a field map (one is built later if a comparison needs it).
    static func hasOnlyDistinctFields(_ set: SelectionSet) -> Bool {
        var keys: [String] = []
        keys.reserveCapacity(set.selections.count)
        for selection in set.selections {
            guard case .field(let field) = selection else { return false }
            keys.append(field.responseKey)
        }
        if keys.count <= 16 {
            for index in keys.indices where keys[(index + 1)...].contains(keys[index]) { return false }
            return true
        }
        return Set(keys).count == keys.count
    }

    private func push(_ tasks: [Task]) { stack.append(contentsOf: tasks.reversed()) }

    private func newList() -> Int {
        lists.append([])
        return lists.count - 1
    }

    private func run(_ task: Task) {
        switch task {
        case .within(let map, var group, var i, var j, let into):
            // Next pair (i, j), i < j, within one response key. Pairs already known to merge are skipped here;
            // a run of identical fields is skipped whole, so n repeated fields cost O(n), not O(n²).
            let groups = maps[map].groups
            while group < groups.count {
                let entries = groups[group].entries
                if j >= entries.count {
                    i += 1
                    j = i + 1
                    if j >= entries.count {
                        group += 1
                        i = 0
                        j = 1
                    }
                    continue
                }
                let classes = shapeClasses(map: map, group: group)
                guard memo.knownCompatible(classes[i], classes[j], mutex: false) else { break }
                j = maps[map].runEnds[group]![j]
            }
            guard group < groups.count else { return }
            let (key, entries) = groups[group]
            stack.append(.within(map: map, group: group, i: i, j: j + 1, into: into))
            stack.append(.findConflict(key: key, entries[i], entries[j], parentMutex: false, into: into))
        case .between(let map1, let map2, let mutex, var group, var i, var j, let into):
            let groups = maps[map1].groups
            while group < groups.count {
                if let others = maps[map2].entries(for: groups[group].key), i < groups[group].entries.count {
                    if j < others.count {
                        stack.append(.between(map1: map1, map2: map2, mutex: mutex, group: group, i: i, j: j + 1, into: into))
                        stack.append(.findConflict(
                            key: groups[group].key, groups[group].entries[i], others[j], parentMutex: mutex, into: into))
                        return
                    }
                    i += 1
                    j = 0
                } else {
                    group += 1
                    i = 0
                    j = 0
                }
            }
        case .findConflict(let key, let entry1, let entry2, let parentMutex, let into):
            findConflict(key, entry1, entry2, parentMutex, into)
        case .wrapSubfields(let key, let entry1, let entry2, let mutex, let from, let into):
            let found = lists[from]
            guard !found.isEmpty else {
                memo.recordCompatible(entry1, entry2, mutex: mutex)
                return
            }
            let field1 = entry1.field, field2 = entry2.field
            lists[into].append(FieldConflict(
                responseName: key, reason: .subfields(found.map { ($0.responseName, $0.reason) }),
                fields1: FieldConflict.Fields(field1.loc, found.map(\.fields1)),
                fields2: FieldConflict.Fields(field2.loc, found.map(\.fields2))))
        case .subSelections(let type1, let set1, let type2, let set2, let mutex, let into):
            let map1 = mapIndex(set1, type1), map2 = mapIndex(set2, type2)
            let names1 = maps[map1].fragmentNames, names2 = maps[map2].fragmentNames
            var tasks: [Task] = [.between(map1: map1, map2: map2, mutex: mutex, group: 0, i: 0, j: 0, into: into)]
            tasks += names2.map { .fieldsAndFragment(map: map1, fragment: $0, mutex: mutex, into: into) }
            tasks += names1.map { .fieldsAndFragment(map: map2, fragment: $0, mutex: mutex, into: into) }
            for name1 in names1 {
                tasks += names2.map { .fragments(name1, $0, mutex: mutex, into: into) }
            }
            push(tasks)
        case .fieldsAndFragment(let map, let name, let mutex, let into):
            guard let fragment = fragments[name] else { return }
            let fragmentMap = referencedMapIndex(fragment)
            guard fragmentMap != map else { return }
            var tasks: [Task] = [.between(map1: map, map2: fragmentMap, mutex: mutex, group: 0, i: 0, j: 0, into: into)]
            tasks += maps[fragmentMap].fragmentNames.map {
                .fieldsAndReferencedFragment(map: map, referenced: $0, fragment: name, mutex: mutex, into: into)
            }
            push(tasks)
        case .fieldsAndReferencedFragment(let map, let referenced, let fragment, let mutex, let into):
            guard !comparedFragmentPairs.contains(referenced, fragment, mutex: mutex) else { return }
            comparedFragmentPairs.insert(referenced, fragment, mutex: mutex)
            stack.append(.fieldsAndFragment(map: map, fragment: referenced, mutex: mutex, into: into))
        case .fragments(let name1, let name2, let mutex, let into):
            guard name1 != name2, !comparedFragmentPairs.contains(name1, name2, mutex: mutex) else { return }
            comparedFragmentPairs.insert(name1, name2, mutex: mutex)
            guard let fragment1 = fragments[name1], let fragment2 = fragments[name2] else { return }
            let map1 = referencedMapIndex(fragment1), map2 = referencedMapIndex(fragment2)
            var tasks: [Task] = [.between(map1: map1, map2: map2, mutex: mutex, group: 0, i: 0, j: 0, into: into)]
            tasks += maps[map2].fragmentNames.map { .fragments(name1, $0, mutex: mutex, into: into) }
            tasks += maps[map1].fragmentNames.map { .fragments($0, name2, mutex: mutex, into: into) }
            push(tasks)
        }
    }

    private func findConflict(
        _ key: String, _ entry1: FieldMap.Entry, _ entry2: FieldMap.Entry, _ parentMutex: Bool, _ into: Int
    ) {
        var mutex = parentMutex
        if case .object(let object1)? = entry1.parentType, case .object(let object2)? = entry2.parentType,
           object1.name != object2.name {
            mutex = true
        }
        if memo.knownCompatible(entry1, entry2, mutex: mutex) { return }
        let field1 = entry1.field, field2 = entry2.field
        func report(_ message: String) {
            lists[into].append(FieldConflict(
                responseName: key, reason: .message(message), fields1: FieldConflict.Fields(field1.loc),
                fields2: FieldConflict.Fields(field2.loc)))
        }
        if !mutex {
            if field1.name.value != field2.name.value {
                return report("\"\(field1.name.value)\" and \"\(field2.name.value)\" are different fields")
            }
            if !Self.sameArguments(field1.arguments, field2.arguments) {
                return report("they have differing arguments")
            }
        }
        let type1 = entry1.definition?.type, type2 = entry2.definition?.type
        if let type1, let type2, typesConflict(type1, type2) {
            return report("they return conflicting types \"\(type1)\" and \"\(type2)\"")
        }
        guard let set1 = field1.selectionSet, let set2 = field2.selectionSet else {
            memo.recordCompatible(entry1, entry2, mutex: mutex)
            return
        }
        let sub = newList()
        stack.append(.wrapSubfields(key: key, entry1, entry2, mutex: mutex, from: sub, into: into))
        stack.append(.subSelections(
            type1.flatMap { schema.type(named: $0.namedType) }, set1,
            type2.flatMap { schema.type(named: $0.namedType) }, set2, mutex: mutex, into: sub))
    }

    /// Same arguments, compared by printed value with input object fields sorted, as graphql-js does.
    static func sameArguments(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
        if arguments1.isEmpty { return arguments2.isEmpty }
        guard arguments1.count == arguments2.count else { return false }
        var values2: [String: Value] = [:]
        for argument in arguments2 { values2[argument.name.value] = argument.value }
        for argument in arguments1 {
            guard let value2 = values2[argument.name.value] else { return false }
            if ValuePrinter.print(argument.value, sortingObjectFields: true)
                != ValuePrinter.print(value2, sortingObjectFields: true) { return false }
        }
        return true
    }

    /// Two field types conflict when their list and non-null wrappers differ or they end in different leaf
    /// types; composite types are compared field by field instead.
    private func typesConflict(_ type1: GraphQLTypeRef, _ type2: GraphQLTypeRef) -> Bool {
        var a = type1, b = type2
        while true {
            switch (a, b) {
            case (.list(let x), .list(let y)): a = x; b = y
            case (.list, _), (_, .list): return true
            case (.nonNull(let x), .nonNull(let y)): a = x; b = y
            case (.nonNull, _), (_, .nonNull): return true
            case (.named(let x), .named(let y)):
                let leaf = schema.type(named: x)?.isLeaf == true || schema.type(named: y)?.isLeaf == true
                return leaf && x != y
            }
        }
    }

    private func mapIndex(_ set: SelectionSet, _ parentType: GraphQLNamedType?) -> Int {
        if let index = mapIndexBySet[set.loc] { return index }
        let map = FieldMap(set, parentType: parentType, schema: schema)
        maps.append(map)
        mapIndexBySet[set.loc] = maps.count - 1
        return maps.count - 1
    }

    /// The shape classes of one group's entries, computed (with the group's `runEnds`) on first use.
    private func shapeClasses(map: Int, group: Int) -> [Int?] {
        if let classes = maps[map].shapeClasses[group] { return classes }
        let entries = maps[map].groups[group].entries
        let classes = entries.map { memo.shapeClass(of: $0) }
        var ends = Array(repeating: entries.count, count: entries.count)
        for position in entries.indices.reversed().dropFirst() {
            let same = classes[position] != nil && classes[position] == classes[position + 1]
            ends[position] = same ? ends[position + 1] : position + 1
        }
        maps[map].runEnds[group] = ends
        maps[map].shapeClasses[group] = classes
        return classes
    }

    private func referencedMapIndex(_ fragment: FragmentDefinition) -> Int {
        if let index = mapIndexBySet[fragment.selectionSet.loc] { return index }
        return mapIndex(fragment.selectionSet, schema.type(named: fragment.typeCondition.value))
    }
}
