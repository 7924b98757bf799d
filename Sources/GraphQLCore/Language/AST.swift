/// The syntax tree of a GraphQL document: executable definitions (operations, fragments) and the type-system
/// definitions that SDL uses.
///
/// Nodes are plain values. Recursion goes through arrays and `indirect` enums, so a tree is cheap to share
/// between threads and a cached document can be executed concurrently.

/// A position in the source text, 1-based, as the spec's error `locations` report it.
public struct SourceLocation: Hashable, Sendable, Comparable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as graphql-js does.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A name token with its location.
public struct Name: Hashable, Sendable {
    /// The name's text.
    public var value: String
    /// Where the name starts.
    public var loc: SourceLocation

    /// Creates a name.
    public init(_ value: String, loc: SourceLocation) {
        self.value = value
        self.loc = loc
    }
}

/// A whole document.
public struct Document: Sendable {
    /// The definitions in source order.
    public var definitions: [Definition]

    /// Creates a document.
    public init(definitions: [Definition]) {
        self.definitions = definitions
    }
}

/// One top-level definition.
public enum Definition: Sendable {
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    case typeSystem(TypeSystemDefinition)
}

/// `query`, `mutation` or `subscription`.
public enum OperationType: String, Hashable, Sendable {
    case query, mutation, subscription
}

/// An operation. An anonymous shorthand `{ … }` has `name == nil` and `operation == .query`.
public struct OperationDefinition: Sendable {
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    /// Location of the first token (the keyword, or `{` for the shorthand).
    public var loc: SourceLocation

    public init(
        operation: OperationType, name: Name?, variableDefinitions: [VariableDefinition],
        directives: [Directive], selectionSet: SelectionSet, loc: SourceLocation
    ) {
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `$name: Type = default @directives`.
public struct VariableDefinition: Sendable {
    /// The variable's name without `$`; its location is that of `$`.
    public var variable: Name
    public var type: TypeReference
    public var defaultValue: Value?
    public var directives: [Directive]
    public var loc: SourceLocation

    public init(variable: Name, type: TypeReference, defaultValue: Value?, directives: [Directive], loc: SourceLocation) {
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// A type as written in a document: `Name`, `[T]`, `T!`.
public indirect enum TypeReference: Hashable, Sendable {
    case named(Name)
    case list(TypeReference, loc: SourceLocation)
    case nonNull(TypeReference, loc: SourceLocation)

    /// The innermost named type.
    public var namedType: Name {
        switch self {
        case .named(let name): return name
        case .list(let inner, _), .nonNull(let inner, _): return inner.namedType
        }
    }

    /// Where the type starts.
    public var loc: SourceLocation {
        switch self {
        case .named(let name): return name.loc
        case .list(_, let loc): return loc
        case .nonNull(let inner, _): return inner.loc
        }
    }
}

/// `{ selection … }`.
public struct SelectionSet: Sendable {
    public var selections: [Selection]
    /// Location of `{`.
    public var loc: SourceLocation

    public init(selections: [Selection], loc: SourceLocation) {
        self.selections = selections
        self.loc = loc
    }
}

/// One entry of a selection set.
public enum Selection: Sendable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)
}

/// `alias: name(args) @directives { … }`.
public struct Field: Sendable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    /// Location of the first token (the alias when present).
    public var loc: SourceLocation

    public init(
        alias: Name?, name: Name, arguments: [Argument], directives: [Directive],
        selectionSet: SelectionSet?, loc: SourceLocation
    ) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }

    /// The key of this field in the response: the alias, else the name.
    public var responseKey: String { alias?.value ?? name.value }
}

/// `...Name @directives`.
public struct FragmentSpread: Sendable {
    public var name: Name
    public var directives: [Directive]
    /// Location of `...`.
    public var loc: SourceLocation

    public init(name: Name, directives: [Directive], loc: SourceLocation) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `... on Type @directives { … }`; the type condition is optional.
public struct InlineFragment: Sendable {
    public var typeCondition: Name?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    /// Location of `...`.
    public var loc: SourceLocation

    public init(typeCondition: Name?, directives: [Directive], selectionSet: SelectionSet, loc: SourceLocation) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `fragment Name on Type @directives { … }`.
public struct FragmentDefinition: Sendable {
    public var name: Name
    public var typeCondition: Name
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    /// Location of `fragment`.
    public var loc: SourceLocation

    public init(name: Name, typeCondition: Name, directives: [Directive], selectionSet: SelectionSet, loc: SourceLocation) {
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `name: value`, for field and directive arguments.
public struct Argument: Sendable {
    public var name: Name
    public var value: Value
    /// Location of the name.
    public var loc: SourceLocation { name.loc }

    public init(name: Name, value: Value) {
        self.name = name
        self.value = value
    }
}

/// `@name(args)`.
public struct Directive: Sendable {
    public var name: Name
    public var arguments: [Argument]
    /// Location of `@`.
    public var loc: SourceLocation

    public init(name: Name, arguments: [Argument], loc: SourceLocation) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}

/// A literal or variable in a document, with its location.
public struct Value: Sendable {
    public var kind: Kind
    public var loc: SourceLocation

    public init(_ kind: Kind, loc: SourceLocation) {
        self.kind = kind
        self.loc = loc
    }

    /// The literal forms. Numbers keep their source text, so no precision is lost before coercion.
    public indirect enum Kind: Sendable {
        /// `$name`, stored without `$`.
        case variable(String)
        case int(String)
        case float(String)
        /// A string with escapes resolved (and block-string indentation removed).
        case string(String, block: Bool)
        case boolean(Bool)
        case null
        case enumValue(String)
        case list([Value])
        case object([ObjectField])
    }
}

/// `name: value` inside an input object literal.
public struct ObjectField: Sendable {
    public var name: Name
    public var value: Value

    public init(name: Name, value: Value) {
        self.name = name
        self.value = value
    }
}
