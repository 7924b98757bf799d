/// A type reference in the model: a named type wrapped in lists and non-nulls.
public indirect enum GraphQLTypeRef: Hashable, Sendable, CustomStringConvertible {
    /// A named type, by name; the schema resolves it.
    case named(String)
    /// `[T]`.
    case list(GraphQLTypeRef)
    /// `T!`; SDL cannot put a non-null directly inside another.
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
