/// Why a `ResolverMap` does not fit its schema: every problem found, so one startup run lists them all.
public struct SchemaBindingError: Error, Sendable, CustomStringConvertible {
    /// One line per problem, e.g. `Wallet.balance has no resolver`.
    public var problems: [String]

    /// A multi-line report.
    public var description: String {
        "Resolvers do not match the schema (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
