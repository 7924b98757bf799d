/// Executable definitions: operations, fragments and the selections inside them.

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
