/// Prints syntax trees back to GraphQL text in graphql-js's `print` format, so that introspection's
/// `defaultValue` and printed documents read exactly as the reference implementation prints them.

/// A value literal as GraphQL text, e.g. `{a: [1, "x"], b: ENUM}`.
public func print(_ value: Value) -> String {
    ValuePrinter.print(value)
}

/// A type reference as GraphQL text, e.g. `[String!]!`.
public func print(_ type: TypeReference) -> String {
    switch type {
    case .named(let name): return name.value
    case .list(let inner, _): return "[" + print(inner) + "]"
    case .nonNull(let inner, _): return print(inner) + "!"
    }
}

/// A whole document as GraphQL text, definitions separated by a blank line.
public func print(_ document: Document) -> String {
    Printer.join(document.definitions.map(Printer.print), "\n\n")
}

/// The pieces of graphql-js's printer. Recursion follows the tree, whose depth the parser bounded.
enum Printer {
    static let maxLineLength = 80

    /// A string literal with JSON-style escapes for quotes, backslashes and control characters.
    static func printString(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
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

    /// A `"""` block string laid out as graphql-js's `printBlockString` lays it out.
    static func printBlockString(_ value: String) -> String {
        let escaped = value.replacing("\"\"\"", with: "\\\"\"\"")
        let lines = splitLines(escaped)
        let isSingleLine = lines.count == 1
        let forceLeadingNewLine = lines.count > 1 && lines.dropFirst().allSatisfy {
            $0.isEmpty || $0.unicodeScalars.first == " " || $0.unicodeScalars.first == "\t"
        }
        let hasTrailingTripleQuotes = escaped.hasSuffix("\\\"\"\"")
        let hasTrailingQuote = value.unicodeScalars.last == "\"" && !hasTrailingTripleQuotes
        let hasTrailingSlash = value.unicodeScalars.last == "\\"
        let forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash
        let printAsMultipleLines = !isSingleLine || value.utf16.count > 70 || forceTrailingNewLine
            || forceLeadingNewLine || hasTrailingTripleQuotes
        let first = value.unicodeScalars.first
        let skipLeadingNewLine = isSingleLine && (first == " " || first == "\t")
        var out = "\"\"\""
        if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { out += "\n" }
        out += escaped
        if printAsMultipleLines || forceTrailingNewLine { out += "\n" }
        return out + "\"\"\""
    }

    /// Splits on `\r\n`, `\n` and `\r`, as the spec's line terminators.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        let scalars = text.unicodeScalars
        while index < text.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(text[start..<index])
                var next = scalars.index(after: index)
                if scalar == "\r", next < text.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(text[start..<text.endIndex])
        return lines
    }

    /// Joins the non-empty parts, as graphql-js's `join` does.
    static func join(_ parts: [String], _ separator: String) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: separator)
    }

    /// `prefix + text + suffix`, or nothing when `text` is empty.
    static func wrap(_ prefix: String, _ text: String, _ suffix: String = "") -> String {
        text.isEmpty ? "" : prefix + text + suffix
    }

    static func indent(_ text: String) -> String {
        wrap("  ", text.replacing("\n", with: "\n  "))
    }

    static func block(_ parts: [String]) -> String {
        wrap("{\n", indent(join(parts, "\n")), "\n}")
    }
}
