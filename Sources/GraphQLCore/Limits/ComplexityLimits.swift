/// Static limits on an operation, checked on the validated document before any resolver runs.
///
/// A nil limit is not checked. Every count is over the operation with fragments expanded, so reusing a
/// fragment does not hide its cost.
public struct ComplexityLimits: Sendable, Hashable {
    /// The deepest field nesting; root fields are at depth 1. Default 20: the standard introspection
    /// query (every option on) reaches 15; application queries rarely pass 10.
    public var maxDepth: Int?
    /// The most aliased fields. Default 50: aliases are how one request multiplies the same expensive
    /// field, and real clients use a handful.
    public var maxAliases: Int?
    /// The most field selections. Default 2,000: the standard introspection query has 227.
    public var maxFields: Int?
    /// The highest static cost (see `ComplexityReport.cost`). Default 100,000: about a page of 100 items
    /// with 1,000 fields each, or twice the standard introspection query (51,860 with the default list
    /// size).
    public var maxCost: Int?
    /// Arguments whose integer value is taken as the number of items a field returns; a negative value
    /// counts as `defaultListSize`.
    public var listSizeArguments: [String]
    /// The assumed number of items of a list field that has none of `listSizeArguments`.
    public var defaultListSize: Int
    /// What a field costs by itself, instead of 1, keyed `Type.field` (`TransactionConnection.totalCount`): for
    /// fields whose resolver does much more work than its neighbours, such as a count over a whole history, so
    /// that aliasing one many times costs what running it that many times costs.
    public var fieldCosts: [String: Int] = [:]
    /// The number of items a list field without `listSizeArguments` is assumed to return, instead of
    /// `defaultListSize`, keyed `Type.field`: for lists the server bounds (a user's wallets, at most the wallet cap).
    public var listSizes: [String: Int] = [:]
    /// The page size of a connection (an object field taking `listSizeArguments`) called without one: what the
    /// resolver then returns, which sizes its `edges`. nil: `defaultListSize`.
    public var connectionDefaultSize: Int?

    /// Creates limits; every argument defaults to the value documented on its property.
    public init(
        maxDepth: Int? = 20, maxAliases: Int? = 50, maxFields: Int? = 2_000, maxCost: Int? = 100_000,
        listSizeArguments: [String] = ["first", "last"], defaultListSize: Int = 10
    ) {
        self.maxDepth = maxDepth
        self.maxAliases = maxAliases
        self.maxFields = maxFields
        self.maxCost = maxCost
        self.listSizeArguments = listSizeArguments
        self.defaultListSize = defaultListSize
    }

    /// No limit at all, for trusted callers (the numbers are still computed).
    public static let unlimited = ComplexityLimits(maxDepth: nil, maxAliases: nil, maxFields: nil, maxCost: nil)
}

/// What `ComplexityAnalyzer` measured for one operation.
public struct ComplexityReport: Sendable, Hashable {
    /// The deepest field nesting (root fields are 1).
    public var depth: Int
    /// Aliased field selections.
    public var aliases: Int
    /// Field selections.
    public var fields: Int
    /// Each field costs 1 (or its `ComplexityLimits.fieldCosts` entry) plus its sub-selection's cost. A list field
    /// counts its sub-selection once per item: its `first`/`last` value when it has one (a negative value counts
    /// as `defaultListSize`), else `defaultListSize`. An object field with `first`/`last` (a Relay connection)
    /// counts its own fields once (`totalCount`, `pageInfo`) and its lists that have no size (`edges`, `nodes`)
    /// that many times. Saturates at `Int.max` rather than overflowing.
    public var cost: Int

    /// Creates a report.
    public init(depth: Int, aliases: Int, fields: Int, cost: Int) {
        self.depth = depth
        self.aliases = aliases
        self.fields = fields
        self.cost = cost
    }
}
