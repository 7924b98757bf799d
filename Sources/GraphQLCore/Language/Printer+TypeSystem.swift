/// Printing SDL syntax trees in graphql-js's layout (`print` of a type-system document).
extension Printer {
    static func print(_ definition: TypeSystemDefinition) -> String {
        switch definition {
        case .schema(let schema): return print(schema, keyword: "schema")
        case .schemaExtension(let schema): return print(schema, keyword: "extend schema")
        case .type(let type): return print(type, extending: false)
        case .typeExtension(let type): return print(type, extending: true)
        case .directive(let directive):
            return description(directive.description) + "directive @" + directive.name.value
                + arguments(directive.arguments) + (directive.isRepeatable ? " repeatable" : "") + " on "
                + directive.locations.map(\.value).joined(separator: " | ")
        }
    }

    private static func print(_ schema: SchemaDefinition, keyword: String) -> String {
        description(schema.description) + join([
            keyword, print(schema.directives),
            block(schema.operationTypes.map { $0.operation.rawValue + ": " + $0.type.value }),
        ], " ")
    }

    private static func print(_ type: TypeDefinition, extending: Bool) -> String {
        let prefix = extending ? "extend " : ""
        let head = extending ? "" : description(type.description)
        let name = type.name.value
        let directives = print(type.directives)
        switch type.kind {
        case .scalar:
            return head + join([prefix + "scalar", name, directives], " ")
        case .object(let interfaces, let fields), .interface(let interfaces, let fields):
            let keyword: String
            if case .object = type.kind { keyword = "type" } else { keyword = "interface" }
            return head + join([
                prefix + keyword, name, wrap("implements ", interfaces.map(\.value).joined(separator: " & ")),
                directives, block(fields.map(print)),
            ], " ")
        case .union(let members):
            return head + join([
                prefix + "union", name, directives, wrap("= ", members.map(\.value).joined(separator: " | ")),
            ], " ")
        case .enumType(let values):
            let printed = values.map { description($0.description) + join([$0.name.value, print($0.directives)], " ") }
            return head + join([prefix + "enum", name, directives, block(printed)], " ")
        case .inputObject(let fields):
            return head + join([prefix + "input", name, directives, block(fields.map(print))], " ")
        }
    }

    private static func print(_ field: FieldDefinitionNode) -> String {
        description(field.description) + field.name.value + arguments(field.arguments) + ": "
            + GraphQLCore.print(field.type) + wrap(" ", print(field.directives))
    }

    private static func print(_ input: InputValueDefinitionNode) -> String {
        description(input.description) + join([
            input.name.value + ": " + GraphQLCore.print(input.type),
            wrap("= ", input.defaultValue.map(GraphQLCore.print) ?? ""), print(input.directives),
        ], " ")
    }

    /// Argument definitions on one line, or one per line when any of them spans lines (has a description).
    private static func arguments(_ arguments: [InputValueDefinitionNode]) -> String {
        let printed = arguments.map(print)
        if printed.contains(where: { $0.contains("\n") }) {
            return wrap("(\n", indent(printed.joined(separator: "\n")), "\n)")
        }
        return wrap("(", printed.joined(separator: ", "), ")")
    }

    private static func description(_ literal: StringLiteral?) -> String {
        guard let literal else { return "" }
        return (literal.block ? printBlockString(literal.value) : printString(literal.value)) + "\n"
    }
}
