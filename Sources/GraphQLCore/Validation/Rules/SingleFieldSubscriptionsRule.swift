/// Spec 5.2.3.1: a subscription selects exactly one root field, and not an introspection one. Fields are
/// collected as execution would collect them (fragments expanded, literal @skip/@include applied).
enum SingleFieldSubscriptionsRule {
    static func check(_ operation: OperationDefinition, _ context: ValidationContext) {
        guard operation.operation == .subscription, let root = context.schema.rootType(for: .subscription) else { return }
        let fields = collectFields(operation.selectionSet, on: root.name, context)
        let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        if fields.count > 1 {
            context.report(
                "\(subject) must select only one top level field.",
                fields.dropFirst().flatMap { $0.fields.map(\.loc) })
        }
        for group in fields where group.fields[0].name.value.hasPrefix("__") {
            context.report("\(subject) must not select an introspection top level field.", group.fields.map(\.loc))
        }
    }

    /// Execution's CollectFields with no variable values: fields grouped by response key, in order.
    static func collectFields(_ root: SelectionSet, on typeName: String, _ context: ValidationContext) -> [(key: String, fields: [Field])] {
        var groups: [(key: String, fields: [Field])] = []
        var indexByKey: [String: Int] = [:]
        var visitedFragments: Set<String> = []
        // Selections still to visit, in reverse order, so nested fragments expand in place.
        var stack: [Selection] = root.selections.reversed()
        while let selection = stack.popLast() {
            switch selection {
            case .field(let field):
                guard isIncluded(field.directives) else { continue }
                if let index = indexByKey[field.responseKey] {
                    groups[index].fields.append(field)
                } else {
                    indexByKey[field.responseKey] = groups.count
                    groups.append((field.responseKey, [field]))
                }
            case .inlineFragment(let fragment):
                guard isIncluded(fragment.directives),
                      conditionMatches(fragment.typeCondition?.value, typeName, context.schema) else { continue }
                stack.append(contentsOf: fragment.selectionSet.selections.reversed())
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visitedFragments.contains(name), isIncluded(spread.directives) else { continue }
                visitedFragments.insert(name)
                guard let fragment = context.fragments[name],
                      conditionMatches(fragment.typeCondition.value, typeName, context.schema) else { continue }
                stack.append(contentsOf: fragment.selectionSet.selections.reversed())
            }
        }
        return groups
    }

    /// Only literal conditions can exclude a field here; a variable's value is unknown during validation.
    private static func isIncluded(_ directives: [Directive]) -> Bool {
        for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
            guard let argument = directive.arguments.first(where: { $0.name.value == "if" }),
                  case .boolean(let flag) = argument.value.kind else { continue }
            if directive.name.value == "skip" && flag { return false }
            if directive.name.value == "include" && !flag { return false }
        }
        return true
    }

    private static func conditionMatches(_ condition: String?, _ typeName: String, _ schema: GraphQLSchema) -> Bool {
        guard let condition else { return true }
        if condition == typeName { return true }
        guard schema.type(named: condition)?.isAbstract == true else { return false }
        return schema.isPossibleType(typeName, of: condition)
    }
}
