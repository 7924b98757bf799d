@testable import GraphQLCore

/// The validation corpus's schema (Tests/Fixtures/Validation/schema.graphql) bound to resolvers that answer
/// every field with a value of its type, so fuzzed documents that pass validation execute all the way.
/// A few fields misbehave on purpose: `age` throws (masked to INTERNAL_SERVER_ERROR), `balance` is null,
/// and `nicknames` returns a null item in a non-null list.
enum FuzzSchema {
    struct Source: Sendable { let depth: Int }
    struct Failure: Error {}

    static func executable<Context: Sendable>() throws -> ExecutableSchema<Context> {
        let schema = ValidationFixtures.schema
        var resolvers = ResolverMap<Context>()
        for type in schema.types.values {
            guard case .object(let object) = type, !GraphQLSchema.isIntrospectionType(object.name) else { continue }
            for field in object.fields.values {
                if object.name == schema.subscriptionType {
                    let value = value(of: field.type, schema: schema)
                    resolvers.subscription(field.name, on: object.name) { _ in
                        AsyncStream<FieldValue> { $0.yield(value); $0.finish() }
                    }
                    continue
                }
                switch field.name {
                case "age": resolvers.field(object.name, field.name) { _ in throw Failure() }
                case "balance": resolvers.field(object.name, field.name) { _ in .null }
                case "nicknames": resolvers.field(object.name, field.name) { _ in .list(["a", .null]) }
                default:
                    let value = value(of: field.type, schema: schema)
                    resolvers.field(object.name, field.name) { _ in value }
                }
            }
        }
        for type in schema.types.values where type.isAbstract {
            let concrete = schema.possibleTypes(of: type.name).first
            resolvers.resolveType(type.name) { _, _ in concrete }
        }
        return try ExecutableSchema(schema: schema, resolvers: resolvers)
    }

    /// A value of `type`: two items for a list, a source for a composite type, a sample for a leaf.
    static func value(of type: GraphQLTypeRef, schema: GraphQLSchema) -> FieldValue {
        switch type {
        case .nonNull(let inner): return value(of: inner, schema: schema)
        case .list(let item): let one = value(of: item, schema: schema); return .list([one, one])
        case .named(let name):
            switch schema.type(named: name) {
            case .enumType(let enumType)?: return .string(enumType.values.keys.first ?? "")
            case .object?, .interface?, .union?: return .object(Source(depth: 0))
            default:
                switch name {
                case "Int": return 7
                case "Float": return 1.5
                case "Boolean": return true
                case "ID": return "w1"
                default: return "2026-11-21"
                }
            }
        }
    }
}
