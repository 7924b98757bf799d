import OrderedCollections

/// The definitions every schema has: the five scalars, the specified directives and the introspection
/// types, with graphql-js's exact descriptions so that introspection and printing agree with it.
public enum BuiltInDefinitions {
    /// `Int`, `Float`, `String`, `Boolean`, `ID`.
    public static let scalars: OrderedDictionary<String, ScalarType> = [
        "String": ScalarType(
            name: "String",
            description: "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."),
        "Int": ScalarType(
            name: "Int",
            description: "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."),
        "Float": ScalarType(
            name: "Float",
            description: "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."),
        "Boolean": ScalarType(
            name: "Boolean", description: "The `Boolean` scalar type represents `true` or `false`."),
        "ID": ScalarType(
            name: "ID",
            description: "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."),
    ]

    /// Names of the introspection types, in graphql-js's order.
    public static let introspectionTypeNames: [String] = [
        "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive",
        "__DirectiveLocation",
    ]

    /// The reason `@deprecated` implies when none is given.
    public static let defaultDeprecationReason = "No longer supported"

    /// `@include`, `@skip`, `@deprecated`, `@specifiedBy`, `@oneOf`, in graphql-js's order.
    public static var directives: OrderedDictionary<String, GraphQLDirective> { parsed.directives }

    /// The introspection types, in graphql-js's order.
    public static var introspectionTypes: OrderedDictionary<String, GraphQLNamedType> { parsed.types }

    /// Built once per process from `sdl`; the text is a constant, so failure is a programming error caught
    /// by the tests rather than something a caller could handle.
    private static let parsed: (directives: OrderedDictionary<String, GraphQLDirective>, types: OrderedDictionary<String, GraphQLNamedType>) = {
        do throws(GraphQLError) {
            let document = try parse(sdl, options: .schemaDefinition)
            var assembly = SchemaAssembly(document: document, suppliedScalars: [])
            assembly.collect()
            let types = assembly.buildNamedTypes()
            let directives = assembly.buildDirectives()
            precondition(assembly.errors.isEmpty, "built-in SDL: \(assembly.errors)")
            return (directives, types)
        } catch {
            preconditionFailure("built-in SDL does not parse: \(error)")
        }
    }()
}
