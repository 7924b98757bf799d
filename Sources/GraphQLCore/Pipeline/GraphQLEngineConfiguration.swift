/// How a `GraphQLEngine` behaves: introspection, caching and the limits it applies to requests.
public struct GraphQLEngineConfiguration: Sendable {
    /// When false, `__schema` and `__type` are refused with a request error (`__typename` still works).
    public var introspectionEnabled: Bool
    /// How many distinct query texts keep their parsed, validated and compiled form.
    public var documentCacheSize: Int
    /// Query texts longer than this are refused before parsing.
    public var maxQueryBytes: Int
    /// Receives masked resolver errors with the request id.
    public var errorReporter: ResolverErrorReporter?
    /// Whether a request-independent `__schema`/`__type` answer is kept as bytes on the compiled document and
    /// reused (on by default; off to measure or debug introspection execution itself).
    public var cachesIntrospectionAnswers: Bool = true
    /// Depth, alias, field and cost limits, checked on every operation before any resolver runs.
    public var complexityLimits: ComplexityLimits = ComplexityLimits()
    /// The parser's limits for request documents.
    public var parseOptions: ParseOptions = ParseOptions()

    /// Creates a configuration; the defaults suit a public API.
    public init(
        introspectionEnabled: Bool = true, documentCacheSize: Int = 512, maxQueryBytes: Int = 100_000,
        errorReporter: ResolverErrorReporter? = nil
    ) {
        self.introspectionEnabled = introspectionEnabled
        self.documentCacheSize = documentCacheSize
        self.maxQueryBytes = maxQueryBytes
        self.errorReporter = errorReporter
    }
}
