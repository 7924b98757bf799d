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

    /// Compiles one object type's selection and, eagerly, every object sub-selection below it.
    ///
    /// Depth-first with an explicit stack of frames, one per selection set being compiled, rather than by
    /// recursion: fragments let the expanded tree nest far deeper than the parser's limit, and with the
    /// complexity limits off nothing else bounds it. Fields are compiled in the same order as before, so the
    /// first error thrown is the same.
    func compileSelection(on objectType: ObjectType, selectionSets: [SelectionSet], variables: [String: InputValue]) throws(GraphQLError) -> SelectionPlan<Context> {
        var stack = [frame(on: objectType, selectionSets: selectionSets, variables: variables)]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                let done = stack.removeLast()
                let plan = SelectionPlan(typeName: done.objectType.name, fields: done.fields)
                guard let parent = stack.indices.last, let waiting = stack[parent].waiting else { return plan }
                stack[parent].waiting = nil
                stack[parent].fields.append(fieldPlan(waiting.head, completion: Self.wrap(.object(plan), in: waiting.wrappers)))
                continue
            }
            let (responseKey, nodes) = stack[top].entries[stack[top].next]
            stack[top].next += 1
            guard let head = try fieldHead(responseKey, nodes: nodes, on: stack[top].objectType) else { continue }
            let subSelections = nodes.compactMap(\.selectionSet)
            switch completion(head.definition.type, subSelections: subSelections, variables: variables) {
            case .done(let completion):
                stack[top].fields.append(fieldPlan(head, completion: completion))
            case .object(let object, let wrappers):
                stack[top].waiting = (head, wrappers)
                stack.append(frame(on: object, selectionSets: subSelections, variables: variables))
            }
        }
        preconditionFailure("unreachable: the loop returns when it pops the first frame")
    }

    /// One selection set being compiled: its collected fields, the next to compile, the plans made so far, and
    /// the field waiting for the sub-plan of the frame above it.
    private struct Frame {
        let objectType: ObjectType
        let entries: [(key: String, value: [Field])]
        var next = 0
        var fields: [FieldPlan<Context>] = []
        var waiting: (head: FieldHead, wrappers: [TypeWrapper])?
    }

    /// A field resolved against its parent type, before its completion is known.
    private struct FieldHead {
        let responseKey: String
        let nodes: [Field]
        let parentType: String
        let fieldName: String
        let definition: FieldDefinition
        let resolver: FieldResolver<Context>
    }

    private enum TypeWrapper { case nonNull, list }

    /// A field's completion, or the object type whose selection must be compiled first and the wrappers around it.
    private enum Completion {
        case done(CompletionPlan<Context>)
        case object(ObjectType, wrappers: [TypeWrapper])
    }

    private func frame(on objectType: ObjectType, selectionSets: [SelectionSet], variables: [String: InputValue]) -> Frame {
        var grouped = OrderedDictionary<String, [Field]>()
        var visited = Set<String>()
        for selectionSet in selectionSets {
            collect(objectType, selectionSet, variables: variables, into: &grouped, visited: &visited)
        }
        var frame = Frame(objectType: objectType, entries: grouped.elements.map { (key: $0.key, value: $0.value) })
        frame.fields.reserveCapacity(grouped.count)
        return frame
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

    private func fieldHead(_ responseKey: String, nodes: [Field], on objectType: ObjectType) throws(GraphQLError) -> FieldHead? {
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
        return FieldHead(
            responseKey: responseKey, nodes: nodes, parentType: objectType.name, fieldName: name, definition: definition, resolver: resolver)
    }

    private func fieldPlan(_ head: FieldHead, completion: CompletionPlan<Context>) -> FieldPlan<Context> {
        let name = head.fieldName
        return FieldPlan(
            responseKey: head.responseKey,
            info: FieldInfo(parentType: head.parentType, fieldName: name, responseKey: head.responseKey),
            definition: head.definition,
            locations: head.nodes.map(\.loc),
            resolver: head.resolver,
            arguments: argumentPlan(head.nodes[0].arguments, definition: head.definition),
            completion: completion,
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

    private static func wrap(_ plan: CompletionPlan<Context>, in wrappers: [TypeWrapper]) -> CompletionPlan<Context> {
        var plan = plan
        for wrapper in wrappers.reversed() {
            switch wrapper {
            case .nonNull: plan = .nonNull(plan)
            case .list: plan = .list(plan)
            }
        }
        return plan
    }

    private func completion(_ type: GraphQLTypeRef, subSelections: [SelectionSet], variables: [String: InputValue]) -> Completion {
        var wrappers: [TypeWrapper] = []
        var type = type
        while true {
            switch type {
            case .nonNull(let inner):
                wrappers.append(.nonNull)
                type = inner
            case .list(let inner):
                wrappers.append(.list)
                type = inner
            case .named(let name):
                let named: CompletionPlan<Context>
                switch schema.type(named: name) {
                case .scalar?:
                    if let builtIn = BuiltInScalar(name: name) { named = .builtIn(builtIn) } else {
                        named = .custom(name: name, hooks: executable.scalarHooks[name])
                    }
                case .enumType(let enumType)?:
                    named = .enumType(enumType)
                case .object(let object)?:
                    return .object(object, wrappers: wrappers)
                case .interface?, .union?:
                    let schema = self.schema
                    let possible = schema.possibleTypes(of: name).filter {
                        if case .object? = schema.type(named: $0) { return true }
                        return false
                    }
                    let compiler = self
                    named = .abstract(name: name, plans: AbstractPlans(possibleTypes: Set(possible)) { (typeName) throws(GraphQLError) in
                        guard case .object(let object)? = schema.type(named: typeName) else {
                            throw GraphQLError("\(typeName) is not an object type.", code: .internalServerError)
                        }
                        return try compiler.compileSelection(on: object, selectionSets: subSelections, variables: variables)
                    })
                case .inputObject?, nil:
                    named = .custom(name: name, hooks: nil)
                }
                return .done(Self.wrap(named, in: wrappers))
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
