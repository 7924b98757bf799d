import OrderedCollections

/// Compiles an operation's selection sets into `SelectionPlan`s against an `ExecutableSchema`.
///
/// The document is validated before it gets here, so a field or fragment that does not resolve is skipped
/// rather than reported (as graphql-js's executor does).
struct PlanCompiler<Context: Sendable>: Sendable {
    let executable: ExecutableSchema<Context>
    let fragments: [String: FragmentDefinition]
    let allowIntrospection: Bool
    var cachesIntrospectionAnswers = true

    private var schema: GraphQLSchema { executable.schema }

    func compileRoot(_ operation: OperationDefinition, rootType: ObjectType, variables: [String: InputValue]) throws(GraphQLError) -> SelectionPlan<Context> {
        try compileSelection(on: rootType, selectionSets: [operation.selectionSet], variables: variables)
    }

    func compileSelection(on objectType: ObjectType, selectionSets: [SelectionSet], variables: [String: InputValue]) throws(GraphQLError) -> SelectionPlan<Context> {
        var grouped = OrderedDictionary<String, [Field]>()
        var visited = Set<String>()
        for selectionSet in selectionSets {
            collect(objectType, selectionSet, variables: variables, into: &grouped, visited: &visited)
        }
        var fields: [FieldPlan<Context>] = []
        fields.reserveCapacity(grouped.count)
        for (responseKey, nodes) in grouped {
            if let plan = try compileField(responseKey, nodes: nodes, on: objectType, variables: variables) { fields.append(plan) }
        }
        return SelectionPlan(typeName: objectType.name, fields: fields)
    }

