import OrderedCollections

/// A complete, immutable type system: named types in definition order, directives, and root operation types.
///
/// `types` holds every type the schema knows, including the built-in scalars and the introspection types
/// (`__Schema`, `__Type`, …); `SchemaBuilder` adds them. The meta-fields `__typename`, `__schema` and `__type`
/// are not stored in any type's `fields`; `field(_:on:)` answers them.
public final class GraphQLSchema: Sendable {
    /// The description on the `schema` definition; nil when there is none.
    public let description: String?
    /// The name of the query root type; every schema has one.
    public let queryType: String
    /// The name of the mutation root type; nil when the schema accepts no mutations.
    public let mutationType: String?
    /// The name of the subscription root type; nil when the schema accepts no subscriptions.
    public let subscriptionType: String?
    /// Every named type keyed by name, in definition order, built-ins and introspection types included.
    public let types: OrderedDictionary<String, GraphQLNamedType>
    /// Every directive keyed by name, built-ins (`@include`, `@skip`, …) included.
    public let directives: OrderedDictionary<String, GraphQLDirective>
    /// For each abstract type, the object types it may resolve to, in definition order.
    private let possibleTypesByAbstract: [String: [String]]
    private let possibleTypeSets: [String: Set<String>]

    /// Creates a schema from already-built types. Callers normally use `SchemaBuilder`, which also validates.
    public init(
        description: String? = nil, queryType: String, mutationType: String? = nil, subscriptionType: String? = nil,
        types: OrderedDictionary<String, GraphQLNamedType>, directives: OrderedDictionary<String, GraphQLDirective>
    ) {
        self.description = description
        self.queryType = queryType
        self.mutationType = mutationType
        self.subscriptionType = subscriptionType
        self.types = types
        self.directives = directives
        var possible: [String: [String]] = [:]
        for type in types.values {
            switch type {
            case .union(let union):
                possible[union.name] = union.members
            case .object(let object):
                for interface in object.interfaces { possible[interface, default: []].append(object.name) }
            default:
                break
            }
        }
        self.possibleTypesByAbstract = possible
        self.possibleTypeSets = possible.mapValues(Set.init)
    }

    /// The named type, if the schema has it.
    public func type(named name: String) -> GraphQLNamedType? { types[name] }

    /// The root type for an operation, if the schema supports that operation.
    public func rootType(for operation: OperationType) -> ObjectType? {
        let name: String?
        switch operation {
        case .query: name = queryType
        case .mutation: name = mutationType
        case .subscription: name = subscriptionType
        }
        guard let name, case .object(let object)? = types[name] else { return nil }
        return object
    }

    /// The object types an abstract type may resolve to; for an object type, itself.
    public func possibleTypes(of name: String) -> [String] {
        if case .object? = types[name] { return [name] }
        return possibleTypesByAbstract[name] ?? []
    }

    /// True when `objectName` is a possible type of `abstractName` (or they are the same type).
    public func isPossibleType(_ objectName: String, of abstractName: String) -> Bool {
        objectName == abstractName || possibleTypeSets[abstractName]?.contains(objectName) == true
    }

    /// Names of the interfaces that extend `interfaceName` (`interface B implements A`).
    public func interfaces(implementing interfaceName: String) -> [String] {
        types.values.compactMap {
            if case .interface(let t) = $0, t.interfaces.contains(interfaceName) { return t.name }
            return nil
        }
    }

    /// The definition of a field selected on a composite type, including the meta-fields: `__typename` on
    /// every composite type, `__schema` and `__type` on the query root only.
    public func field(_ name: String, on typeName: String) -> FieldDefinition? {
        if name.hasPrefix("__") {
            switch name {
            case "__typename":
                guard types[typeName]?.isComposite == true else { return nil }
                return MetaFields.typename
            case "__schema" where typeName == queryType:
                return MetaFields.schema
            case "__type" where typeName == queryType:
                return MetaFields.type
            default:
                break
            }
        }
        return types[typeName]?.fields?[name]
    }
}

/// The definitions of the meta-fields that every schema answers.
public enum MetaFields {
    /// `__typename: String!`, answered on every composite type (spec §4.4).
    public static let typename = FieldDefinition(
        name: "__typename", description: "The name of the current Object type at runtime.",
        type: .nonNull(.named("String")))
    /// `__schema: __Schema!`, answered on the query root only.
    public static let schema = FieldDefinition(
        name: "__schema", description: "Access the current type schema of this server.",
        type: .nonNull(.named("__Schema")))
    /// `__type(name: String!): __Type`, answered on the query root only; null for an unknown name.
    public static let type = FieldDefinition(
        name: "__type", description: "Request the type information of a single type.",
        type: .named("__Type"),
        arguments: ["name": InputValueDefinition(name: "name", type: .nonNull(.named("String")))])
}
