/// A schema bound to its resolvers and checked at startup: the unit a `GraphQLEngine` serves.
///
/// Binding is schema-first, as gqlgen does it: the SDL is the source of truth, and construction fails with
/// every mismatch listed when a field of an object type has no resolver, a resolver names no field, or a hook
/// names no type. The introspection types are bound by the engine itself.
public final class ExecutableSchema<Context: Sendable>: Sendable {
    /// The type system (with the introspection types added if the given schema lacked them).
    public let schema: GraphQLSchema
    let resolvers: [String: [String: FieldResolver<Context>]]
    let typeResolvers: [String: @Sendable (any Sendable, Context) -> String?]
    let coercer: InputCoercer
    /// Custom scalars' serialize hooks by type name.
    let scalarHooks: [String: ScalarCoercion]
    /// How resolver errors reach the client (``ResolverMap/presentErrors(_:)``).
    let errorPresenter: ErrorPresenter<Context>?

    /// Binds `resolvers` to `schema`, or throws every problem found.
    public init(schema: GraphQLSchema, resolvers map: ResolverMap<Context>) throws(SchemaBindingError) {
        let schema = schema.withIntrospectionTypes()
        var problems: [String] = map.duplicates.map { "\($0.type).\($0.field) is bound more than once" }
        var table: [String: [String: FieldResolver<Context>]] = [:]

        for (key, resolver) in map.fields.sorted(by: { ($0.key.type, $0.key.field) < ($1.key.type, $1.key.field) }) {
            guard let type = schema.type(named: key.type) else {
                problems.append("\(key.type).\(key.field): there is no type \"\(key.type)\""); continue
            }
            guard case .object(let object) = type else {
                problems.append("\(key.type).\(key.field): \"\(key.type)\" is not an object type"); continue
            }
            guard object.fields[key.field] != nil else {
                problems.append("\(key.type).\(key.field): \"\(key.type)\" has no field \"\(key.field)\""); continue
            }
            let isSubscriptionRoot = key.type == schema.subscriptionType
            if case .subscription = resolver, !isSubscriptionRoot {
                problems.append("\(key.type).\(key.field): a subscription resolver is bound to a field outside the subscription root")
            } else if isSubscriptionRoot, !Self.isSubscription(resolver) {
                problems.append("\(key.type).\(key.field): a subscription root field needs a resolver returning an event stream")
            }
            table[key.type, default: [:]][key.field] = resolver
        }
        for type in map.sourceLookupTypes.sorted() {
            guard case .object(let object)? = schema.type(named: type) else {
                problems.append("useSourceLookup(forType: \"\(type)\"): there is no object type \"\(type)\""); continue
            }
            for name in object.fields.keys where table[type]?[name] == nil { table[type, default: [:]][name] = .sourceLookup }
        }
        for type in schema.types.values {
            guard case .object(let object) = type, !GraphQLSchema.isIntrospectionType(object.name) else { continue }
            for name in object.fields.keys where table[object.name]?[name] == nil {
                problems.append("\(object.name).\(name) has no resolver")
            }
        }
        for name in map.typeResolvers.keys.sorted() where schema.type(named: name)?.isAbstract != true {
            problems.append("resolveType(\"\(name)\"): there is no interface or union \"\(name)\"")
        }
        for name in map.scalars.keys.sorted() {
            guard case .scalar? = schema.type(named: name) else {
                problems.append("scalar(\"\(name)\"): there is no scalar \"\(name)\""); continue
            }
            if ScalarType.builtInNames.contains(name) { problems.append("scalar(\"\(name)\"): built-in scalars cannot be rebound") }
        }
        guard problems.isEmpty else { throw SchemaBindingError(problems: problems) }

        let coercer = InputCoercer(schema: schema, scalars: map.scalars)
        IntrospectionResolvers.bind(into: &table, schema: schema)
        self.schema = schema
        self.resolvers = table
        self.typeResolvers = map.typeResolvers
        self.coercer = coercer
        self.scalarHooks = map.scalars
        self.errorPresenter = map.errorPresenter
    }

    private static func isSubscription(_ resolver: FieldResolver<Context>) -> Bool {
        if case .subscription = resolver { return true }
        return false
    }

    /// The resolver bound to a field of an object type.
    func resolver(type: String, field: String) -> FieldResolver<Context>? { resolvers[type]?[field] }
}
