import OrderedCollections

/// Any named type of a schema.
public enum GraphQLNamedType: Sendable {
    case scalar(ScalarType)
    case object(ObjectType)
    case interface(InterfaceType)
    case union(UnionType)
    case enumType(EnumType)
    case inputObject(InputObjectType)

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
    case query = "QUERY"
    case mutation = "MUTATION"
    case subscription = "SUBSCRIPTION"
    case field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    case fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT"
    case variableDefinition = "VARIABLE_DEFINITION"
    case schema = "SCHEMA"
    case scalar = "SCALAR"
    case object = "OBJECT"
    case fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case enumValue = "ENUM_VALUE"
    case inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}

/// A directive definition, built-in or from SDL.
public final class GraphQLDirective: Sendable {
    public let name: String
    public let description: String?
    public let arguments: OrderedDictionary<String, InputValueDefinition>
    public let locations: [DirectiveLocation]
    public let isRepeatable: Bool

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
