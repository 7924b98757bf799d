/// Prints values as GraphQL literals: document literals in error messages, and default values in introspection
/// (graphql-js's `print(astFromValue(value, type))`, so `defaultValue` matches the reference implementation).
enum LiteralPrinter {
    /// A document literal as written (normalised: no block strings, `{a: 1}` spacing as graphql-js prints).
    static func print(_ value: Value) -> String {
        switch value.kind {
        case .variable(let name): return "$" + name
        case .int(let text), .float(let text): return text
        case .string(let text, _): return printString(text)
        case .boolean(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .enumValue(let name): return name
        case .list(let items): return "[" + items.map(print).joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.map { "\($0.name.value): \(print($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A coerced value printed as a literal of `type` (`astFromValue`): ID strings that look like integers print
    /// as integers, whole floats without a fraction, enums bare.
    static func print(_ value: InputValue, type: GraphQLTypeRef, schema: GraphQLSchema) -> String {
        switch type {
        case .nonNull(let inner): return print(value, type: inner, schema: schema)
        case .list(let itemType):
            guard case .list(let items) = value else { return print(value, type: itemType, schema: schema) }
            return "[" + items.map { print($0, type: itemType, schema: schema) }.joined(separator: ", ") + "]"
        case .named(let name):
            if value.isNull { return "null" }
            switch schema.type(named: name) {
            case .inputObject(let objectType)?:
                guard case .object(let fields) = value else { return printUntyped(value) }
                let parts = objectType.fields.compactMap { fieldName, definition -> String? in
                    guard let fieldValue = fields[fieldName] else { return nil }
                    return "\(fieldName): \(print(fieldValue, type: definition.type, schema: schema))"
                }
                return "{" + parts.joined(separator: ", ") + "}"
            case .enumType?:
                return value.stringValue ?? printUntyped(value)
            default:
                if name == "ID", case .string(let text) = value, isIntegerText(text) { return text }
                return printUntyped(value)
            }
        }
    }

    private static func printUntyped(_ value: InputValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return JSONWriter.formatDouble(number)
        case .string(let text): return printString(text)
        case .list(let items): return "[" + items.map(printUntyped).joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.map { "\($0.key): \(printUntyped($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private static func isIntegerText(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard let first = digits.first, digits.allSatisfy(\.isASCIIDigit) else { return false }
        return first != "0" || digits.count == 1
    }

    /// graphql-js's `printString`: JSON-like escapes, and C0/C1 controls as `\uXXXX`.
    static func printString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
