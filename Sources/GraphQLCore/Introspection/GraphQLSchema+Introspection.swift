extension GraphQLSchema {
    /// The schema itself when it already has the introspection types, else a copy with them appended.
    ///
    /// `SchemaBuilder` adds these types itself; `ExecutableSchema` calls this so that a schema built by hand
    /// (tests, tools) can be introspected too. The types are `BuiltInDefinitions`' own, so both paths answer
    /// with graphql-js's descriptions.
    func withIntrospectionTypes() -> GraphQLSchema {
        guard type(named: "__Schema") == nil else { return self }
        var types = types
        for (name, type) in BuiltInDefinitions.introspectionTypes where types[name] == nil { types[name] = type }
        // The introspection types refer to these two scalars.
        for name in ["String", "Boolean"] where types[name] == nil {
            types[name] = BuiltInDefinitions.scalars[name].map(GraphQLNamedType.scalar)
        }
        return GraphQLSchema(
            description: description, queryType: queryType, mutationType: mutationType,
            subscriptionType: subscriptionType, types: types, directives: directives)
    }

    /// Whether `name` is one of the introspection types, whose resolvers the engine binds itself.
    static func isIntrospectionType(_ name: String) -> Bool {
        BuiltInDefinitions.introspectionTypes[name] != nil
    }
}
