/// Parses a GraphQL document (executable definitions, and SDL unless `options.allowTypeSystem` is false).
///
/// Failures are `GraphQLError`s with code `.parseFailed`, one location and graphql-js's message wording,
/// e.g. `Syntax Error: Expected Name, found "}".` Limits in `options` are enforced before and during parsing.
public func parse(_ source: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Document {
    try withParser(source, options: options) { (parser: inout Parser) throws(GraphQLError) in
        try parser.parseDocument()
    }
}

/// Parses a single value literal, e.g. `{a: [1, 2], b: $var}`; variables are allowed.
public func parseValue(_ source: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> Value {
    try withParser(source, options: options) { (parser: inout Parser) throws(GraphQLError) in
        let value = try parser.parseValue(isConst: false)
        try parser.expect(.endOfFile)
        return value
    }
}

/// Parses a type reference such as `[String!]!`.
public func parseType(_ source: String, options: ParseOptions = ParseOptions()) throws(GraphQLError) -> TypeReference {
    try withParser(source, options: options) { (parser: inout Parser) throws(GraphQLError) in
        let type = try parser.parseTypeReference()
        try parser.expect(.endOfFile)
        return type
    }
}

/// Checks the byte limit, then runs `body` with a parser over the source's UTF-8 storage, borrowed for the
/// duration of the call so no copy of the document is made.
private func withParser<T>(
    _ source: String, options: ParseOptions, _ body: (inout Parser) throws(GraphQLError) -> T
) throws(GraphQLError) -> T {
    let byteCount = source.utf8.count
    if byteCount > options.maxBytes {
        throw GraphQLError(
            "Syntax Error: Document is \(byteCount) bytes, more than the limit of \(options.maxBytes) bytes. Parsing aborted.",
            locations: [SourceLocation(line: 1, column: 1)], code: .parseFailed)
    }
    var source = source
    let result = source.withUTF8 { bytes -> Result<T, GraphQLError> in
        Result { () throws(GraphQLError) -> T in
            var parser = try Parser(bytes: bytes, options: options)
            return try body(&parser)
        }
    }
    return try result.get()
}
