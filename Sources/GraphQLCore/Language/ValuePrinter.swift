/// Prints value literals as graphql-js's `print` does, for the "found …" part of messages and for comparing
/// arguments in OverlappingFieldsCanBeMerged. Iterative, so a deeply nested literal cannot overflow the stack.
enum ValuePrinter {
    /// The literal as GraphQL source. With `sortingObjectFields`, input object fields are printed in name
    /// order, so `{a: 1, b: 2}` and `{b: 2, a: 1}` print the same.
    static func print(_ value: Value, sortingObjectFields: Bool = false) -> String {
        var out = ""
        // Either a value still to print or a piece of punctuation to emit once its children are done.
        enum Step { case value(Value), text(String) }
        var stack: [Step] = [.value(value)]
        while let step = stack.popLast() {
            switch step {
            case .text(let text):
                out += text
            case .value(let value):
                switch value.kind {
                case .variable(let name): out += "$" + name
                case .int(let text), .float(let text): out += text
                case .string(let text, let block): out += block ? blockString(text) : quoted(text)
                case .boolean(let flag): out += flag ? "true" : "false"
                case .null: out += "null"
                case .enumValue(let name): out += name
                case .list(let items):
                    out += "["
                    stack.append(.text("]"))
                    for (index, item) in items.enumerated().reversed() {
                        stack.append(.value(item))
                        if index > 0 { stack.append(.text(", ")) }
                    }
                case .object(var fields):
                    if sortingObjectFields {
                        fields = fields.enumerated().sorted { lhs, rhs in
                            let order = Suggestions.naturalCompare(lhs.element.name.value, rhs.element.name.value)
                            return order != 0 ? order < 0 : lhs.offset < rhs.offset
                        }.map(\.element)
                    }
                    out += "{"
                    stack.append(.text("}"))
                    for (index, field) in fields.enumerated().reversed() {
                        stack.append(.value(field.value))
                        stack.append(.text((index > 0 ? ", " : "") + field.name.value + ": "))
                    }
                }
            }
        }
        return out
    }

    /// A JSON-style string literal with graphql-js's escapes.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x00...0x1F, 0x7F...0x9F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A block string as graphql-js's `printBlockString` lays it out.
    static func blockString(_ text: String) -> String {
        var escaped = ""
        var quotes = 0
        for character in text {
            // `"""` inside the text must be written `\"""`; count quotes to spot each run of three.
            if character == "\"" {
                quotes += 1
                if quotes == 3 {
                    escaped += "\\\"\"\""
                    quotes = 0
                }
                continue
            }
            escaped += String(repeating: "\"", count: quotes)
            quotes = 0
            escaped.append(character)
        }
        escaped += String(repeating: "\"", count: quotes)
        let lines = escaped.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        let isSingleLine = lines.count == 1
        func isWhiteSpace(_ c: Character?) -> Bool { c == " " || c == "\t" }
        let forceLeadingNewLine = lines.count > 1 && lines.dropFirst().allSatisfy { $0.isEmpty || isWhiteSpace($0.first) }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = text.hasSuffix("\"") && !hasTrailingTripleQuotes
        let hasTrailingSlash = text.hasSuffix("\\")
        let forceTrailingNewline = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines = !isSingleLine || text.utf16.count > 70 || forceTrailingNewline
            || forceLeadingNewLine || hasTrailingTripleQuotes
        var result = ""
        let skipLeadingNewLine = isSingleLine && isWhiteSpace(text.first)
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result += "\n" }
        result += escaped
        if printAsMultipleLines || forceTrailingNewline { result += "\n" }
        return "\"\"\"" + result + "\"\"\""
    }
}
