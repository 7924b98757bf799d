/// The syntax tree of a GraphQL document: executable definitions (operations, fragments) and the type-system
/// definitions that SDL uses.
///
/// Nodes are plain values. Recursion goes through arrays and `indirect` enums, so a tree is cheap to share
/// between threads and a cached document can be executed concurrently. This file holds what every part of the
/// tree shares; `ExecutableAST.swift`, `ValueAST.swift` and `TypeSystemAST.swift` hold the rest.

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
