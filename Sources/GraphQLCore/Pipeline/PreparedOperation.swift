/// An operation ready to run (``GraphQLEngine/prepare(_:)``): selected from its cached document, its variables
/// coerced and its complexity measured with them. A transport reads its kind, name and cost to decide (refuse a
/// mutation over GET, open a read snapshot, charge a rate limit) and then runs it, with no second lookup.
public struct PreparedOperation<Context: Sendable>: Sendable {
    let plan: OperationPlan<Context>
    let variables: [String: InputValue]
    /// The complexity measured with this request's variables.
    public let complexity: ComplexityReport
    /// Joins masked errors in the logs with this request.
    public var requestID: String?

    init(plan: OperationPlan<Context>, variables: [String: InputValue], complexity: ComplexityReport, requestID: String?) {
        self.plan = plan
        self.variables = variables
        self.complexity = complexity
        self.requestID = requestID
    }

    /// Query or mutation.
    public var type: OperationType { plan.operation.operation }
    /// The operation's name in the document, nil when anonymous.
    public var name: String? { plan.operation.name?.value }
    /// The root fields the operation selects directly or through inline fragments, by field name (not alias);
    /// a fragment spread at the root adds its own root fields.
    public var rootFieldNames: [String] { plan.rootFieldNames }
}

/// What ``GraphQLEngine/prepare(_:)`` gives: an operation to run, or the request error to answer.
public enum OperationPreparation<Context: Sendable>: Sendable {
    case ready(PreparedOperation<Context>)
    case refused(GraphQLResponse)
}
