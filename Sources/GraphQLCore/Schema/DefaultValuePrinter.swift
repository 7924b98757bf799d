import OrderedCollections

extension GraphQLSchema {
    /// An argument's or input field's default value as introspection's `defaultValue` and `printSchema`
    /// print it: coerced to its type and printed back, as graphql-js's `print(astFromValue(…))` does.
    ///
    /// So `Float = 1.0` prints `1`, an `ID` default `"12"` prints `12`, a `[Int]` default `1` prints `[1]`,
    /// and missing input-object fields with defaults are filled in. Nil when there is no default, or when it
    /// does not coerce (graphql-js then shows none either).
    public func printedDefaultValue(of input: InputValueDefinition) -> String? {
        guard let literal = input.defaultValue else { return nil }
        return DefaultValuePrinter(types: types).render(literal, as: input.type, depth: 0)
    }
}

/// Coerces a const literal to a type and prints the result. Depth is capped because input-object defaults
/// can refer to their own type.
struct DefaultValuePrinter {
    let types: OrderedDictionary<String, GraphQLNamedType>
    static let maxDepth = 64

    func render(_ literal: Value, as type: GraphQLTypeRef, depth: Int) -> String? {
        guard depth < Self.maxDepth else { return nil }
        if case .null = literal.kind {
            return type.isNonNull ? nil : "null"
        }
        switch type {
        case .nonNull(let inner):
            return render(literal, as: inner, depth: depth)
        case .list(let item):
            guard case .list(let items) = literal.kind else {
                return render(literal, as: item, depth: depth + 1).map { "[" + $0 + "]" }
            }
            var parts: [String] = []
            for element in items {
                guard let part = render(element, as: item, depth: depth + 1) else { return nil }
                parts.append(part)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .named(let name):
            switch types[name] {
            case .scalar?: return scalar(literal, name)
            case .enumType(let enumType)?:
                guard case .enumValue(let value) = literal.kind, enumType.values[value] != nil else { return nil }
                return value
            case .inputObject(let input)?: return object(literal, input, depth: depth)
            default: return nil
            }
        }
    }

    private func object(_ literal: Value, _ input: InputObjectType, depth: Int) -> String? {
        guard case .object(let given) = literal.kind else { return nil }
        var parts: [String] = []
        var present: [Value.Kind] = []
        for field in input.fields.values {
            // graphql-js keys the literal's fields by name, so a repeated field's last value wins.
            let value = given.last(where: { $0.name.value == field.name })?.value ?? field.defaultValue
            guard let value else {
                if field.type.isNonNull { return nil }
                continue
            }
            guard let printed = render(value, as: field.type, depth: depth + 1) else { return nil }
            parts.append(field.name + ": " + printed)
            present.append(value.kind)
        }
        if input.isOneOf {
            guard present.count == 1 else { return nil }
            if case .null = present[0] { return nil }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    private func scalar(_ literal: Value, _ name: String) -> String? {
        switch (name, literal.kind) {
        case ("Int", .int(let text)):
            guard let number = Int32(text) else { return nil }
            return String(number)
        case ("Float", .int(let text)), ("Float", .float(let text)):
            guard let number = Double(text), number.isFinite else { return nil }
            return JavaScriptNumber.format(number)
        case ("String", .string(let text, _)):
            return Printer.printString(text)
        case ("Boolean", .boolean(let flag)):
            return flag ? "true" : "false"
        case ("ID", .string(let text, _)):
            return Self.isIntegerString(text) ? text : Printer.printString(text)
        case ("ID", .int(let text)):
            return text
        case ("Int", _), ("Float", _), ("String", _), ("Boolean", _), ("ID", _):
            return nil
        default:
            return untyped(literal)
        }
    }

    /// A custom scalar's literal as graphql-js's default `parseLiteral` then `serialize` would return it.
    private func untyped(_ literal: Value) -> String {
        switch literal.kind {
        case .int(let text), .float(let text):
            guard let number = Double(text), number.isFinite else { return text }
            return JavaScriptNumber.format(number)
        case .string(let text, _), .enumValue(let text):
            return Printer.printString(text)
        default:
            // graphql-js cannot print a list or object default of a custom scalar and throws; printing the
            // literal as written is the useful answer.
            return print(literal)
        }
    }

    static func isIntegerString(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return false }
        return first != "0" || digits.count == 1
    }
}
