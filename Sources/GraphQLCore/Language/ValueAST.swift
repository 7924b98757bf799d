/// Value literals and type references, shared by executable documents and SDL.

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
