/// One use of a variable, with the input type and default value of the position it is used in.
struct VariableUsage {
    var name: String
    /// Location of `$`.
    var loc: SourceLocation
    /// The expected type at the position; nil when unknown (an unknown argument, say).
    var type: GraphQLTypeRef?
    /// True when the position (an argument or input field) has a default value of its own.
    var hasLocationDefault: Bool
}
