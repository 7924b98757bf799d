import OrderedCollections

/// The type-system model that validation, execution and introspection read.
///
/// Types refer to each other by name; `GraphQLSchema` resolves names. Every model value is immutable once the
/// schema is built, so a schema is shared freely between requests and threads.

/// A type reference in the model: a named type wrapped in lists and non-nulls.
public indirect enum GraphQLTypeRef: Hashable, Sendable, CustomStringConvertible {
    case named(String)
    case list(GraphQLTypeRef)
    case nonNull(GraphQLTypeRef)

    /// The innermost named type's name.
    public var namedType: String {
        switch self {
        case .named(let name): return name
        case .list(let inner), .nonNull(let inner): return inner.namedType
        }
    }

    /// True for `T!`.
    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// The type without an outer non-null.
    public var nullable: GraphQLTypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// SDL spelling: `[Int!]!`.
    public var description: String {
        switch self {
        case .named(let name): return name
        case .list(let inner): return "[\(inner)]"
        case .nonNull(let inner): return "\(inner)!"
        }
    }

    /// Converts a document's type reference.
    public init(_ ast: TypeReference) {
        switch ast {
        case .named(let name): self = .named(name.value)
        case .list(let inner, _): self = .list(GraphQLTypeRef(inner))
        case .nonNull(let inner, _): self = .nonNull(GraphQLTypeRef(inner))
        }
    }
}

/// `__TypeKind`.
public enum TypeKind: String, Sendable {
    case scalar = "SCALAR"
    case object = "OBJECT"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case inputObject = "INPUT_OBJECT"
    case list = "LIST"
    case nonNull = "NON_NULL"
}

/// A field of an object or interface type.
public final class FieldDefinition: Sendable {
    public let name: String
    public let description: String?
    public let type: GraphQLTypeRef
    public let arguments: OrderedDictionary<String, InputValueDefinition>
    /// Non-nil when the field is deprecated; the reason defaults to "No longer supported".
    public let deprecationReason: String?

    public init(
        name: String, description: String? = nil, type: GraphQLTypeRef,
        arguments: OrderedDictionary<String, InputValueDefinition> = [:], deprecationReason: String? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.arguments = arguments
        self.deprecationReason = deprecationReason
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}

/// An argument, or a field of an input object.
public final class InputValueDefinition: Sendable {
    public let name: String
    public let description: String?
    public let type: GraphQLTypeRef
    /// The default as written in SDL; introspection prints it back as a GraphQL literal.
    public let defaultValue: Value?
    public let deprecationReason: String?

    public init(
        name: String, description: String? = nil, type: GraphQLTypeRef, defaultValue: Value? = nil,
        deprecationReason: String? = nil
    ) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
    }

    public var isDeprecated: Bool { deprecationReason != nil }
    /// A required argument or input field: non-null with no default.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

/// A value of an enum type.
public final class EnumValueDefinition: Sendable {
    public let name: String
    public let description: String?
    public let deprecationReason: String?

    public init(name: String, description: String? = nil, deprecationReason: String? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}

/// Checks a literal of a custom scalar during validation. Returns nil when the literal is acceptable, else a
/// message that validation appends to its "Expected value of type …" error.
public typealias ScalarLiteralCheck = @Sendable (Value) -> String?

/// A scalar type: the five built-ins or a custom one.
public final class ScalarType: Sendable {
    public let name: String
    public let description: String?
    public let specifiedByURL: String?
    /// For custom scalars: how validation checks a literal. Nil accepts any literal (as graphql-js does).
    public let checkLiteral: ScalarLiteralCheck?

    public init(name: String, description: String? = nil, specifiedByURL: String? = nil, checkLiteral: ScalarLiteralCheck? = nil) {
        self.name = name
        self.description = description
        self.specifiedByURL = specifiedByURL
        self.checkLiteral = checkLiteral
    }

    /// Names of the spec's built-in scalars.
    public static let builtInNames: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]
}

/// An object type.
public final class ObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, FieldDefinition>
    /// Names of implemented interfaces, in declaration order.
    public let interfaces: [String]

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}

/// An interface type.
public final class InterfaceType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, FieldDefinition>
    public let interfaces: [String]

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, FieldDefinition>, interfaces: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.interfaces = interfaces
    }
}

/// A union type.
public final class UnionType: Sendable {
    public let name: String
    public let description: String?
    /// Names of member object types, in declaration order.
    public let members: [String]

    public init(name: String, description: String? = nil, members: [String]) {
        self.name = name
        self.description = description
        self.members = members
    }
}

/// An enum type.
public final class EnumType: Sendable {
    public let name: String
    public let description: String?
    public let values: OrderedDictionary<String, EnumValueDefinition>

    public init(name: String, description: String? = nil, values: OrderedDictionary<String, EnumValueDefinition>) {
        self.name = name
        self.description = description
        self.values = values
    }
}

/// An input object type; `@oneOf` makes exactly one field required.
public final class InputObjectType: Sendable {
    public let name: String
    public let description: String?
    public let fields: OrderedDictionary<String, InputValueDefinition>
    public let isOneOf: Bool

    public init(name: String, description: String? = nil, fields: OrderedDictionary<String, InputValueDefinition>, isOneOf: Bool = false) {
        self.name = name
        self.description = description
        self.fields = fields
        self.isOneOf = isOneOf
    }
}
