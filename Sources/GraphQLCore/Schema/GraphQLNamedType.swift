import OrderedCollections

/// Any named type of a schema.
public enum GraphQLNamedType: Sendable {
    /// A scalar: a leaf that serializes to a JSON value.
    case scalar(ScalarType)
    /// An object type: named fields, the only kind a value resolves to at runtime.
    case object(ObjectType)
    /// An interface: fields that implementing object (and interface) types share.
    case interface(InterfaceType)
    /// A union: one of a set of object types, with no shared fields.
    case union(UnionType)
    /// An enum: a leaf with a fixed set of named values.
    case enumType(EnumType)
    /// An input object: named input fields, usable only as argument or variable types.
    case inputObject(InputObjectType)

    /// The type's name as written in SDL.
    public var name: String {
        switch self {
        case .scalar(let t): return t.name
        case .object(let t): return t.name
        case .interface(let t): return t.name
        case .union(let t): return t.name
        case .enumType(let t): return t.name
        case .inputObject(let t): return t.name
        }
    }

    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public var description: String? {
        switch self {
        case .scalar(let t): return t.description
        case .object(let t): return t.description
        case .interface(let t): return t.description
        case .union(let t): return t.description
        case .enumType(let t): return t.description
        case .inputObject(let t): return t.description
        }
    }

    /// The `__TypeKind` introspection reports for this type.
    public var kind: TypeKind {
        switch self {
        case .scalar: return .scalar
        case .object: return .object
        case .interface: return .interface
        case .union: return .union
        case .enumType: return .enumType
        case .inputObject: return .inputObject
        }
    }

    /// The output fields of an object or interface; nil for other kinds.
    public var fields: OrderedDictionary<String, FieldDefinition>? {
        switch self {
        case .object(let t): return t.fields
        case .interface(let t): return t.fields
        default: return nil
        }
    }

    /// Scalars, enums and input objects.
    public var isInputType: Bool {
        switch self {
        case .scalar, .enumType, .inputObject: return true
        default: return false
        }
    }

    /// Everything but input objects.
    public var isOutputType: Bool {
        if case .inputObject = self { return false }
        return true
    }

    /// Scalars and enums.
    public var isLeaf: Bool {
        switch self {
        case .scalar, .enumType: return true
        default: return false
        }
    }

    /// Objects, interfaces and unions.
    public var isComposite: Bool {
        switch self {
        case .object, .interface, .union: return true
        default: return false
        }
    }

    /// Interfaces and unions.
    public var isAbstract: Bool {
        switch self {
        case .interface, .union: return true
        default: return false
        }
    }
}

/// Where a directive may appear (`__DirectiveLocation`).
public enum DirectiveLocation: String, Sendable, CaseIterable {
    /// On a query operation.
    case query = "QUERY"
    /// On a mutation operation.
    case mutation = "MUTATION"
    /// On a subscription operation.
    case subscription = "SUBSCRIPTION"
    /// On a field in a selection set.
    case field = "FIELD"
    /// On a fragment definition.
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    /// On a fragment spread.
    case fragmentSpread = "FRAGMENT_SPREAD"
    /// On an inline fragment.
    case inlineFragment = "INLINE_FRAGMENT"
    /// On a variable definition.
    case variableDefinition = "VARIABLE_DEFINITION"
    /// On the schema definition or extension (SDL).
    case schema = "SCHEMA"
    /// On a scalar definition (SDL).
    case scalar = "SCALAR"
    /// On an object type definition (SDL).
    case object = "OBJECT"
    /// On a field definition of an object or interface (SDL).
    case fieldDefinition = "FIELD_DEFINITION"
    /// On an argument definition (SDL).
    case argumentDefinition = "ARGUMENT_DEFINITION"
    /// On an interface definition (SDL).
    case interface = "INTERFACE"
    /// On a union definition (SDL).
    case union = "UNION"
    /// On an enum definition (SDL).
    case enumType = "ENUM"
    /// On an enum value definition (SDL).
    case enumValue = "ENUM_VALUE"
    /// On an input object definition (SDL).
    case inputObject = "INPUT_OBJECT"
    /// On a field definition of an input object (SDL).
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}

/// A directive definition, built-in or from SDL.
public final class GraphQLDirective: Sendable {
    /// The directive's name without `@`.
    public let name: String
    /// The description from SDL (Markdown, per spec §3.2); nil when there is none.
    public let description: String?
    /// The directive's arguments keyed by name, in definition order; empty when it takes none.
    public let arguments: OrderedDictionary<String, InputValueDefinition>
    /// Where the directive may appear, in definition order.
    public let locations: [DirectiveLocation]
    /// True when the directive may appear more than once at one location.
    public let isRepeatable: Bool

    /// Creates a directive definition.
    public init(
        name: String, description: String? = nil, arguments: OrderedDictionary<String, InputValueDefinition> = [:],
        locations: [DirectiveLocation], isRepeatable: Bool = false
    ) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.locations = locations
        self.isRepeatable = isRepeatable
    }
}
