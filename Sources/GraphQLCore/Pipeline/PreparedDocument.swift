/// A query text after parsing, validation and limits: its operations ready to compile and run, or the
/// request errors it produced. Cached by query text, both outcomes, so repeating a bad query is cheap too.
final class PreparedDocument<Context: Sendable>: Sendable {
    enum State: Sendable {
        case ready(operations: [(name: String?, plan: OperationPlan<Context>)])
        case failed([GraphQLError])
    }

    let state: State

    init(state: State) {
        self.state = state
    }

    /// Builds the operation plans of a valid document.
    convenience init(document: Document, executable: ExecutableSchema<Context>, allowIntrospection: Bool, cachesIntrospectionAnswers: Bool = true) {
        var fragments: [String: FragmentDefinition] = [:]
        var operations: [OperationDefinition] = []
        for definition in document.definitions {
            switch definition {
            case .fragment(let fragment): fragments[fragment.name.value] = fragment
            case .operation(let operation): operations.append(operation)
            case .typeSystem: break
            }
        }
        var compiler = PlanCompiler(executable: executable, fragments: fragments, allowIntrospection: allowIntrospection)
        compiler.cachesIntrospectionAnswers = cachesIntrospectionAnswers
        var plans: [(name: String?, plan: OperationPlan<Context>)] = []
        for operation in operations {
            guard let root = executable.schema.rootType(for: operation.operation) else { continue }
            plans.append((operation.name?.value, OperationPlan(operation: operation, document: document, rootType: root, compiler: compiler)))
        }
        self.init(state: .ready(operations: plans))
    }

    /// graphql-js's operation selection, with its messages; errors are `BAD_USER_INPUT` request errors.
    static func select(
        _ operations: [(name: String?, plan: OperationPlan<Context>)], name: String?
    ) -> Result<OperationPlan<Context>, GraphQLError> {
        if let name {
            guard let match = operations.first(where: { $0.name == name }) else {
                return .failure(GraphQLError("Unknown operation named \"\(name)\".", code: .badUserInput))
            }
            return .success(match.plan)
        }
        switch operations.count {
        case 0: return .failure(GraphQLError("Must provide an operation.", code: .badUserInput))
        case 1: return .success(operations[0].plan)
        default: return .failure(GraphQLError("Must provide operation name if query contains multiple operations.", code: .badUserInput))
        }
    }
}
