/// The application's resolver bindings, keyed by type and field name, before they are checked against the
/// schema. Build one, then hand it to `ExecutableSchema(schema:resolvers:)`.
///
/// ```swift
/// var resolvers = ResolverMap<AppContext>()
/// resolvers.field("Query", "wallet") { input in
///     .optional(try input.context.wallets.find(input.arguments.string("id")!)).map { .object($0) } ?? .null
/// }
/// resolvers.batch("Wallet", "owner") { input in try await input.context.users.load(input.parents(as: Wallet.self)) }
/// ```
public struct ResolverMap<Context: Sendable>: Sendable {
    /// A binding's key: object type and field.
    public struct Key: Hashable, Sendable {
        /// The object type.
        public var type: String
        /// The field.
        public var field: String
    }

    var fields: [Key: FieldResolver<Context>] = [:]
    /// Keys bound more than once; reported at startup rather than silently overwritten.
    var duplicates: [Key] = []
    var typeResolvers: [String: @Sendable (any Sendable, Context) -> String?] = [:]
    var scalars: [String: ScalarCoercion] = [:]
    var sourceLookupTypes: Set<String> = []
    var errorPresenter: ErrorPresenter<Context>?

    /// An empty map.
    public init() {}

    /// Binds any kind of resolver.
    public mutating func bind(_ type: String, _ field: String, _ resolver: FieldResolver<Context>) {
        let key = Key(type: type, field: field)
        if fields[key] != nil { duplicates.append(key) }
        fields[key] = resolver
    }

    /// Binds a synchronous resolver: it runs inline, with no task.
    public mutating func field(
        _ type: String, _ field: String, _ resolve: @escaping @Sendable (ResolverInput<Context>) throws -> FieldValue
    ) {
        bind(type, field, .sync(resolve))
    }

    /// Binds an async resolver: the async resolvers of one level run concurrently (mutation roots serially).
    public mutating func asyncField(
        _ type: String, _ field: String, _ resolve: @escaping @Sendable (ResolverInput<Context>) async throws -> FieldValue
    ) {
        bind(type, field, .async(resolve))
    }

    /// Binds a batch resolver: one call per execution level with all the field's parents.
    public mutating func batch(
        _ type: String, _ field: String,
        _ resolve: @escaping @Sendable (BatchResolverInput<Context>) async throws -> [FieldValue]
    ) {
        bind(type, field, .batch(resolve))
    }

    /// Binds a subscription root field to a resolver returning the field's stream of values. The engine takes a
    /// value from the stream only when its consumer asks for the next response.
    public mutating func subscription<Events: AsyncSequence & Sendable>(
        _ field: String, on type: String = "Subscription",
        _ subscribe: @escaping @Sendable (ResolverInput<Context>) async throws -> Events
    ) where Events.Element == FieldValue {
        bind(type, field, .subscription { input in
            // Pulled one event per `next()`, with no task or buffer in between, so the engine's consumer sets the
            // pace (backpressure); cancelling or dropping the consumer cancels or releases `events`.
            let puller = EventPuller(try await subscribe(input))
            return AsyncThrowingStream { try await puller.next() }
        })
    }

    /// Resolves an interface or union to the name of the concrete object type of a source value. Without one,
    /// the value must be `.typed(name, …)` or conform to `GraphQLTypeNamed`.
    public mutating func resolveType(
        _ abstractType: String, _ resolve: @escaping @Sendable (_ source: any Sendable, _ context: Context) -> String?
    ) {
        typeResolvers[abstractType] = resolve
    }

    /// Binds parse/serialize hooks to a custom scalar; without them values pass through as JSON.
    public mutating func scalar(_ name: String, _ coercion: ScalarCoercion) {
        scalars[name] = coercion
    }

    /// Sets the ``ErrorPresenter``: how every error a resolver throws (other than a `GraphQLError`) reaches the
    /// client. Without one, every such error is masked.
    public mutating func presentErrors(_ presenter: @escaping ErrorPresenter<Context>) {
        errorPresenter = presenter
    }

    /// Lets every field of `type` that has no resolver be read from a `GraphQLObjectSource` parent. Explicit per
    /// type, so a forgotten resolver elsewhere still fails at startup.
    public mutating func useSourceLookup(forType type: String) {
        sourceLookupTypes.insert(type)
    }
}
