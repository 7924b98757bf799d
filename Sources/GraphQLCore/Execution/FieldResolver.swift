/// How one field is resolved. Chosen per field when binding, so the executor knows without running anything
/// whether it may stay on the current task (synchronous) or must await.
public enum FieldResolver<Context: Sendable>: Sendable {
    /// Runs inline on the executing task; no task is created for it.
    case sync(@Sendable (ResolverInput<Context>) throws -> FieldValue)
    /// Awaited; the async resolvers of one execution level run concurrently.
    case async(@Sendable (ResolverInput<Context>) async throws -> FieldValue)
    /// Called once per execution level with every parent of the field (DataLoader style), returning one value
    /// per parent in order. This is how N parents cost one database round trip instead of N.
    case batch(@Sendable (BatchResolverInput<Context>) async throws -> [FieldValue])
    /// A subscription root field: returns the stream of the field's values; each event is executed as a query.
    case subscription(@Sendable (ResolverInput<Context>) async throws -> AsyncThrowingStream<FieldValue, any Error>)
    /// Resolved by `GraphQLObjectSource.fieldValue(named:arguments:)` of the parent: the explicit opt-in default.
    case sourceLookup
}

/// A source value that resolves its own fields by name; bound with `ResolverMap.useSourceLookup(forType:)`.
///
/// This is the one default resolution the engine offers, and a type must opt into it explicitly, so a missing
/// resolver is still a startup error everywhere else.
public protocol GraphQLObjectSource: Sendable {
    /// The value of the named field, or nil when this source does not have it (an internal error).
    func fieldValue(named name: String, arguments: Arguments) throws -> FieldValue?
}

/// A source value that names its own concrete object type, so interfaces and unions resolve without a hook.
public protocol GraphQLTypeNamed: Sendable {
    /// The name of the object type this value is.
    var graphQLTypeName: String { get }
}
