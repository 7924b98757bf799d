import Synchronization

/// A compiled operation: its root plan, compiled lazily once per combination of the `@skip`/`@include`
/// variables it uses (usually none, so once), and shared by every later request with the same document.
final class OperationPlan<Context: Sendable>: Sendable {
    let operation: OperationDefinition
    let rootType: ObjectType
    /// Variables that decide `@skip`/`@include`; their boolean values select a compiled root plan.
    let conditionVariables: [String]
    private let compiler: PlanCompiler<Context>
    private let plans = Mutex<[[Bool]: SelectionPlan<Context>]>([:])

    init(operation: OperationDefinition, rootType: ObjectType, compiler: PlanCompiler<Context>) {
        self.operation = operation
        self.rootType = rootType
        self.compiler = compiler
        self.conditionVariables = compiler.conditionVariables(of: operation)
    }

    /// The root plan for these (coerced) variables.
    func rootPlan(variables: [String: InputValue]) throws(GraphQLError) -> SelectionPlan<Context> {
        let key = conditionVariables.map { variables[$0]?.boolValue ?? false }
        if let plan = plans.withLock({ $0[key] }) { return plan }
        // Compiling twice in a race is harmless: both results are equal and one wins.
        let plan = try compiler.compileRoot(operation, rootType: rootType, variables: variables)
        plans.withLock { $0[key] = plan }
        return plan
    }
}
