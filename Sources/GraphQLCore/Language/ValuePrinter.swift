/// Prints value literals as graphql-js's `print` does: for `print(_: Value)`, the "found …" part of messages and
/// comparing arguments in OverlappingFieldsCanBeMerged. Iterative, so a deeply nested literal cannot overflow
/// the stack.
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
                case .string(let text, let block): out += block ? Printer.printBlockString(text) : Printer.printString(text)
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
}
