/// CompleteValue: turns a resolver's `FieldValue` into response slots for the field's type, queueing object
/// values for the next level, with the spec's null propagation.
///
/// A failure is recorded once, where it happens, and then travels up as `Propagate` through non-null positions
/// until a nullable position absorbs it as null.
extension Executor {
    struct Propagate: Error {}

    func completeField(_ value: FieldValue, field: FieldPlan<Context>, node: ResultNode, index: Int, next: inout [Work]) {
        do {
            node.slots[index] = try complete(value, field.completion, field: field, node: node, index: index, nonNull: false, next: &next)
        } catch {
            // Only a non-null field lets `Propagate` escape: its parent object becomes null.
            nullOut(node)
        }
    }

    private func complete(
        _ value: FieldValue, _ plan: CompletionPlan<Context>, field: FieldPlan<Context>, node: ResultNode, index: Int,
        nonNull: Bool, next: inout [Work]
    ) throws(Propagate) -> ResultSlot {
        if case .nonNull(let inner) = plan {
            let slot = try complete(value, inner, field: field, node: node, index: index, nonNull: true, next: &next)
            if case .null = slot {
                record(GraphQLError(
                    "Cannot return null for non-nullable field \(field.info.parentType).\(field.info.fieldName).",
                    locations: field.locations, path: node.path(ofSlot: index), code: .internalServerError))
                throw Propagate()
            }
            return slot
        }
        do {
            return try completeNullable(value, plan, field: field, node: node, index: index, nonNull: nonNull, next: &next)
        } catch {
            if nonNull { throw error }
            return .null
        }
    }

    private func completeNullable(
        _ value: FieldValue, _ plan: CompletionPlan<Context>, field: FieldPlan<Context>, node: ResultNode, index: Int,
        nonNull: Bool, next: inout [Work]
    ) throws(Propagate) -> ResultSlot {
        if case .null = value { return .null }
        if case .error(let error) = value { throw failure(error, field: field, node: node, index: index, fallback: "") }
        switch plan {
        case .nonNull(let inner):
            return try complete(value, inner, field: field, node: node, index: index, nonNull: true, next: &next)
        case .builtIn(let scalar):
            do {
                switch try scalar.serialize(value) {
                case .int(let number): return .int(number)
                case .float(let number): return .float(number)
                case .string(let text): return .string(text)
                case .bool(let flag): return .bool(flag)
                default: return .null
                }
            } catch {
                throw fieldFailure(error.message, field: field, node: node, index: index)
            }
        case .enumType(let enumType):
            guard case .string(let name) = value, enumType.values[name] != nil else {
                throw fieldFailure("Enum \"\(enumType.name)\" cannot represent value: \(BuiltInScalar.inspect(value))", field: field, node: node, index: index)
            }
            return .string(name)
        case .custom(let name, let hooks):
            do {
                let json = try (hooks?.serialize ?? ScalarCoercion.passThrough)(value)
                return json.isNull ? .null : .json(json)
            } catch {
                throw failure(error, field: field, node: node, index: index, fallback: "Expected a value of type \"\(name)\".")
            }
        case .list(let itemPlan):
            guard case .list(let items) = value else {
                throw fieldFailure(
                    "Expected Iterable, but did not find one for field \"\(field.info.parentType).\(field.info.fieldName)\".",
                    field: field, node: node, index: index)
            }
            let list = ResultNode(listWithCount: items.count, parent: node, index: index, nonNull: nonNull)
            for (itemIndex, item) in items.enumerated() {
                list.slots.append(.null)
                do {
                    list.slots[itemIndex] = try complete(item, itemPlan, field: field, node: list, index: itemIndex, nonNull: false, next: &next)
                } catch {
                    // A non-null item failed: the whole list is null (and queued children under it are skipped).
                    list.isNulled = true
                    anyNulled = true
                    detachedNodes.append(list)
                    throw error
                }
            }
            return .node(list)
        case .object(let plan):
            guard let source = value.source else { throw notAnObject(field: field, node: node, index: index) }
            return .node(enqueue(plan, source: source, node: node, index: index, nonNull: nonNull, next: &next))
        case .abstract(let abstractName, let plans):
            guard let source = value.source else { throw notAnObject(field: field, node: node, index: index) }
            let typeName = resolveTypeName(value, source: source, abstractName: abstractName)
            guard let typeName else {
                throw fieldFailure(
                    "Abstract type \"\(abstractName)\" must resolve to an Object type at runtime for field \"\(field.info.parentType).\(field.info.fieldName)\". Either the \"\(abstractName)\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.",
                    field: field, node: node, index: index)
            }
            guard let lookup = plans.plan(for: typeName) else {
                let message = executable.schema.type(named: typeName) == nil
                    ? "Abstract type \"\(abstractName)\" was resolved to a type \"\(typeName)\" that does not exist inside the schema."
                    : "Runtime Object type \"\(typeName)\" is not a possible type for \"\(abstractName)\"."
                throw fieldFailure(message, field: field, node: node, index: index)
            }
            switch lookup {
            case .success(let plan):
                return .node(enqueue(plan, source: source, node: node, index: index, nonNull: nonNull, next: &next))
            case .failure(let error):
                throw failure(error, field: field, node: node, index: index, fallback: "")
            }
        }
    }

    private func enqueue(
        _ plan: SelectionPlan<Context>, source: any Sendable, node: ResultNode, index: Int, nonNull: Bool, next: inout [Work]
    ) -> ResultNode {
        let child = ResultNode(objectWithKeys: plan.resultKeys, parent: node, index: index, nonNull: nonNull)
        next.append(Work(plan: plan, source: source, node: child))
        return child
    }

    private func resolveTypeName(_ value: FieldValue, source: any Sendable, abstractName: String) -> String? {
        if case .typed(let name, _) = value { return name }
        if let resolve = executable.typeResolvers[abstractName], let name = resolve(source, context) { return name }
        return (source as? any GraphQLTypeNamed)?.graphQLTypeName
    }

    private func notAnObject(field: FieldPlan<Context>, node: ResultNode, index: Int) -> Propagate {
        failure(ObjectValueExpected(field: field.info), field: field, node: node, index: index, fallback: "")
    }

    /// Records a client-facing error at this position and returns the marker to throw.
    private func fieldFailure(_ message: String, field: FieldPlan<Context>, node: ResultNode, index: Int) -> Propagate {
        record(GraphQLError(message, locations: field.locations, path: node.path(ofSlot: index), code: .internalServerError))
        return Propagate()
    }

    private func failure(_ error: any Error, field: FieldPlan<Context>, node: ResultNode, index: Int, fallback: String) -> Propagate {
        if let coercion = error as? CoercionFailure { return fieldFailure(coercion.message, field: field, node: node, index: index) }
        record(locatedError(error, field: field, path: node.path(ofSlot: index)))
        return Propagate()
    }
}

/// A resolver returned a leaf where an object source was needed. Internal: masked.
struct ObjectValueExpected: Error, CustomStringConvertible {
    let field: FieldInfo
    var description: String { "\(field.parentType).\(field.fieldName): resolver returned a leaf for an object field" }
}
