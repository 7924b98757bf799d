/// The source value behind a `__Type` object: a type reference, named or wrapped.
struct IntrospectedType: Sendable {
    let ref: GraphQLTypeRef

    /// `__TypeKind` of the reference; a named type's kind comes from the schema.
    func kind(in schema: GraphQLSchema) -> TypeKind {
        switch ref {
        case .list: return .list
        case .nonNull: return .nonNull
        case .named(let name): return schema.type(named: name)?.kind ?? .scalar
        }
    }

    /// The named type, when this is not a wrapper.
    func named(in schema: GraphQLSchema) -> GraphQLNamedType? {
        guard case .named(let name) = ref else { return nil }
        return schema.type(named: name)
    }
}
