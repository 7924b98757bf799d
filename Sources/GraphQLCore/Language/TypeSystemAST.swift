/// Type-system definitions: the SDL that a schema is built from and printed as.

/// A type-system definition or extension.
public enum TypeSystemDefinition: Sendable {
    case schema(SchemaDefinition)
    case type(TypeDefinition)
    case directive(DirectiveDefinition)
    case schemaExtension(SchemaDefinition)
    case typeExtension(TypeDefinition)
}

/// `schema @directives { query: Query … }`.
public struct SchemaDefinition: Sendable {
    public var description: StringLiteral?
    public var directives: [Directive]
    public var operationTypes: [(operation: OperationType, type: Name)]
    public var loc: SourceLocation

    public init(
        description: StringLiteral?, directives: [Directive],
        operationTypes: [(operation: OperationType, type: Name)], loc: SourceLocation
    ) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// A description string with its location.
public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var block: Bool
    public var loc: SourceLocation

    public init(value: String, block: Bool, loc: SourceLocation) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

/// A named type definition (or the body of an `extend` of one).
public struct TypeDefinition: Sendable {
    public enum Kind: Sendable {
        case scalar
        /// `type Name implements A & B { fields }`
        case object(interfaces: [Name], fields: [FieldDefinitionNode])
        case interface(interfaces: [Name], fields: [FieldDefinitionNode])
        case union(members: [Name])
        case enumType(values: [EnumValueDefinitionNode])
        case inputObject(fields: [InputValueDefinitionNode])
    }

    public var description: StringLiteral?
    public var name: Name
    public var directives: [Directive]
    public var kind: Kind
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    public init(description: StringLiteral?, name: Name, directives: [Directive], kind: Kind, loc: SourceLocation) {
        self.description = description
        self.name = name
        self.directives = directives
        self.kind = kind
        self.loc = loc
    }
}

/// A field in an object or interface definition.
public struct FieldDefinitionNode: Sendable {
    public var description: StringLiteral?
    public var name: Name
    public var arguments: [InputValueDefinitionNode]
    public var type: TypeReference
    public var directives: [Directive]
    public var loc: SourceLocation

    public init(
        description: StringLiteral?, name: Name, arguments: [InputValueDefinitionNode], type: TypeReference,
        directives: [Directive], loc: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.loc = loc
    }
}

/// An argument or input-object field definition.
public struct InputValueDefinitionNode: Sendable {
    public var description: StringLiteral?
    public var name: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: SourceLocation

    public init(
        description: StringLiteral?, name: Name, type: TypeReference, defaultValue: Value?,
        directives: [Directive], loc: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// An enum value definition.
public struct EnumValueDefinitionNode: Sendable {
    public var description: StringLiteral?
    public var name: Name
    public var directives: [Directive]
    public var loc: SourceLocation

    public init(description: StringLiteral?, name: Name, directives: [Directive], loc: SourceLocation) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `directive @name(args) repeatable on LOCATION | …`.
public struct DirectiveDefinition: Sendable {
    public var description: StringLiteral?
    public var name: Name
    public var arguments: [InputValueDefinitionNode]
    public var isRepeatable: Bool
    public var locations: [Name]
    public var loc: SourceLocation

    public init(
        description: StringLiteral?, name: Name, arguments: [InputValueDefinitionNode], isRepeatable: Bool,
        locations: [Name], loc: SourceLocation
    ) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.locations = locations
        self.loc = loc
    }
}
