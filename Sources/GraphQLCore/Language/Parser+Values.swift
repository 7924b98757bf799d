/// Values, arguments, directives and type references: the grammar shared by executable documents and SDL.
extension Parser {
    mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        guard try expectOptional(.parenL) else { return [] }
        var arguments: [Argument] = []
        repeat {
            let name = try parseName()
            try expect(.colon)
            arguments.append(Argument(name: name, value: try parseValue(isConst: isConst)))
        } while !(try expectOptional(.parenR))
        return arguments
    }

    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            let start = token
            try advance()
            let name = try parseName()
            directives.append(Directive(name: name, arguments: try parseArguments(isConst: isConst), loc: start.loc))
        }
        return directives
    }

    /// A value literal; with `isConst`, variables are refused as graphql-js refuses them.
    mutating func parseValue(isConst: Bool) throws(GraphQLError) -> Value {
        let start = token
        switch start.kind {
        case .bracketL:
            try enterValue(start)
            defer { valueDepth -= 1 }
            try advance()
            var items: [Value] = []
            while !(try expectOptional(.bracketR)) {
                items.append(try parseValue(isConst: isConst))
            }
            return Value(.list(items), loc: start.loc)
        case .braceL:
            try enterValue(start)
            defer { valueDepth -= 1 }
            try advance()
            var fields: [ObjectField] = []
            while !(try expectOptional(.braceR)) {
                let name = try parseName()
                try expect(.colon)
                fields.append(ObjectField(name: name, value: try parseValue(isConst: isConst)))
            }
            return Value(.object(fields), loc: start.loc)
        case .int:
            try advance()
            return Value(.int(text(of: start)), loc: start.loc)
        case .float:
            try advance()
            return Value(.float(text(of: start)), loc: start.loc)
        case .string, .blockString:
            // Read before advancing: the lexer keeps only the current string's value.
            let value = lexer.stringValue
            try advance()
            return Value(.string(value, block: start.kind == .blockString), loc: start.loc)
        case .name:
            try advance()
            if isKeyword("true", start) { return Value(.boolean(true), loc: start.loc) }
            if isKeyword("false", start) { return Value(.boolean(false), loc: start.loc) }
            if isKeyword("null", start) { return Value(.null, loc: start.loc) }
            return Value(.enumValue(text(of: start)), loc: start.loc)
        case .dollar:
            try advance()
            if isConst {
                if peek(.name) {
                    throw error("Unexpected variable \"$\(text(of: token))\" in constant value.", at: start)
                }
                throw unexpected(start)
            }
            return Value(.variable(try parseName().value), loc: start.loc)
        default:
            throw unexpected(start)
        }
    }

    /// Counts one level of list/object nesting (values and list types share the limit).
    private mutating func enterValue(_ start: Token) throws(GraphQLError) {
        valueDepth += 1
        if valueDepth > options.maxValueDepth {
            valueDepth -= 1
            throw error(
                "Lists or input objects are nested more than \(options.maxValueDepth) levels deep. Parsing aborted.",
                at: start)
        }
    }

    /// `Name`, `[Type]`, `Type!`.
    mutating func parseTypeReference() throws(GraphQLError) -> TypeReference {
        let start = token
        let type: TypeReference
        if start.kind == .bracketL {
            try enterValue(start)
            defer { valueDepth -= 1 }
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketR)
            type = .list(inner, loc: start.loc)
        } else {
            type = .named(try parseName())
        }
        if try expectOptional(.bang) {
            return .nonNull(type, loc: start.loc)
        }
        return type
    }
}
