@testable import GraphQLCore

/// Lexes a whole source into (kind, text) pairs: the decoded value for strings, the source text otherwise.
func lexAll(_ source: String) throws(GraphQLError) -> [(kind: TokenKind, text: String, loc: SourceLocation)] {
    var source = source
    let result = source.withUTF8 { bytes -> Result<[(kind: TokenKind, text: String, loc: SourceLocation)], GraphQLError> in
        Result { () throws(GraphQLError) in
            var lexer = Lexer(bytes: bytes)
            var tokens: [(kind: TokenKind, text: String, loc: SourceLocation)] = []
            while true {
                let token = try lexer.next()
                if token.kind == .endOfFile { return tokens }
                let isString = token.kind == .string || token.kind == .blockString
                let text = isString ? lexer.stringValue : String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
                tokens.append((token.kind, text, token.loc))
            }
        }
    }
    return try result.get()
}

/// The single token of a source, or the error lexing it.
func lexOne(_ source: String) -> Result<(kind: TokenKind, text: String), GraphQLError> {
    do throws(GraphQLError) {
        let tokens = try lexAll(source)
        guard tokens.count == 1 else {
            return .failure(GraphQLError("expected one token, got \(tokens.count)", code: .parseFailed))
        }
        return .success((tokens[0].kind, tokens[0].text))
    } catch {
        return .failure(error)
    }
}

/// The error from parsing `source`, or nil if it parsed.
func parseError(_ source: String, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    do throws(GraphQLError) {
        _ = try parse(source, options: options)
        return nil
    } catch {
        return error
    }
}

/// Message and "line:col" of a parse error, for compact expectations.
func describeError(_ source: String, options: ParseOptions = ParseOptions()) -> String {
    guard let error = parseError(source, options: options) else { return "parsed" }
    let where_ = error.locations.map { "\($0.line):\($0.column)" }.joined(separator: ",")
    return "\(error.message) @\(where_)"
}

/// The first operation's selections, for structural checks.
func firstOperation(_ document: Document) -> OperationDefinition? {
    for definition in document.definitions {
        if case .operation(let operation) = definition { return operation }
    }
    return nil
}

func fields(_ selectionSet: SelectionSet?) -> [Field] {
    (selectionSet?.selections ?? []).compactMap {
        if case .field(let field) = $0 { return field }
        return nil
    }
}
