/// Everything a field resolver gets: the parent's source value, the coerced arguments, the request's context,
/// and which field it is resolving.
public struct ResolverInput<Context: Sendable>: Sendable {
    /// The source value of the object that owns the field (the root value for root fields).
    public let parent: any Sendable
    /// Coerced arguments, defaults applied.
    public let arguments: Arguments
    /// The per-request context the application passed in.
    public var context: Context { contextBox.value }
    /// Boxed so that this struct's layout does not depend on `Context` (see `ContextBox`).
    let contextBox: ContextBox<Context>
    /// The field being resolved.
    public let info: FieldInfo

    init(parent: any Sendable, arguments: Arguments, contextBox: ContextBox<Context>, info: FieldInfo) {
        self.parent = parent
        self.arguments = arguments
        self.contextBox = contextBox
        self.info = info
    }

    /// The parent as the type the resolver expects; a mismatch is a programming error reported as internal.
    ///
    /// Inlinable so that the cast is specialised in the resolver's module: unspecialised, `as? T` looked up the
    /// generic metadata of `Optional<T>` on every call, one call per resolved field.
    @inlinable
    public func parent<T>(as type: T.Type) throws -> T {
        guard let value = parent as? T else { throw ResolverTypeMismatch(expected: "\(T.self)", field: info) }
        return value
    }
}

/// What a batch resolver gets: every parent for which the field is being resolved at one level of the execution.
public struct BatchResolverInput<Context: Sendable>: Sendable {
    /// The parents, in response order; the resolver returns one value per parent, in the same order.
    public let parents: [any Sendable]
    /// The coerced arguments (the same for every parent: they depend only on the document and variables).
    public let arguments: Arguments
    /// The per-request context.
    public var context: Context { contextBox.value }
    /// Boxed so that this struct's layout does not depend on `Context` (see `ContextBox`).
    let contextBox: ContextBox<Context>
    /// The field being resolved.
    public let info: FieldInfo

    init(parents: [any Sendable], arguments: Arguments, contextBox: ContextBox<Context>, info: FieldInfo) {
        self.parents = parents
        self.arguments = arguments
        self.contextBox = contextBox
        self.info = info
    }

    /// The parents as the type the resolver expects (inlinable, as `ResolverInput.parent(as:)` is).
    @inlinable
    public func parents<T>(as type: T.Type) throws -> [T] {
        var typed: [T] = []
        typed.reserveCapacity(parents.count)
        for parent in parents {
            guard let value = parent as? T else { throw ResolverTypeMismatch(expected: "\(T.self)", field: info) }
            typed.append(value)
        }
        return typed
    }
}

/// Static facts about the field being resolved.
public struct FieldInfo: Sendable {
    /// The object type that owns the field.
    public let parentType: String
    /// The field's name in the schema.
    public let fieldName: String
    /// The alias, or the name: the key in the response.
    public let responseKey: String
}

/// A resolver received a parent of an unexpected Swift type. Internal: it is masked for the client.
public struct ResolverTypeMismatch: Error, Sendable, CustomStringConvertible {
    /// The Swift type the resolver asked for.
    public let expected: String
    /// The field whose resolver asked.
    public let field: FieldInfo

    @usableFromInline
    init(expected: String, field: FieldInfo) {
        self.expected = expected
        self.field = field
    }
    /// Names the field and the expected type, for the logs.
    public var description: String { "\(field.parentType).\(field.fieldName): parent is not a \(expected)" }
}
