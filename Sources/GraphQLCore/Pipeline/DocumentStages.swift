/// The front half of the pipeline, from query text to a document ready to execute: parsing, validation and
/// the static limits. The engine runs them on a cache miss only.
///
/// Kept as plain functions so the engine does not care which stage lives where, and so tests can substitute a
/// stage (e.g. a validator that counts its calls).
public struct DocumentStages: Sendable {
    /// Text → document, or a `GRAPHQL_PARSE_FAILED` error.
    public var parse: @Sendable (String) throws(GraphQLError) -> Document
    /// The spec's validation rules; `GRAPHQL_VALIDATION_FAILED` errors.
    public var validate: @Sendable (Document, GraphQLSchema) -> [GraphQLError]
    /// Depth, alias and cost limits on a valid document; `QUERY_TOO_COMPLEX` errors.
    public var checkLimits: @Sendable (Document, GraphQLSchema) -> [GraphQLError]

    /// Creates stages from functions.
    public init(
        parse: @escaping @Sendable (String) throws(GraphQLError) -> Document,
        validate: @escaping @Sendable (Document, GraphQLSchema) -> [GraphQLError],
        checkLimits: @escaping @Sendable (Document, GraphQLSchema) -> [GraphQLError] = { _, _ in [] }
    ) {
        self.parse = parse
        self.validate = validate
        self.checkLimits = checkLimits
    }
}

extension DocumentStages {
    /// The engine's own parser and validator with the given parse limits.
    public static func standard(parseOptions: ParseOptions = ParseOptions()) -> DocumentStages {
        DocumentStages(
            parse: { (text: String) throws(GraphQLError) -> Document in try GraphQLCore.parse(text, options: parseOptions) },
            validate: { document, schema in GraphQLCore.validate(document, schema: schema) })
    }
}
