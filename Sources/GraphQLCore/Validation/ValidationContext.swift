/// Everything the rules share while one document is validated: the schema, an index of the document, the
/// errors so far, and the small amount of per-rule state that graphql-js keeps in its rule closures.
///
/// One context validates one document on one thread; it is never shared.
final class ValidationContext {
    let schema: GraphQLSchema
    let document: Document
    let maxErrors: Int
    private(set) var errors: [GraphQLError] = []
    /// Set once the error limit is hit; every walk stops as soon as it sees it.
    private(set) var aborted = false

    /// Fragments by name; the last definition of a name wins, as in graphql-js's `getFragment`.
    let fragments: [String: FragmentDefinition]
    let operationCount: Int
    /// Types and directives defined by SDL inside the document (which ExecutableDefinitions rejects anyway).
    let documentTypeNames: Set<String>
    let documentDirectiveLocations: [String: [DirectiveLocation]]
    let documentDirectiveArguments: [String: [InputValueDefinitionNode]]
    let documentRepeatableDirectives: Set<String>

    // Per-operation state, reset when an operation starts.
    var operationVariableDefinitions: [String: VariableDefinition] = [:]
    /// The variable definitions ValuesOfCorrectType consults for @oneOf; like graphql-js it is reset by
    /// operations only, so a fragment after an operation sees that operation's variables.
    var oneOfVariableDefinitions: [String: VariableDefinition] = [:]
    /// Variable usages of the definition being walked, in document order.
    var currentUsages: [VariableUsage] = []

    // Per-document state of individual rules.
    var knownOperationNames: [String: Name] = [:]
    var knownFragmentNames: [String: Name] = [:]
    var fragmentCyclesVisited: Set<String> = []
    /// Spreads inside each fragment, by name (see `fragmentSpreads(ofFragment:)`).
    var spreadsByFragment: [String: [FragmentSpread]] = [:]
    /// Usages and spreads of each fragment definition, recorded while it is walked (keyed by definition index).
    var usagesByFragmentIndex: [Int: [VariableUsage]] = [:]
    let fragmentIndexByName: [String: Int]
    let overlap: OverlapChecker

    init(schema: GraphQLSchema, document: Document, maxErrors: Int) {
        self.schema = schema
        self.document = document
        self.maxErrors = maxErrors
        var fragments: [String: FragmentDefinition] = [:]
        var fragmentIndex: [String: Int] = [:]
        var operations = 0
        var typeNames: Set<String> = []
        var directiveLocations: [String: [DirectiveLocation]] = [:]
        var directiveArguments: [String: [InputValueDefinitionNode]] = [:]
        var repeatable: Set<String> = []
        for (index, definition) in document.definitions.enumerated() {
            switch definition {
            case .operation: operations += 1
            case .fragment(let fragment):
                fragments[fragment.name.value] = fragment
                fragmentIndex[fragment.name.value] = index
            case .typeSystem(.type(let type)): typeNames.insert(type.name.value)
            case .typeSystem(.directive(let directive)):
                directiveLocations[directive.name.value] = directive.locations.compactMap {
                    DirectiveLocation(rawValue: $0.value)
                }
                directiveArguments[directive.name.value] = directive.arguments
                if directive.isRepeatable { repeatable.insert(directive.name.value) }
            case .typeSystem: break
            }
        }
        self.fragments = fragments
        self.fragmentIndexByName = fragmentIndex
        self.operationCount = operations
        self.documentTypeNames = typeNames
        self.documentDirectiveLocations = directiveLocations
        self.documentDirectiveArguments = directiveArguments
        self.documentRepeatableDirectives = repeatable
        self.overlap = OverlapChecker(schema: schema, fragments: fragments)
    }

    /// Records an error, or the "too many errors" error and an abort once `maxErrors` have been recorded.
    func report(_ message: String, _ locations: [SourceLocation]) {
        guard !aborted else { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError(
                "Too many validation errors, error limit reached. Validation aborted.", code: .validationFailed))
            aborted = true
            return
        }
        errors.append(GraphQLError(message, locations: locations, code: .validationFailed))
    }

    /// Moves each range of errors (recorded late) to just before the error index given with it; the ranges are
    /// in ascending order and come after every index.
    func moveErrors(_ placements: [(index: Int, range: Range<Int>)]) {
        guard !placements.isEmpty, !aborted else { return }
        var reordered: [GraphQLError] = []
        reordered.reserveCapacity(errors.count)
        var next = 0
        let lateStart = placements[0].range.lowerBound
        for placement in placements {
            reordered += errors[next..<placement.index]
            next = placement.index
            reordered += errors[placement.range]
        }
        reordered += errors[next..<lateStart]
        errors = reordered
    }

    /// The named type a document's type reference names, if the schema has it.
    func namedType(_ name: String) -> GraphQLNamedType? { schema.type(named: name) }

    /// graphql-js's `typeFromAST`: the model type for a written type, or nil when its named type is unknown.
    func typeFromAST(_ reference: TypeReference) -> GraphQLTypeRef? {
        schema.type(named: reference.namedType.value) == nil ? nil : GraphQLTypeRef(reference)
    }

    /// True when the (wrapped) type is a scalar, enum or input object.
    func isInputType(_ type: GraphQLTypeRef) -> Bool { namedType(type.namedType)?.isInputType == true }
}
