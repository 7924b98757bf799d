/// Why an SDL text could not become a schema: every problem found, each with its SDL location.
///
/// Schema errors are developer errors found at startup, so all of them are collected rather than only the
/// first, and `description` prints them as `line:col: message`, one per line, like a compiler.
public struct SchemaBuildError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found. Parse errors keep the `.parseFailed` code; the others use
    /// `.validationFailed`.
    public var errors: [GraphQLError]

    /// Creates an error from its problems.
    public init(errors: [GraphQLError]) {
        self.errors = errors
    }

    /// One `line:col: message` line per problem.
    public var description: String {
        errors.map { error in
            let location = error.locations.first.map { "\($0.line):\($0.column): " } ?? ""
            return location + error.message
        }.joined(separator: "\n")
    }
}
