/// The type-system grammar (SDL): schema, type and directive definitions, and their extensions.
extension Parser {
    /// A definition whose keyword follows an optional description.
    mutating func parseTypeSystemDefinition() throws(GraphQLError) -> TypeSystemDefinition {
        let start = token
        let description = try parseDescription()
        if isKeyword("schema") {
            try advance()
            let directives = try parseDirectives(isConst: true)
            try expect(.braceL)
            var operationTypes: [(operation: OperationType, type: Name)] = []
            repeat {
                operationTypes.append(try parseOperationTypeDefinition())
            } while !(try expectOptional(.braceR))
            return .schema(SchemaDefinition(
                description: description, directives: directives, operationTypes: operationTypes, loc: start.loc))
        }
        if isKeyword("directive") { return .directive(try parseDirectiveDefinition(description, start: start)) }
        return .type(try parseTypeDefinition(description: description, start: start, isExtension: false))
    }

    private mutating func parseDescription() throws(GraphQLError) -> StringLiteral? {
        guard peek(.string) || peek(.blockString) else { return nil }
        let literal = StringLiteral(value: lexer.stringValue, block: token.kind == .blockString, loc: token.loc)
        try advance()
        return literal
    }

    private mutating func parseOperationTypeDefinition() throws(GraphQLError) -> (operation: OperationType, type: Name) {
        let operation = try parseOperationType()
        try expect(.colon)
        return (operation, try parseName())
    }

    /// `scalar|type|interface|union|enum|input Name …`; for an extension, at least one part must follow the
    /// name, as the spec requires.
    private mutating func parseTypeDefinition(
        description: StringLiteral?, start: Token, isExtension: Bool
    ) throws(GraphQLError) -> TypeDefinition {
        let keyword = token
        let kind: TypeDefinition.Kind
        let name: Name
        let directives: [Directive]
        var isEmpty: Bool
        if isKeyword("scalar") {
            try advance()
            name = try parseName()
            directives = try parseDirectives(isConst: true)
            kind = .scalar
            isEmpty = directives.isEmpty
        } else if isKeyword("type") || isKeyword("interface") {
            try advance()
            name = try parseName()
            let interfaces = try parseImplementsInterfaces()
            directives = try parseDirectives(isConst: true)
            let fields = try parseFieldDefinitions()
            kind = isKeyword("type", keyword)
                ? .object(interfaces: interfaces, fields: fields) : .interface(interfaces: interfaces, fields: fields)
            isEmpty = interfaces.isEmpty && directives.isEmpty && fields.isEmpty
        } else if isKeyword("union") {
            try advance()
            name = try parseName()
            directives = try parseDirectives(isConst: true)
            var members: [Name] = []
            if try expectOptional(.equals) {
                _ = try expectOptional(.pipe)
                repeat { members.append(try parseName()) } while try expectOptional(.pipe)
            }
            kind = .union(members: members)
            isEmpty = directives.isEmpty && members.isEmpty
        } else if isKeyword("enum") {
            try advance()
            name = try parseName()
            directives = try parseDirectives(isConst: true)
            var values: [EnumValueDefinitionNode] = []
            if try expectOptional(.braceL) {
                repeat { values.append(try parseEnumValueDefinition()) } while !(try expectOptional(.braceR))
            }
            kind = .enumType(values: values)
            isEmpty = directives.isEmpty && values.isEmpty
        } else if isKeyword("input") {
            try advance()
            name = try parseName()
            directives = try parseDirectives(isConst: true)
            var fields: [InputValueDefinitionNode] = []
            if try expectOptional(.braceL) {
                repeat { fields.append(try parseInputValueDefinition()) } while !(try expectOptional(.braceR))
            }
            kind = .inputObject(fields: fields)
            isEmpty = directives.isEmpty && fields.isEmpty
        } else {
            throw unexpected(keyword)
        }
        if isExtension && isEmpty { throw unexpected(token) }
        return TypeDefinition(description: description, name: name, directives: directives, kind: kind, loc: start.loc)
    }

    /// `implements &? A & B`.
    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [Name] {
        guard try expectOptionalKeyword("implements") else { return [] }
        _ = try expectOptional(.amp)
        var names: [Name] = []
        repeat { names.append(try parseName()) } while try expectOptional(.amp)
        return names
    }

    private mutating func parseFieldDefinitions() throws(GraphQLError) -> [FieldDefinitionNode] {
        guard try expectOptional(.braceL) else { return [] }
        var fields: [FieldDefinitionNode] = []
        repeat {
            let start = token
            let description = try parseDescription()
            let name = try parseName()
            let arguments = try parseArgumentDefinitions()
            try expect(.colon)
            let type = try parseTypeReference()
            fields.append(FieldDefinitionNode(
                description: description, name: name, arguments: arguments, type: type,
                directives: try parseDirectives(isConst: true), loc: start.loc))
        } while !(try expectOptional(.braceR))
        return fields
    }

    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinitionNode] {
        guard try expectOptional(.parenL) else { return [] }
        var arguments: [InputValueDefinitionNode] = []
        repeat { arguments.append(try parseInputValueDefinition()) } while !(try expectOptional(.parenR))
        return arguments
    }

    private mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinitionNode {
        let start = token
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValue(isConst: true) : nil
        return InputValueDefinitionNode(
            description: description, name: name, type: type, defaultValue: defaultValue,
            directives: try parseDirectives(isConst: true), loc: start.loc)
    }

    private mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinitionNode {
        let start = token
        let description = try parseDescription()
        if isKeyword("true") || isKeyword("false") || isKeyword("null") {
            throw error("\(describe(token)) is reserved and cannot be used for an enum value.", at: token)
        }
        let name = try parseName()
        return EnumValueDefinitionNode(
            description: description, name: name, directives: try parseDirectives(isConst: true), loc: start.loc)
    }

    /// `directive @name(args) repeatable? on |? LOCATION | …`.
    private mutating func parseDirectiveDefinition(
        _ description: StringLiteral?, start: Token
    ) throws(GraphQLError) -> DirectiveDefinition {
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let isRepeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        _ = try expectOptional(.pipe)
        var locations: [Name] = []
        repeat {
            let location = token
            let locationName = try parseName()
            guard DirectiveLocation(rawValue: locationName.value) != nil else { throw unexpected(location) }
            locations.append(locationName)
        } while try expectOptional(.pipe)
        return DirectiveDefinition(
            description: description, name: name, arguments: arguments, isRepeatable: isRepeatable,
            locations: locations, loc: start.loc)
    }

    /// `extend schema|scalar|type|interface|union|enum|input …`.
    mutating func parseTypeSystemExtension() throws(GraphQLError) -> TypeSystemDefinition {
        let start = token
        let keyword = try lookahead()
        try expectKeyword("extend")
        if isKeyword("schema") {
            try advance()
            let directives = try parseDirectives(isConst: true)
            var operationTypes: [(operation: OperationType, type: Name)] = []
            if try expectOptional(.braceL) {
                repeat {
                    operationTypes.append(try parseOperationTypeDefinition())
                } while !(try expectOptional(.braceR))
            }
            if directives.isEmpty && operationTypes.isEmpty { throw unexpected(token) }
            return .schemaExtension(SchemaDefinition(
                description: nil, directives: directives, operationTypes: operationTypes, loc: start.loc))
        }
        guard keyword.kind == .name, !isKeyword("directive") else { throw unexpected(keyword) }
        return .typeExtension(try parseTypeDefinition(description: nil, start: start, isExtension: true))
    }
}
