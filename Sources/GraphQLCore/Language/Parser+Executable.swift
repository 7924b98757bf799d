/// The executable grammar: operations, variables, selection sets, fields and fragments.
extension Parser {
    mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token
        if peek(.braceL) {
            return OperationDefinition(
                operation: .query, name: nil, variableDefinitions: [], directives: [],
                selectionSet: try parseSelectionSet(), loc: start.loc)
        }
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        return OperationDefinition(
            operation: operation, name: name, variableDefinitions: try parseVariableDefinitions(),
            directives: try parseDirectives(isConst: false), selectionSet: try parseSelectionSet(), loc: start.loc)
    }

    /// Consumes the name before judging it, as graphql-js does, so an error in the token after it (say a
    /// stray quote) is reported first, exactly where graphql-js reports it.
    mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let current = try expect(.name)
        if isKeyword("query", current) { return .query }
        if isKeyword("mutation", current) { return .mutation }
        if isKeyword("subscription", current) { return .subscription }
        throw unexpected(current)
    }

    private mutating func parseVariableDefinitions() throws(GraphQLError) -> [VariableDefinition] {
        guard try expectOptional(.parenL) else { return [] }
        var definitions: [VariableDefinition] = []
        repeat {
            let start = token
            try expect(.dollar)
            let name = try parseName()
            try expect(.colon)
            let type = try parseTypeReference()
            let defaultValue = try expectOptional(.equals) ? try parseValue(isConst: true) : nil
            let directives = try parseDirectives(isConst: true)
            definitions.append(VariableDefinition(
                variable: Name(name.value, loc: start.loc), type: type, defaultValue: defaultValue,
                directives: directives, loc: start.loc))
        } while !(try expectOptional(.parenR))
        return definitions
    }

    /// `{ selection+ }`, counting nesting against `maxSelectionDepth` before recursing.
    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token
        if start.kind == .braceL {
            selectionDepth += 1
            if selectionDepth > options.maxSelectionDepth {
                throw error(
                    "Selection sets are nested more than \(options.maxSelectionDepth) levels deep. Parsing aborted.",
                    at: start)
            }
        }
        defer { if start.kind == .braceL { selectionDepth -= 1 } }
        try expect(.braceL)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while !(try expectOptional(.braceR))
        return SelectionSet(selections: selections, loc: start.loc)
    }

    private mutating func parseSelection() throws(GraphQLError) -> Selection {
        if peek(.spread) { return try parseFragment() }
        let start = token
        let nameOrAlias = try parseName()
        let alias: Name?
        let name: Name
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        } else {
            alias = nil
            name = nameOrAlias
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = peek(.braceL) ? try parseSelectionSet() : nil
        return .field(Field(
            alias: alias, name: name, arguments: arguments, directives: directives, selectionSet: selectionSet,
            loc: start.loc))
    }

    /// `...Name @dirs` or `... on Type @dirs { … }` or `... @dirs { … }`.
    private mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            return .fragmentSpread(FragmentSpread(
                name: name, directives: try parseDirectives(isConst: false), loc: start.loc))
        }
        let typeCondition = hasTypeCondition ? try parseName() : nil
        return .inlineFragment(InlineFragment(
            typeCondition: typeCondition, directives: try parseDirectives(isConst: false),
            selectionSet: try parseSelectionSet(), loc: start.loc))
    }

    mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = token
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseName()
        return FragmentDefinition(
            name: name, typeCondition: typeCondition, directives: try parseDirectives(isConst: false),
            selectionSet: try parseSelectionSet(), loc: start.loc)
    }

    /// Any name but `on`, which would make `... on` ambiguous.
    private mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if isKeyword("on") { throw unexpected(token) }
        return try parseName()
    }
}
