import OrderedCollections

/// A JSON-like runtime value: decoded variables, coerced arguments, and the raw value of a JSON-ish custom scalar.
///
/// After coercion an enum value is `.string(name)` and an `ID` is `.string`, so resolvers read them with the same
/// accessors as strings.
public enum InputValue: Sendable, Hashable {
    /// JSON `null`, or a GraphQL `null` literal.
    case null
    /// A boolean.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in `Int`; `Int` coercion then checks the
    /// 32-bit range.
    case int(Int)
    /// Any other number: one with a fraction or exponent, or an integer too big for `Int`.
    case float(Double)
    /// A string; after coercion also an `ID` or an enum value (by name).
    case string(String)
    /// A list, items in order.
    case list([InputValue])
    /// Keys in the order the client wrote them.
    case object(OrderedDictionary<String, InputValue>)

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The string, if this is `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is `.int`.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number as a double, for `.float` and `.int`.
    public var doubleValue: Double? {
        switch self {
        case .float(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    /// The boolean, if this is `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The items, if this is `.list`.
    public var listValue: [InputValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    /// The fields, if this is `.object`.
    public var objectValue: OrderedDictionary<String, InputValue>? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// A field of an object value; nil when absent or not an object.
    public subscript(key: String) -> InputValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }
}

extension InputValue: CustomStringConvertible {
    /// The value as graphql-js's `inspect` shows it in error messages: `"abc"`, `[1, 2]`, `{ a: true }`.
    public var description: String { inspect(depth: 0) }

    private func inspect(depth: Int) -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value): return JSONWriter.formatDouble(value)
        case .string(let value):
            var writer = JSONWriter()
            writer.writeString(value)
            return writer.string
        case .list(let items):
            if items.isEmpty { return "[]" }
            if depth >= 2 { return "[Array]" }
            var parts = items.prefix(10).map { $0.inspect(depth: depth + 1) }
            if items.count > 10 { parts.append("... \(items.count - 10) more items") }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            if depth >= 2 { return "[Object]" }
            return "{ " + fields.map { "\($0.key): \($0.value.inspect(depth: depth + 1))" }.joined(separator: ", ") + " }"
        }
    }
}
