/// A recursive-descent parser over `Lexer` tokens, with one token of lookahead (two for descriptions).
///
/// Recursion happens only through selection sets, list and object values, and list types; each of those
/// counts its depth against `ParseOptions`, so no input can exhaust the stack. Every token is counted against
/// `maxTokens`, so the work is bounded even for documents made of cheap tokens.
struct Parser {
    var lexer: Lexer
    /// The current token, not yet consumed.
    var token: Token
    let options: ParseOptions
    private var tokenCount = 0
    var selectionDepth = 0
    var valueDepth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions) throws(GraphQLError) {
        self.lexer = Lexer(bytes: bytes)
        self.options = options
        self.token = Token(kind: .endOfFile, start: 0, end: 0, loc: SourceLocation(line: 1, column: 1))
        try advance()
    }

    /// Moves to the next token, enforcing the token limit.
    mutating func advance() throws(GraphQLError) {
        token = try lexer.next()
        guard token.kind != .endOfFile else { return }
        tokenCount += 1
        if tokenCount > options.maxTokens {
            throw error(
                "Document contains more than \(options.maxTokens) tokens. Parsing aborted.", at: token)
        }
    }

    // MARK: Token helpers

    @inline(__always) func peek(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Consumes a token of `kind` or fails with graphql-js's "Expected …, found …." message.
    @discardableResult
    mutating func expect(_ kind: TokenKind) throws(GraphQLError) -> Token {
        let current = token
        guard current.kind == kind else {
            throw error("Expected \(kind.description), found \(describe(current)).", at: current)
        }
        try advance()
        return current
    }

    /// Consumes a token of `kind` if it is the current one.
    mutating func expectOptional(_ kind: TokenKind) throws(GraphQLError) -> Bool {
        guard token.kind == kind else { return false }
        try advance()
        return true
    }

    /// Whether the current token is the name `keyword`, compared on bytes so no string is built.
    func isKeyword(_ keyword: StaticString) -> Bool {
        isKeyword(keyword, token)
    }

    func isKeyword(_ keyword: StaticString, _ candidate: Token) -> Bool {
        guard candidate.kind == .name, candidate.end - candidate.start == keyword.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
        for index in 0..<expected.count where lexer.bytes[candidate.start + index] != expected[index] {
            return false
        }
        return true
    }

    mutating func expectKeyword(_ keyword: StaticString) throws(GraphQLError) {
        guard isKeyword(keyword) else {
            throw error("Expected \"\(keyword)\", found \(describe(token)).", at: token)
        }
        try advance()
    }

    mutating func expectOptionalKeyword(_ keyword: StaticString) throws(GraphQLError) -> Bool {
        guard isKeyword(keyword) else { return false }
        try advance()
        return true
    }

    /// The source text of a name or number token.
    func text(of token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: lexer.bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// graphql-js's token description: `Name "foo"`, `"}"`, `<EOF>`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .name, .int, .float: return "\(token.kind.description) \"\(text(of: token))\""
        case .string, .blockString: return "\(token.kind.description) \"\(stringValue(of: token))\""
        default: return token.kind.description
        }
    }

    /// A string token's value. Only the current token's is kept, so others (a lookahead token in an error
    /// message) are scanned again, which happens on error paths only.
    func stringValue(of token: Token) -> String {
        if token.start == self.token.start { return lexer.stringValue }
        var rescan = lexer
        rescan.position = token.start
        guard (try? rescan.next()) != nil else { return "" }
        return rescan.stringValue
    }

    func error(_ message: String, at token: Token) -> GraphQLError {
        GraphQLError("Syntax Error: " + message, locations: [token.loc], code: .parseFailed)
    }

    func unexpected(_ token: Token) -> GraphQLError {
        error("Unexpected \(describe(token)).", at: token)
    }

    /// The token after the current one, without consuming anything.
    func lookahead() throws(GraphQLError) -> Token {
        var copy = lexer
        return try copy.next()
    }

    // MARK: Names and documents

    mutating func parseName() throws(GraphQLError) -> Name {
        let nameToken = try expect(.name)
        return Name(text(of: nameToken), loc: nameToken.loc)
    }

    /// Document: one or more definitions, then the end of input.
    mutating func parseDocument() throws(GraphQLError) -> Document {
        var definitions: [Definition] = []
        repeat {
            definitions.append(try parseDefinition())
        } while !peek(.endOfFile)
        return Document(definitions: definitions)
    }

    mutating func parseDefinition() throws(GraphQLError) -> Definition {
        if peek(.braceL) { return .operation(try parseOperationDefinition()) }
        let hasDescription = peek(.string) || peek(.blockString)
        let keyword = hasDescription ? try lookahead() : token
        if keyword.kind == .name {
            if isTypeSystemKeyword(keyword) {
                guard options.allowTypeSystem else {
                    throw error(
                        "Type-system definitions are not allowed in this document; found \(describe(keyword)).",
                        at: keyword)
                }
                return .typeSystem(try parseTypeSystemDefinition())
            }
            if hasDescription {
                throw error("Unexpected description, descriptions are supported only on type definitions.", at: token)
            }
            if isKeyword("query", keyword) || isKeyword("mutation", keyword) || isKeyword("subscription", keyword) {
                return .operation(try parseOperationDefinition())
            }
            if isKeyword("fragment", keyword) { return .fragment(try parseFragmentDefinition()) }
            if isKeyword("extend", keyword) {
                guard options.allowTypeSystem else {
                    throw error(
                        "Type-system definitions are not allowed in this document; found \(describe(keyword)).",
                        at: keyword)
                }
                return .typeSystem(try parseTypeSystemExtension())
            }
        }
        throw unexpected(keyword)
    }

    private func isTypeSystemKeyword(_ keyword: Token) -> Bool {
        isKeyword("schema", keyword) || isKeyword("scalar", keyword) || isKeyword("type", keyword)
            || isKeyword("interface", keyword) || isKeyword("union", keyword) || isKeyword("enum", keyword)
            || isKeyword("input", keyword) || isKeyword("directive", keyword)
    }
}
