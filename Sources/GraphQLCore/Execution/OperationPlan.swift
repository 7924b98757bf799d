import Synchronization

/// A compiled operation: its root plan, compiled lazily once per combination of the `@skip`/`@include`
/// variables it uses (usually none, so once), and shared by every later request with the same document.
final class OperationPlan<Context: Sendable>: Sendable {
    let operation: OperationDefinition
    /// The whole document, which the complexity analyzer measures with fragments expanded.
    let document: Document
    let rootType: ObjectType
    /// Variables that decide `@skip`/`@include`; their boolean values select a compiled root plan.
    let conditionVariables: [String]
    /// The root fields selected, by name, through inline fragments and fragment spreads (each fragment once).
    let rootFieldNames: [String]
    private let compiler: PlanCompiler<Context>
    private let plans = Mutex<[[Bool]: SelectionPlan<Context>]>([:])
    /// How many condition combinations keep their compiled plan. Each combination is a client's choice, so an
    /// operation with many condition variables could otherwise grow one cached document without bound; past
    /// this, a new combination is compiled for its request only.
    static var maxCachedPlans: Int { 16 }
    /// The complexity verdict of an operation without variables, which cannot change between requests.
    private let staticComplexity = Mutex<Result<ComplexityReport, GraphQLError>?>(nil)

    init(operation: OperationDefinition, document: Document, rootType: ObjectType, compiler: PlanCompiler<Context>) {
        self.operation = operation
        self.document = document
        self.rootType = rootType
        self.compiler = compiler
        self.conditionVariables = compiler.conditionVariables(of: operation)
        self.rootFieldNames = Self.rootFieldNames(operation.selectionSet, document: document)
    }

    private static func rootFieldNames(_ root: SelectionSet, document: Document) -> [String] {
        var fragments: [String: SelectionSet] = [:]
        for case .fragment(let fragment) in document.definitions { fragments[fragment.name.value] = fragment.selectionSet }
        var names: [String] = []
        var seen = Set<String>()
        var visited = Set<String>()
        var pending = [root]
        while let set = pending.popLast() {
            for selection in set.selections {
                switch selection {
                case .field(let field):
                    if seen.insert(field.name.value).inserted { names.append(field.name.value) }
                case .inlineFragment(let fragment):
                    pending.append(fragment.selectionSet)
                case .fragmentSpread(let spread):
                    if visited.insert(spread.name.value).inserted, let set = fragments[spread.name.value] {
                        pending.append(set)
                    }
                }
            }
        }
        return names
    }

    /// Checks the static limits; measured once when the operation has no variables (list sizes can then
    /// not depend on the request), else per request with the variables' integer values.
    func checkComplexity(schema: GraphQLSchema, limits: ComplexityLimits, variables: [String: InputValue])
        -> Result<ComplexityReport, GraphQLError>
    {
        func measure() -> Result<ComplexityReport, GraphQLError> {
            do {
                return .success(
                    try ComplexityAnalyzer.measure(
                        document, operationName: operation.name?.value, schema: schema,
                        variables: ComplexityAnalyzer.sizes(variables), limits: limits))
            } catch {
                return .failure(error)
            }
        }
        guard operation.variableDefinitions.isEmpty else { return measure() }
        if let cached = staticComplexity.withLock({ $0 }) { return cached }
        let verdict = measure()
        staticComplexity.withLock { $0 = verdict }
        return verdict
    }

    /// The root plan for these (coerced) variables.
    func rootPlan(variables: [String: InputValue]) throws(GraphQLError) -> SelectionPlan<Context> {
        let key = conditionVariables.map { variables[$0]?.boolValue ?? false }
        if let plan = plans.withLock({ $0[key] }) { return plan }
        // Compiling twice in a race is harmless: both results are equal and one wins. Only the condition
        // variables go to the compiler: abstract sub-plans compile later and keep what they are given, and the
        // plan is shared by requests whose other variables differ.
        var conditions: [String: InputValue] = [:]
        for (name, value) in zip(conditionVariables, key) { conditions[name] = .bool(value) }
        let plan = try compiler.compileRoot(operation, rootType: rootType, variables: conditions)
        plans.withLock { if $0.count < Self.maxCachedPlans { $0[key] = plan } }
        return plan
    }

    /// How many compiled root plans this operation keeps.
    var cachedPlanCount: Int { plans.withLock { $0.count } }
}
