import OrderedCollections

/// Finds input objects that contain themselves through non-null fields, which no finite value could
/// satisfy. Lists break a cycle (an empty list is a value), as do nullable fields.
struct InputCycleFinder {
    let types: OrderedDictionary<String, GraphQLNamedType>

    /// Calls `report` once per cycle, with graphql-js's message and the coordinate of the field that closes it.
    func findCycles(report: (String, String) -> Void) {
        var visited = Set<String>()
        for (name, type) in types {
            guard case .inputObject = type, !visited.contains(name) else { continue }
            // Depth-first search with an explicit stack, so a long chain of input types cannot exhaust the
            // call stack. Each frame is a type and the index of the next field to follow.
            var stack: [(type: InputObjectType, next: Int)] = []
            var pathFields: [String] = []
            var onPath: [String: Int] = [:]
            guard case .inputObject(let root) = type else { continue }
            visited.insert(name)
            stack.append((root, 0))
            onPath[name] = 0
            while let top = stack.last {
                let fields = top.type.fields.values
                guard top.next < fields.count else {
                    onPath[top.type.name] = nil
                    stack.removeLast()
                    if !pathFields.isEmpty { pathFields.removeLast() }
                    continue
                }
                stack[stack.count - 1].next += 1
                let field = fields[fields.index(fields.startIndex, offsetBy: top.next)]
                guard case .nonNull(.named(let target)) = field.type, case .inputObject(let targetType)? = types[target]
                else { continue }
                if let start = onPath[target] {
                    let cycle = Array(pathFields[start...]) + [field.name]
                    report(
                        "Cannot reference Input Object \"\(target)\" within itself through a series of non-null fields: \"\(cycle.joined(separator: "."))\".",
                        "\(top.type.name).\(field.name)")
                } else if visited.insert(target).inserted {
                    pathFields.append(field.name)
                    onPath[target] = pathFields.count
                    stack.append((targetType, 0))
                }
            }
        }
    }
}
