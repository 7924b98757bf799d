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

    /// Orders by line, then column, so errors and definitions can be sorted into source order.
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
    /// An operation: `query`, `mutation`, `subscription`, or the `{ … }` query shorthand.
    case operation(OperationDefinition)
    /// A named fragment: `fragment Name on Type { … }`.
    case fragment(FragmentDefinition)
    /// SDL: a type-system definition or extension. Only schema building accepts these; validation of an
    /// executable document rejects them (spec §5.1.1).
    case typeSystem(TypeSystemDefinition)
}

/// `query`, `mutation` or `subscription`.
public enum OperationType: String, Hashable, Sendable {
    /// A read; the spec lets its root fields resolve in parallel (§6.2.1).
    case query
    /// A write; its root fields resolve one after another, in order (§6.2.2).
    case mutation
    /// A stream: its single root field yields events, and each event is executed like a query (§6.2.3).
    case subscription
}

/// An operation. An anonymous shorthand `{ … }` has `name == nil` and `operation == .query`.
public struct OperationDefinition: Sendable {
    /// Which root type the operation runs against.
    public var operation: OperationType
    /// The operation's name; nil for an anonymous operation, which must be the document's only one
    /// (spec §5.2.2.1).
    public var name: Name?
    /// The `($var: Type = default)` declarations in source order; empty when there are none.
    public var variableDefinitions: [VariableDefinition]
    /// Directives on the operation itself (`QUERY`, `MUTATION` or `SUBSCRIPTION` location).
    public var directives: [Directive]
    /// The selections made on the root type.
    public var selectionSet: SelectionSet
    /// Location of the first token (the keyword, or `{` for the shorthand).
    public var loc: SourceLocation

    /// Creates an operation; `loc` is that of its first token.
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
    /// The declared input type, as written.
    public var type: TypeReference
    /// The `= default` literal; nil when none is written, which differs from an explicit `= null`.
    public var defaultValue: Value?
    /// Directives on the definition (`VARIABLE_DEFINITION` location).
    public var directives: [Directive]
    /// Location of `$`.
    public var loc: SourceLocation

    /// Creates a variable definition.
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
    /// A type name, e.g. `Int`.
    case named(Name)
    /// `[T]`; `loc` is that of `[`.
    case list(TypeReference, loc: SourceLocation)
    /// `T!`; `loc` is where the wrapped type starts, not the `!`.
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
    /// The selections in source order; never empty, as the grammar requires at least one.
    public var selections: [Selection]
    /// Location of `{`.
    public var loc: SourceLocation

    /// Creates a selection set; `loc` is that of `{`.
    public init(selections: [Selection], loc: SourceLocation) {
        self.selections = selections
        self.loc = loc
    }
}

/// One entry of a selection set.
public enum Selection: Sendable {
    /// A field, possibly aliased, with arguments and a sub-selection.
    case field(Field)
    /// A spread of a named fragment: `...Name`.
    case fragmentSpread(FragmentSpread)
    /// An inline fragment: `... on Type { … }` or `... { … }`.
    case inlineFragment(InlineFragment)
}

/// `alias: name(args) @directives { … }`.
public struct Field: Sendable {
    /// The name before `:`; nil when the field is not aliased.
    public var alias: Name?
    /// The schema field's name (after the alias, when there is one).
    public var name: Name
    /// Arguments in source order, not yet coerced; empty when there are none.
    public var arguments: [Argument]
    /// Directives on the field, e.g. `@include` and `@skip`.
    public var directives: [Directive]
    /// The sub-selection; nil for a leaf. Validation requires one exactly when the field's type is
    /// composite (spec §5.3.3).
    public var selectionSet: SelectionSet?
    /// Location of the first token (the alias when present).
    public var loc: SourceLocation

    /// Creates a field; `loc` is that of the alias when there is one, else the name.
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
    /// The name of the fragment being spread.
    public var name: Name
    /// Directives on the spread (`FRAGMENT_SPREAD` location).
    public var directives: [Directive]
    /// Location of `...`.
    public var loc: SourceLocation

    /// Creates a fragment spread; `loc` is that of `...`.
    public init(name: Name, directives: [Directive], loc: SourceLocation) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `... on Type @directives { … }`; the type condition is optional.
public struct InlineFragment: Sendable {
    /// The type after `on`; nil when omitted, and the fragment then applies to the enclosing type.
    public var typeCondition: Name?
    /// Directives on the fragment (`INLINE_FRAGMENT` location).
    public var directives: [Directive]
    /// The fragment's selections.
    public var selectionSet: SelectionSet
    /// Location of `...`.
    public var loc: SourceLocation

    /// Creates an inline fragment; `loc` is that of `...`.
    public init(typeCondition: Name?, directives: [Directive], selectionSet: SelectionSet, loc: SourceLocation) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `fragment Name on Type @directives { … }`.
public struct FragmentDefinition: Sendable {
    /// The fragment's name, which must be unique in the document (spec §5.5.1.1).
    public var name: Name
    /// The type after `on`; named fragments always have one.
    public var typeCondition: Name
    /// Directives on the definition (`FRAGMENT_DEFINITION` location).
    public var directives: [Directive]
    /// The fragment's selections.
    public var selectionSet: SelectionSet
    /// Location of `fragment`.
    public var loc: SourceLocation

    /// Creates a fragment definition; `loc` is that of `fragment`.
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
    /// The argument's name as written.
    public var name: Name
    /// The argument's literal or variable, not yet coerced.
    public var value: Value
    /// Location of the name.
    public var loc: SourceLocation { name.loc }

    /// Creates an argument; its location is that of `name`.
    public init(name: Name, value: Value) {
        self.name = name
        self.value = value
    }
}

/// `@name(args)`.
public struct Directive: Sendable {
    /// The directive's name without `@`.
    public var name: Name
    /// Arguments in source order; empty when there are none.
    public var arguments: [Argument]
    /// Location of `@`.
    public var loc: SourceLocation

    /// Creates a directive; `loc` is that of `@`.
    public init(name: Name, arguments: [Argument], loc: SourceLocation) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}

/// A literal or variable in a document, with its location.
public struct Value: Sendable {
    /// Which literal this is, with its payload.
    public var kind: Kind
    /// Where the literal starts: `$` for a variable, `[` or `{` for a list or object.
    public var loc: SourceLocation

    /// Creates a value node.
    public init(_ kind: Kind, loc: SourceLocation) {
        self.kind = kind
        self.loc = loc
    }

    /// The literal forms. Numbers keep their source text, so no precision is lost before coercion.
    public indirect enum Kind: Sendable {
        /// `$name`, stored without `$`.
        case variable(String)
        /// An integer literal's source text, e.g. `-12`; coercion checks the 32-bit range of `Int`.
        case int(String)
        /// A float literal's source text, e.g. `1.5e3`.
        case float(String)
        /// A string with escapes resolved (and block-string indentation removed).
        case string(String, block: Bool)
        /// `true` or `false`.
        case boolean(Bool)
        /// The `null` literal.
        case null
        /// An enum value's name, unquoted (any name but `true`, `false` and `null`).
        case enumValue(String)
        /// `[ … ]`, items in source order.
        case list([Value])
        /// `{ name: value … }`, fields in source order; duplicates are kept so validation can report them.
        case object([ObjectField])
    }
}

/// `name: value` inside an input object literal.
public struct ObjectField: Sendable {
    /// The input field's name.
    public var name: Name
    /// The input field's literal or variable.
    public var value: Value

    /// Creates an object field; its location is that of `name`.
    public init(name: Name, value: Value) {
        self.name = name
        self.value = value
    }
}
