import OrderedCollections

/// The schema as SDL, byte for byte as graphql-js's `printSchema` (graphql-core's `print_schema`) prints it:
/// built-in scalars, specified directives and introspection types left out, `schema { … }` only when a root
/// has a non-standard name or the schema has a description.
public func printSchema(_ schema: GraphQLSchema) -> String {
    SchemaPrinter(schema: schema).print()
}

struct SchemaPrinter {
    let schema: GraphQLSchema

    func print() -> String {
        var blocks: [String] = []
        if let definition = schemaDefinition() { blocks.append(definition) }
        for directive in schema.directives.values where BuiltInDefinitions.directives[directive.name] == nil {
            blocks.append(printDirective(directive))
        }
        for (name, type) in schema.types
        where !ScalarType.builtInNames.contains(name) && !BuiltInDefinitions.introspectionTypeNames.contains(name) {
            blocks.append(printType(type))
        }
        return blocks.joined(separator: "\n\n")
    }

    private func schemaDefinition() -> String? {
        let usesCommonNames = schema.queryType == "Query" && (schema.mutationType ?? "Mutation") == "Mutation"
            && (schema.subscriptionType ?? "Subscription") == "Subscription"
        if schema.description == nil && usesCommonNames { return nil }
        var roots = ["  query: \(schema.queryType)"]
        if let mutation = schema.mutationType { roots.append("  mutation: \(mutation)") }
        if let subscription = schema.subscriptionType { roots.append("  subscription: \(subscription)") }
        return description(schema.description) + "schema {\n" + roots.joined(separator: "\n") + "\n}"
    }

    private func printType(_ type: GraphQLNamedType) -> String {
        let head = description(type.description)
        switch type {
        case .scalar(let scalar):
            let url = scalar.specifiedByURL.map { " @specifiedBy(url: \(Printer.printString($0)))" } ?? ""
            return head + "scalar \(scalar.name)" + url
        case .object(let object):
            return head + "type \(object.name)" + implements(object.interfaces) + fields(object.fields)
        case .interface(let interface):
            return head + "interface \(interface.name)" + implements(interface.interfaces) + fields(interface.fields)
        case .union(let union):
            let members = union.members.isEmpty ? "" : " = " + union.members.joined(separator: " | ")
            return head + "union \(union.name)" + members
        case .enumType(let enumType):
            let values = enumType.values.values.enumerated().map { index, value in
                description(value.description, indentation: "  ", firstInBlock: index == 0) + "  " + value.name
                    + deprecated(value.deprecationReason)
            }
            return head + "enum \(enumType.name)" + block(values)
        case .inputObject(let input):
            let fields = input.fields.values.enumerated().map { index, field in
                description(field.description, indentation: "  ", firstInBlock: index == 0) + "  " + inputValue(field)
            }
            return head + "input \(input.name)" + (input.isOneOf ? " @oneOf" : "") + block(fields)
        }
    }

    private func implements(_ interfaces: [String]) -> String {
        interfaces.isEmpty ? "" : " implements " + interfaces.joined(separator: " & ")
    }

    private func fields(_ fields: OrderedDictionary<String, FieldDefinition>) -> String {
        block(fields.values.enumerated().map { index, field in
            description(field.description, indentation: "  ", firstInBlock: index == 0) + "  " + field.name
                + arguments(field.arguments, indentation: "  ") + ": \(field.type)" + deprecated(field.deprecationReason)
        })
    }

    private func block(_ items: [String]) -> String {
        items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
    }

    private func arguments(_ arguments: OrderedDictionary<String, InputValueDefinition>, indentation: String = "") -> String {
        if arguments.isEmpty { return "" }
        // One line unless some argument has a description (an empty one counts as none, as in graphql-js).
        if !arguments.values.contains(where: { !($0.description ?? "").isEmpty }) {
            return "(" + arguments.values.map(inputValue).joined(separator: ", ") + ")"
        }
        let lines = arguments.values.enumerated().map { index, argument in
            description(argument.description, indentation: "  " + indentation, firstInBlock: index == 0) + "  "
                + indentation + inputValue(argument)
        }
        return "(\n" + lines.joined(separator: "\n") + "\n\(indentation))"
    }

    private func inputValue(_ value: InputValueDefinition) -> String {
        var text = "\(value.name): \(value.type)"
        if let defaultValue = schema.printedDefaultValue(of: value) { text += " = " + defaultValue }
        return text + deprecated(value.deprecationReason)
    }

    private func printDirective(_ directive: GraphQLDirective) -> String {
        description(directive.description) + "directive @\(directive.name)" + arguments(directive.arguments)
            + (directive.isRepeatable ? " repeatable" : "") + " on "
            + directive.locations.map(\.rawValue).joined(separator: " | ")
    }

    private func deprecated(_ reason: String?) -> String {
        guard let reason else { return "" }
        if reason == BuiltInDefinitions.defaultDeprecationReason { return " @deprecated" }
        return " @deprecated(reason: \(Printer.printString(reason)))"
    }

    /// A description above its definition, as a block string when it can be one faithfully.
    private func description(_ text: String?, indentation: String = "", firstInBlock: Bool = true) -> String {
        guard let text else { return "" }
        let literal = Self.isPrintableAsBlockString(text) ? Printer.printBlockString(text) : Printer.printString(text)
        let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
        return prefix + literal.replacing("\n", with: "\n" + indentation) + "\n"
    }

    /// Whether a block string would read back as exactly `text` (graphql-js `isPrintableAsBlockString`).
    static func isPrintableAsBlockString(_ text: String) -> Bool {
        if text.isEmpty { return true }
        var isEmptyLine = true
        var hasIndent = false
        var hasCommonIndent = true
        var seenNonEmptyLine = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x0D:
                return false
            case 0x0A:
                if isEmptyLine && !seenNonEmptyLine { return false }
                seenNonEmptyLine = true
                isEmptyLine = true
                hasIndent = false
            case 0x09, 0x20:
                hasIndent = hasIndent || isEmptyLine
            default:
                hasCommonIndent = hasCommonIndent && hasIndent
                isEmptyLine = false
            }
        }
        if isEmptyLine { return false }
        if hasCommonIndent && seenNonEmptyLine { return false }
        return true
    }
}
