import OrderedCollections

/// Builds a `GraphQLSchema` from SDL text, schema-first, as graphql-js's `buildSchema` does.
///
/// Types keep their definition order and extensions are merged into them. The built-in scalars that are
/// referenced (String and Boolean always, through introspection), the specified directives and the
/// introspection types are added exactly as graphql-js adds them, so introspection answers agree with it.
/// The result is checked against the spec's type-system rules; every problem is reported with its SDL
/// location in one `SchemaBuildError`.
public enum SchemaBuilder {
    /// Builds and validates a schema.
    ///
    /// - Parameters:
    ///   - sdl: The schema's SDL.
    ///   - scalars: Custom scalars whose literals validation should check; each must be declared in the SDL
    ///     (`scalar Name`), which supplies its description and `@specifiedBy` URL.
    public static func build(sdl: String, scalars: [ScalarType] = []) throws(SchemaBuildError) -> GraphQLSchema {
        let document: Document
        do throws(GraphQLError) {
            document = try parse(sdl, options: .schemaDefinition)
        } catch {
            throw SchemaBuildError(errors: [error])
        }
        var assembly = SchemaAssembly(document: document, suppliedScalars: scalars)
        assembly.collect()
        let definedTypes = assembly.buildNamedTypes()
        var directives = assembly.buildDirectives()
        for (name, directive) in BuiltInDefinitions.directives where directives[name] == nil {
            directives[name] = directive
        }
        assembly.checkDirectiveUses(directives)
        let roots = assembly.rootTypes()

        var available = definedTypes
        for (name, scalar) in BuiltInDefinitions.scalars where available[name] == nil { available[name] = .scalar(scalar) }
        for (name, type) in BuiltInDefinitions.introspectionTypes { available[name] = type }
        let types = orderedTypes(defined: definedTypes, roots: roots, directives: directives, available: available)

        var validator = SchemaValidator(types: types, directives: directives, locations: assembly.locations)
        validator.validate(roots: roots)
        let errors = assembly.errors + validator.errors
        guard errors.isEmpty, let query = roots[.query] else {
            throw SchemaBuildError(errors: errors)
        }
        return GraphQLSchema(
            description: assembly.schemaDefinition?.description?.value, queryType: query.value,
            mutationType: roots[.mutation]?.value, subscriptionType: roots[.subscription]?.value, types: types,
            directives: directives)
    }

    /// Types in graphql-js's order: each defined type in turn followed by the not-yet-seen types it refers
    /// to (depth first), then those of the root types and directive arguments, then the introspection types.
    static func orderedTypes(
        defined: OrderedDictionary<String, GraphQLNamedType>, roots: [OperationType: Name],
        directives: OrderedDictionary<String, GraphQLDirective>, available: OrderedDictionary<String, GraphQLNamedType>
    ) -> OrderedDictionary<String, GraphQLNamedType> {
        // graphql-js starts from a set holding every defined type, then for each one removes it, re-adds
        // it and visits what it refers to. The effect: each defined type in turn, followed by the types it
        // newly reaches. Defined types therefore count as already seen, except the one being started from.
        var order = OrderedSet<String>()
        // Depth first and in field order, like graphql-js's recursive collectReferencedTypes, but with an
        // explicit stack so a long chain of types cannot exhaust the call stack.
        func collect(_ start: String) {
            var stack: [[String]] = [[start]]
            while !stack.isEmpty {
                guard let name = stack[stack.count - 1].popLast() else {
                    stack.removeLast()
                    continue
                }
                let seen = name != start && defined[name] != nil
                guard !seen, let type = available[name], order.append(name).inserted else { continue }
                let references = Self.references(of: type)
                if !references.isEmpty { stack.append(references.reversed()) }
            }
        }
        for name in defined.keys { collect(name) }
        for operation in [OperationType.query, .mutation, .subscription] {
            if let root = roots[operation] { collect(root.value) }
        }
        for directive in directives.values {
            directive.arguments.values.forEach { collect($0.type.namedType) }
        }
        collect("__Schema")
        var types: OrderedDictionary<String, GraphQLNamedType> = [:]
        for name in order {
            if let type = available[name] { types[name] = type }
        }
        return types
    }

    /// The types a type refers to, in the order graphql-js visits them.
    private static func references(of type: GraphQLNamedType) -> [String] {
        switch type {
        case .union(let union):
            return union.members
        case .object(let object):
            return object.interfaces + fieldReferences(object.fields.values)
        case .interface(let interface):
            return interface.interfaces + fieldReferences(interface.fields.values)
        case .inputObject(let input):
            return input.fields.values.map(\.type.namedType)
        case .scalar, .enumType:
            return []
        }
    }

    private static func fieldReferences(_ fields: some Sequence<FieldDefinition>) -> [String] {
        fields.flatMap { [$0.type.namedType] + $0.arguments.values.map(\.type.namedType) }
    }
}

extension SchemaAssembly {
    /// Root operation types from `schema { … }` and its extensions, or else the conventional names.
    mutating func rootTypes() -> [OperationType: Name] {
        var roots: [OperationType: Name] = [:]
        let declarations = (schemaDefinition.map { [$0] } ?? []) + schemaExtensions
        if declarations.contains(where: { !$0.operationTypes.isEmpty }) {
            for declaration in declarations {
                for (operation, type) in declaration.operationTypes {
                    if roots[operation] != nil {
                        report("There can be only one \(operation.rawValue) type in schema.", at: type.loc)
                    }
                    _ = typeReference(.named(type))
                    roots[operation] = type
                }
            }
        } else {
            for (operation, name) in [(OperationType.query, "Query"), (.mutation, "Mutation"), (.subscription, "Subscription")] {
                if let definition = typeDefinitions[name] { roots[operation] = definition.name }
            }
        }
        if roots[.query] == nil {
            report("Query root type must be provided.", at: schemaDefinition?.loc ?? SourceLocation(line: 1, column: 1))
        }
        return roots
    }
}