    /// The spec's CollectFields for one object type.
    ///
    /// Walks fragments with an explicit stack rather than by recursion, in the same depth-first source order:
    /// a chain of spreads can be as long as the document allows, far deeper than a task's stack. Each fragment
    /// is entered at most once (`visited`), as the spec requires.
    private func collect(
        _ objectType: ObjectType, _ selectionSet: SelectionSet, variables: [String: InputValue],
        into grouped: inout OrderedDictionary<String, [Field]>, visited: inout Set<String>
    ) {
        // Each entry is a selection list and the index of its next selection to look at.
        var stack: [(selections: [Selection], next: Int)] = [(selectionSet.selections, 0)]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].selections.count else {
                stack.removeLast()
                continue
            }
            let selection = stack[top].selections[stack[top].next]
            stack[top].next += 1
            switch selection {
            case .field(let field):
                guard shouldInclude(field.directives, variables) else { continue }
                grouped[field.responseKey, default: []].append(field)
            case .inlineFragment(let fragment):
                guard shouldInclude(fragment.directives, variables) else { continue }
                if let condition = fragment.typeCondition, !schema.isPossibleType(objectType.name, of: condition.value) { continue }
                stack.append((fragment.selectionSet.selections, 0))
            case .fragmentSpread(let spread):
                guard shouldInclude(spread.directives, variables), !visited.contains(spread.name.value) else { continue }
                visited.insert(spread.name.value)
                guard let fragment = fragments[spread.name.value],
                      schema.isPossibleType(objectType.name, of: fragment.typeCondition.value) else { continue }
                stack.append((fragment.selectionSet.selections, 0))
            }
        }
    }

    private func shouldInclude(_ directives: [Directive], _ variables: [String: InputValue]) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include",
                  let argument = directive.arguments.first(where: { $0.name.value == "if" }) else { continue }
            let condition: Bool
            switch argument.value.kind {
            case .boolean(let flag): condition = flag
            case .variable(let variable): condition = variables[variable]?.boolValue ?? false
            default: continue
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }

    private func compileField(
        _ responseKey: String, nodes: [Field], on objectType: ObjectType, variables: [String: InputValue]
    ) throws(GraphQLError) -> FieldPlan<Context>? {
        let first = nodes[0]
        let name = first.name.value
        guard let definition = schema.field(name, on: objectType.name) else { return nil }
        let resolver: FieldResolver<Context>
        switch name {
        case "__typename":
            let typeName = objectType.name
            resolver = .sync { _ in .string(typeName) }
        case "__schema", "__type":
            guard allowIntrospection else {
                throw GraphQLError(
                    "GraphQL introspection is not allowed, but the query contained __schema or __type.",
                    locations: [first.loc], code: .validationFailed)
            }
            let schema = self.schema
            resolver = name == "__schema"
                ? .sync { _ in .object(schema) }
                : .sync { input in
                    guard let typeName = input.arguments.string("name"), schema.type(named: typeName) != nil else { return .null }
                    return .object(IntrospectedType(ref: .named(typeName)))
                }
        default:
            guard let bound = executable.resolver(type: objectType.name, field: name) else { return nil }
            resolver = bound
        }
        let subSelections = nodes.compactMap(\.selectionSet)
        return FieldPlan(
            responseKey: responseKey,
            info: FieldInfo(parentType: objectType.name, fieldName: name, responseKey: responseKey),
            definition: definition,
            locations: nodes.map(\.loc),
            resolver: resolver,
            arguments: argumentPlan(first.arguments, definition: definition),
            completion: try completionPlan(definition.type, subSelections: subSelections, variables: variables),
            cachesSubtree: cachesIntrospectionAnswers && (name == "__schema" || name == "__type"))
    }

    private func argumentPlan(_ nodes: [Argument], definition: FieldDefinition) -> ArgumentPlan {
        if definition.arguments.isEmpty { return .constant(.empty) }
        guard !nodes.contains(where: { Self.containsVariable($0.value) }) else {
            return .dynamic(nodes: nodes, definitions: Array(definition.arguments.values))
        }
        do {
            return .constant(try executable.coercer.coerceArguments(definition.arguments.values, nodes: nodes, variables: [:]))
        } catch {
            return .invalid(error)
        }
    }

    static func containsVariable(_ value: Value) -> Bool {
        switch value.kind {
        case .variable: return true
        case .list(let items): return items.contains(where: containsVariable)
        case .object(let fields): return fields.contains { containsVariable($0.value) }
        default: return false
        }
    }

    private func completionPlan(
        _ type: GraphQLTypeRef, subSelections: [SelectionSet], variables: [String: InputValue]
    ) throws(GraphQLError) -> CompletionPlan<Context> {
        switch type {
        case .nonNull(let inner): return .nonNull(try completionPlan(inner, subSelections: subSelections, variables: variables))
        case .list(let inner): return .list(try completionPlan(inner, subSelections: subSelections, variables: variables))
        case .named(let name):
            switch schema.type(named: name) {
            case .scalar?:
                if let builtIn = BuiltInScalar(name: name) { return .builtIn(builtIn) }
                return .custom(name: name, hooks: executable.scalarHooks[name])
            case .enumType(let enumType)?:
                return .enumType(enumType)
            case .object(let object)?:
                return .object(try compileSelection(on: object, selectionSets: subSelections, variables: variables))
            case .interface?, .union?:
                let schema = self.schema
                let possible = schema.possibleTypes(of: name).filter {
                    if case .object? = schema.type(named: $0) { return true }
                    return false
                }
                let compiler = self
                return .abstract(name: name, plans: AbstractPlans(possibleTypes: Set(possible)) { (typeName) throws(GraphQLError) in
                    guard case .object(let object)? = schema.type(named: typeName) else {
                        throw GraphQLError("\(typeName) is not an object type.", code: .internalServerError)
                    }
                    return try compiler.compileSelection(on: object, selectionSets: subSelections, variables: variables)
                })
            case .inputObject?, nil:
                return .custom(name: name, hooks: nil)
            }
        }
    }

    /// Variables used by `@skip`/`@include` anywhere in the operation, fragments included.
    ///
    /// A worklist instead of recursion: fields nested inside a chain of fragments reach depths the parser's
    /// nesting limit does not see, and this runs before any complexity check. Each fragment is scanned once.
    func conditionVariables(of operation: OperationDefinition) -> [String] {
        var names = Set<String>()
        var visited = Set<String>()
        var pending: [SelectionSet] = [operation.selectionSet]
        func scanDirectives(_ directives: [Directive]) {
            for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
                if let name = InputCoercer.conditionVariable(directive) { names.insert(name) }
            }
        }
        while let selectionSet = pending.popLast() {
            for selection in selectionSet.selections {
                switch selection {
                case .field(let field):
                    scanDirectives(field.directives)
                    if let sub = field.selectionSet { pending.append(sub) }
                case .inlineFragment(let fragment):
                    scanDirectives(fragment.directives)
                    pending.append(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    scanDirectives(spread.directives)
                    guard visited.insert(spread.name.value).inserted, let fragment = fragments[spread.name.value] else { continue }
                    pending.append(fragment.selectionSet)
                }
            }
        }
        return names.sorted()
    }
}
