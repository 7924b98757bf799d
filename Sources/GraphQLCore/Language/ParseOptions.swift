/// Hard limits and switches for `parse(_:options:)`.
///
/// Every limit is checked before or while parsing, so a hostile document costs at most linear time in the
/// smaller of its size and the limits, and recursion depth stays bounded whatever the input. A limit that is
/// exceeded ends the parse with a `.parseFailed` error that names the limit.
public struct ParseOptions: Sendable, Hashable {
    /// The largest document accepted, in UTF-8 bytes. Checked before any scanning.
    ///
    /// 1 MiB: the standard introspection query is about 1.5 KiB and real application documents rarely pass
    /// 50 KiB; anything near a mebibyte is an attack or a mistake.
    public var maxBytes: Int
    /// The most tokens (punctuators, names, values; not comments or commas) a document may have.
    ///
    /// 100,000 lets through every document within `maxBytes` that a client could sensibly send while still
    /// bounding the number of AST nodes a single request allocates.
    public var maxTokens: Int
    /// The deepest nesting of selection sets (fields and inline fragments) that is parsed.
    ///
    /// 128 is far beyond real queries (the introspection query nests about 10 deep). The limit bounds the
    /// parser's recursion, and that of every later stage that walks the tree, well inside the 512 KiB stack
    /// of a Swift concurrency thread.
    public var maxSelectionDepth: Int
    /// The deepest nesting of list and object literals in a value, and of list wrappers in a type reference
    /// (`[[[Int]]]`).
    ///
    /// 64 covers any realistic input object while keeping value recursion bounded.
    public var maxValueDepth: Int
    /// Whether type-system definitions (SDL) are accepted.
    ///
    /// True by default, and it should stay true for requests: graphql-js parses SDL in a request and its
    /// `ExecutableDefinitions` validation rule then reports "The "X" definition is not executable." with the
    /// validation code. Set false where no validation follows (e.g. loading persisted operations); the
    /// parser then refuses the definition at its first token with a syntax error.
    public var allowTypeSystem: Bool

    /// Creates options; every argument defaults to the value documented on its property.
    public init(
        maxBytes: Int = 1 << 20, maxTokens: Int = 100_000, maxSelectionDepth: Int = 128, maxValueDepth: Int = 64,
        allowTypeSystem: Bool = true
    ) {
        self.maxBytes = maxBytes
        self.maxTokens = maxTokens
        self.maxSelectionDepth = maxSelectionDepth
        self.maxValueDepth = maxValueDepth
        self.allowTypeSystem = allowTypeSystem
    }

    /// Limits for schema SDL written by the service's own developers: larger, since the text is trusted and
    /// read once at startup.
    public static let schemaDefinition = ParseOptions(
        maxBytes: 16 << 20, maxTokens: 2_000_000, maxSelectionDepth: 128, maxValueDepth: 64, allowTypeSystem: true)
}
