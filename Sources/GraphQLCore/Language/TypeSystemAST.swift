/// Type-system definitions: the SDL that a schema is built from and printed as.

/// A type-system definition or extension.
public enum TypeSystemDefinition: Sendable {
    /// `schema { … }`: the root operation types and schema directives.
    case schema(SchemaDefinition)
    /// A named type: `scalar`, `type`, `interface`, `union`, `enum` or `input`.
    case type(TypeDefinition)
    /// `directive @name … on …`: a custom directive.
    case directive(DirectiveDefinition)
    /// `extend schema …`; the operation types and directives add to the schema definition's.
    case schemaExtension(SchemaDefinition)
    /// `extend type …` (or another kind); the body adds to the named type's definition.
    case typeExtension(TypeDefinition)
}

/// `schema @directives { query: Query … }`.
public struct SchemaDefinition: Sendable {
    /// The description before `schema`; nil when there is none.
    public var description: StringLiteral?
    /// Directives on the schema (`SCHEMA` location).
    public var directives: [Directive]
    /// The `operation: Type` entries in source order; empty for an extension that adds only
    /// directives.
    public var operationTypes: [(operation: OperationType, type: Name)]
    /// Location of the first token (the description when present, else `schema` or `extend`).
    public var loc: SourceLocation

    /// Creates a schema definition or extension.
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
    /// The text with escapes resolved and, for block strings, common indentation removed.
    public var value: String
    /// True for a `"""` block string; the printer keeps that form.
    public var block: Bool
    /// Location of the opening quote.
    public var loc: SourceLocation

    /// Creates a string literal.
    public init(value: String, block: Bool, loc: SourceLocation) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

/// A named type definition (or the body of an `extend` of one).
public struct TypeDefinition: Sendable {
    /// What kind of named type is defined, with the kind's body.
    public enum Kind: Sendable {
        /// `scalar Name`: no body.
        case scalar
        /// `type Name implements A & B { fields }`
        case object(interfaces: [Name], fields: [FieldDefinitionNode])
        /// `interface Name implements A & B { fields }`
        case interface(interfaces: [Name], fields: [FieldDefinitionNode])
        /// `union Name = A | B`; members in source order.
        case union(members: [Name])
        /// `enum Name { VALUES }`
        case enumType(values: [EnumValueDefinitionNode])
        /// `input Name { fields }`
        case inputObject(fields: [InputValueDefinitionNode])
    }

    /// The description before the definition; nil when there is none (and always nil on an
    /// extension).
    public var description: StringLiteral?
    /// The type's name as written in SDL.
    public var name: Name
    /// Directives on the type, e.g. `@specifiedBy` or `@oneOf`.
    public var directives: [Directive]
    /// The kind of type and its body (fields, members or values).
    public var kind: Kind
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    /// Creates a type definition or the body of a type extension.
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
    /// The description before the field; nil when there is none.
    public var description: StringLiteral?
    /// The field's name as written in SDL.
    public var name: Name
    /// The `(arg: Type = default)` definitions in source order; empty when there are none.
    public var arguments: [InputValueDefinitionNode]
    /// The field's output type, as written.
    public var type: TypeReference
    /// Directives on the field, e.g. `@deprecated` (`FIELD_DEFINITION` location).
    public var directives: [Directive]
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    /// Creates a field definition node.
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
    /// The description before the value; nil when there is none.
    public var description: StringLiteral?
    /// The argument's or input field's name as written in SDL.
    public var name: Name
    /// The input type, as written.
    public var type: TypeReference
    /// The `= default` constant; nil when none is written, which differs from `= null`.
    public var defaultValue: Value?
    /// Directives on the definition (`ARGUMENT_DEFINITION` or `INPUT_FIELD_DEFINITION` location).
    public var directives: [Directive]
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    /// Creates an argument or input-field definition node.
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
    /// The description before the value; nil when there is none.
    public var description: StringLiteral?
    /// The enum value's name as written in SDL (not `true`, `false` or `null`).
    public var name: Name
    /// Directives on the value, e.g. `@deprecated` (`ENUM_VALUE` location).
    public var directives: [Directive]
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    /// Creates an enum value definition node.
    public init(description: StringLiteral?, name: Name, directives: [Directive], loc: SourceLocation) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `directive @name(args) repeatable on LOCATION | …`.
public struct DirectiveDefinition: Sendable {
    /// The description before `directive`; nil when there is none.
    public var description: StringLiteral?
    /// The directive's name without `@`.
    public var name: Name
    /// The directive's argument definitions in source order; empty when there are none.
    public var arguments: [InputValueDefinitionNode]
    /// True when declared `repeatable`, so it may appear more than once at one location.
    public var isRepeatable: Bool
    /// The `on` locations as written (e.g. `FIELD`), in source order; the parser rejects unknown ones.
    public var locations: [Name]
    /// Location of the first token (the description when present).
    public var loc: SourceLocation

    /// Creates a directive definition node.
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
