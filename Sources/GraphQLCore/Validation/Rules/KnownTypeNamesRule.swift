/// Spec 5.5.1.2 and 5.8.3 (as graphql-js's KnownTypeNames): every named type in the document exists.
enum KnownTypeNamesRule {
    /// Built-in scalars and introspection types, which SDL may name without defining.
    static let standardTypeNames = [
        "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type",
        "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ]

    static func check(_ name: Name, isSDL: Bool = false, _ context: ValidationContext) {
        let typeName = name.value
        if context.schema.types[typeName] != nil || context.documentTypeNames.contains(typeName) { return }
        if isSDL && standardTypeNames.contains(typeName) { return }
        var candidates = Array(context.schema.types.keys) + context.documentTypeNames.sorted()
        if isSDL { candidates = standardTypeNames + candidates }
        let suggestions = Suggestions.list(typeName, options: candidates)
        context.report("Unknown type \"\(typeName)\"." + Suggestions.didYouMean(suggestions), [name.loc])
    }

    /// The named types an SDL definition refers to (ExecutableDefinitions has already rejected it).
    static func check(_ definition: TypeSystemDefinition, _ context: ValidationContext) {
        var names: [Name] = []
        func add(_ arguments: [InputValueDefinitionNode]) {
            names += arguments.map { $0.type.namedType }
        }
        switch definition {
        case .schema(let schema), .schemaExtension(let schema):
            names = schema.operationTypes.map(\.type)
        case .directive(let directive):
            add(directive.arguments)
        case .type(let type), .typeExtension(let type):
            switch type.kind {
            case .scalar, .enumType: break
            case .object(let interfaces, let fields), .interface(let interfaces, let fields):
                names = interfaces
                for field in fields {
                    add(field.arguments)
                    names.append(field.type.namedType)
                }
            case .union(let members): names = members
            case .inputObject(let fields): add(fields)
            }
        }
        for name in names { check(name, isSDL: true, context) }
    }
}
