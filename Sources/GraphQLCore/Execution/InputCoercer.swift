import OrderedCollections

/// Coerces client values to the schema's input types: JSON variables (`coerceInputValue`) and document
/// literals with variables (`valueFromAST`), with the spec's rules and graphql-js's error messages.
///
/// Recursion follows the value, whose depth the JSON parser and the document parser already bound.
struct InputCoercer: Sendable {
    let schema: GraphQLSchema
    let scalars: [String: ScalarCoercion]

    /// One problem found while coercing a JSON value: where, the offending value, and why.
    struct Problem {
        var path: [PathComponent]
        var value: InputValue
        var message: String
    }

    // MARK: JSON values (variables)

    /// Coerces `value` to `type`, reporting every problem; the result is meaningful only when none was reported.
    func coerce(_ value: InputValue, to type: GraphQLTypeRef, path: inout [PathComponent], problems: inout [Problem]) -> InputValue {
        if case .nonNull(let inner) = type {
            if value.isNull {
                problems.append(Problem(path: path, value: value, message: "Expected non-nullable type \"\(type)\" not to be null."))
                return .null
            }
            return coerce(value, to: inner, path: &path, problems: &problems)
        }
        if value.isNull { return .null }
        switch type {
        case .nonNull:
            return .null  // handled above
        case .list(let itemType):
            guard case .list(let items) = value else {
                // A single value where a list is expected is a list of one, as the spec says.
                return .list([coerce(value, to: itemType, path: &path, problems: &problems)])
            }
            var coerced: [InputValue] = []
            coerced.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                coerced.append(coerce(item, to: itemType, path: &path, problems: &problems))
                path.removeLast()
            }
            return .list(coerced)
        case .named(let name):
            return coerceNamed(value, typeName: name, path: &path, problems: &problems)
        }
    }

    private func coerceNamed(_ value: InputValue, typeName: String, path: inout [PathComponent], problems: inout [Problem]) -> InputValue {
        switch schema.type(named: typeName) {
        case .scalar?:
            if let builtIn = BuiltInScalar(name: typeName) {
                do { return try builtIn.parse(value) } catch {
                    problems.append(Problem(path: path, value: value, message: error.message))
                    return .null
                }
            }
            guard let hooks = scalars[typeName] else { return value }
            do { return try hooks.parseValue(value) } catch {
                problems.append(Problem(path: path, value: value, message: Self.customScalarMessage(typeName, error)))
                return .null
            }
        case .enumType(let enumType)?:
            guard case .string(let name) = value else {
                problems.append(Problem(path: path, value: value, message: "Enum \"\(typeName)\" cannot represent non-string value: \(value)."))
                return .null
            }
            guard enumType.values[name] != nil else {
                problems.append(Problem(path: path, value: value, message: "Value \"\(name)\" does not exist in \"\(typeName)\" enum."))
                return .null
            }
            return value
        case .inputObject(let objectType)?:
            return coerceObject(value, objectType, path: &path, problems: &problems)
        default:
            problems.append(Problem(path: path, value: value, message: "Expected type \"\(typeName)\" to be an input type."))
            return .null
        }
    }

    private func coerceObject(_ value: InputValue, _ type: InputObjectType, path: inout [PathComponent], problems: inout [Problem]) -> InputValue {
        guard case .object(let fields) = value else {
            problems.append(Problem(path: path, value: value, message: "Expected type \"\(type.name)\" to be an object."))
            return .null
        }
        var coerced = OrderedDictionary<String, InputValue>()
        for (name, definition) in type.fields {
            guard let fieldValue = fields[name] else {
                if let literal = definition.defaultValue {
                    coerced[name] = valueFromLiteral(literal, type: definition.type, variables: [:]) ?? .null
                } else if definition.type.isNonNull {
                    problems.append(Problem(path: path, value: value,
                        message: "Field \"\(name)\" of required type \"\(definition.type)\" was not provided."))
                }
                continue
            }
            path.append(.key(name))
            coerced[name] = coerce(fieldValue, to: definition.type, path: &path, problems: &problems)
            path.removeLast()
        }
        for name in fields.keys where type.fields[name] == nil {
            problems.append(Problem(path: path, value: value, message: "Field \"\(name)\" is not defined by type \"\(type.name)\"."))
        }
        if type.isOneOf {
            if coerced.count != 1 {
                problems.append(Problem(path: path, value: value, message: "Exactly one key must be specified for OneOf type \"\(type.name)\"."))
            } else if let (key, fieldValue) = coerced.elements.first, fieldValue.isNull {
                problems.append(Problem(path: path + [.key(key)], value: .null, message: "Field \"\(key)\" must be non-null."))
            }
        }
        return .object(coerced)
    }

    static func customScalarMessage(_ typeName: String, _ error: any Error) -> String {
        if let failure = error as? CoercionFailure { return failure.message }
        if let graphQLError = error as? GraphQLError { return graphQLError.message }
        return "Expected type \"\(typeName)\"."
    }

    // MARK: Literals (arguments, defaults)

    /// `valueFromAST`: the coerced value of a literal, or nil when it is invalid (validation normally rules that
    /// out; a variable that is missing or null in a non-null position is what remains).
    func valueFromLiteral(_ literal: Value, type: GraphQLTypeRef, variables: [String: InputValue]) -> InputValue? {
        if case .variable(let name) = literal.kind {
            guard let value = variables[name] else { return nil }
            if value.isNull, type.isNonNull { return nil }
            return value
        }
        switch type {
        case .nonNull(let inner):
            if case .null = literal.kind { return nil }
            return valueFromLiteral(literal, type: inner, variables: variables)
        case .list(let itemType):
            if case .null = literal.kind { return .null }
            guard case .list(let items) = literal.kind else {
                return valueFromLiteral(literal, type: itemType, variables: variables).map { .list([$0]) }
            }
            var coerced: [InputValue] = []
            coerced.reserveCapacity(items.count)
            for item in items {
                if case .variable(let name) = item.kind, variables[name] == nil {
                    if itemType.isNonNull { return nil }
                    coerced.append(.null)
                    continue
                }
                guard let value = valueFromLiteral(item, type: itemType, variables: variables) else { return nil }
                coerced.append(value)
            }
            return .list(coerced)
        case .named(let name):
            if case .null = literal.kind { return .null }
            return namedFromLiteral(literal, typeName: name, variables: variables)
        }
    }

    private func namedFromLiteral(_ literal: Value, typeName: String, variables: [String: InputValue]) -> InputValue? {
        switch schema.type(named: typeName) {
        case .scalar?:
            if let builtIn = BuiltInScalar(name: typeName) { return builtIn.parseLiteral(literal.kind) }
            let json = Self.untyped(literal, variables: variables)
            guard let hooks = scalars[typeName] else { return json }
            return try? hooks.parseValue(json)
        case .enumType(let enumType)?:
            guard case .enumValue(let name) = literal.kind, enumType.values[name] != nil else { return nil }
            return .string(name)
        case .inputObject(let objectType)?:
            guard case .object(let fieldNodes) = literal.kind else { return nil }
            var coerced = OrderedDictionary<String, InputValue>()
            for (name, definition) in objectType.fields {
                let node = fieldNodes.first { $0.name.value == name }
                var missing = node == nil
                if let node, case .variable(let variable) = node.value.kind, variables[variable] == nil { missing = true }
                if missing {
                    if let literal = definition.defaultValue {
                        coerced[name] = valueFromLiteral(literal, type: definition.type, variables: [:])
                    } else if definition.type.isNonNull {
                        return nil
                    }
                    continue
                }
                guard let node, let value = valueFromLiteral(node.value, type: definition.type, variables: variables) else {
                    return nil
                }
                coerced[name] = value
            }
            if objectType.isOneOf {
                guard fieldNodes.count == 1, coerced.count == 1, coerced.values.first?.isNull == false else { return nil }
            }
            return .object(coerced)
        default:
            return nil
        }
    }

    /// A literal as plain JSON, variables substituted (missing ones become null): what custom scalars parse.
    static func untyped(_ literal: Value, variables: [String: InputValue]) -> InputValue {
        switch literal.kind {
        case .variable(let name): return variables[name] ?? .null
        case .int(let text): return Int(text).map(InputValue.int) ?? .float(Double(text) ?? 0)
        case .float(let text): return .float(Double(text) ?? 0)
        case .string(let text, _): return .string(text)
        case .boolean(let flag): return .bool(flag)
        case .null: return .null
        case .enumValue(let name): return .string(name)
        case .list(let items): return .list(items.map { untyped($0, variables: variables) })
        case .object(let fields):
            var object = OrderedDictionary<String, InputValue>()
            for field in fields { object[field.name.value] = untyped(field.value, variables: variables) }
            return .object(object)
        }
    }
}

extension BuiltInScalar {
    /// Literal coercion: the spec's rules for which literal kinds each scalar accepts.
    func parseLiteral(_ kind: Value.Kind) -> InputValue? {
        switch (self, kind) {
        case (.int, .int(let text)):
            guard let number = Int32(text) else { return nil }
            return .int(Int(number))
        case (.float, .int(let text)), (.float, .float(let text)):
            guard let number = Double(text), number.isFinite else { return nil }
            return .float(number)
        case (.string, .string(let text, _)), (.id, .string(let text, _)):
            return .string(text)
        case (.id, .int(let text)):
            return .string(text)
        case (.boolean, .boolean(let flag)):
            return .bool(flag)
        default:
            return nil
        }
    }
}
