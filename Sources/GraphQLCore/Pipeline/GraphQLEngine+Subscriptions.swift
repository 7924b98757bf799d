/// Subscriptions: the root field's resolver returns a stream of values, and each value is executed as the
/// field's result with the operation's selection set, like a query.
extension GraphQLEngine {
    /// The answer to a subscription request: refused up front, or a stream of responses (one per event).
    public enum Subscription: Sendable {
        /// Refused before subscribing (parse, validation, variables, or the source stream could not start).
        case requestError(GraphQLResponse)
        /// One executed response per source event, pulled on demand; cancelling iteration cancels the source.
        case events(GraphQLResponseStream)
    }

    /// Starts a subscription.
    public func subscribe(_ request: GraphQLRequest, context: Context) async -> Subscription {
        let operation: OperationPlan<Context>
        switch prepareOperation(request) {
        case .ready(let plan): operation = plan
        case .refused(let response): return .requestError(response)
        }
        guard operation.operation.operation == .subscription else {
            return .requestError(.requestError([GraphQLError("subscribe() needs a subscription operation.", code: .badUserInput)]))
        }
        let variables = executable.coercer.coerceVariables(operation.operation.variableDefinitions, inputs: request.variables)
        guard variables.errors.isEmpty else { return .requestError(.requestError(variables.errors)) }
        if case .failure(let error) = operation.checkComplexity(
            schema: executable.schema, limits: configuration.complexityLimits, variables: variables.values)
        {
            return .requestError(.requestError([error]))
        }
        let root: SelectionPlan<Context>
        do { root = try operation.rootPlan(variables: variables.values) } catch { return .requestError(.requestError([error])) }
        guard let fieldIndex = root.fields.firstIndex(where: { if case .subscription = $0.resolver { true } else { false } }),
              case .subscription(let subscribe) = root.fields[fieldIndex].resolver else {
            return .requestError(.requestError([GraphQLError("The subscription has no event stream field.", code: .badUserInput)]))
        }
        let field = root.fields[fieldIndex]
        let requestID = request.requestID ?? Executor<Context>.makeRequestID()
        let executable = self.executable
        let reporter = configuration.errorReporter

        // Creating the source stream runs the resolver once; its failure is a request error, as in graphql-js.
        let source: AsyncThrowingStream<FieldValue, any Error>
        let setup = Executor(executable: executable, context: context, variables: variables.values, requestID: requestID, reporter: reporter)
        let arguments: Arguments
        switch setup.argumentValuesForSubscription(field) {
        case .success(let values): arguments = values
        case .failure(let error): return .requestError(.requestError([error]))
        }
        do {
            source = try await subscribe(ResolverInput(parent: Root(), arguments: arguments, contextBox: ContextBox(context), info: field.info))
        } catch {
            let located = setup.locatedError(error, field: field, path: [.key(field.responseKey)])
            return .requestError(.requestError([located]))
        }
        let values = variables.values
        let stream = GraphQLResponseStream(
            source: source,
            execute: { event in
                let executor = Executor(executable: executable, context: context, variables: values, requestID: requestID, reporter: reporter)
                let tree = await executor.executeEvent(event, plan: root, fieldIndex: fieldIndex)
                let bytes = ResponseWriter.write(data: executor.dataIsNull ? nil : tree, errors: executor.errors)
                return GraphQLResponse(outcome: .executed, bytes: bytes, errors: executor.errors)
            },
            fail: { error in
                let executor = Executor(executable: executable, context: context, variables: values, requestID: requestID, reporter: reporter)
                let located = executor.locatedError(error, field: field, path: [.key(field.responseKey)])
                return GraphQLResponse(outcome: .executed, bytes: ResponseWriter.write(data: nil, errors: [located]), errors: [located])
            })
        return .events(stream)
    }
}

extension Executor {
    /// Executes one subscription event: the event is the root field's value.
    func executeEvent(_ event: FieldValue, plan: SelectionPlan<Context>, fieldIndex: Int) async -> ResultNode {
        let root = ResultNode(objectWithKeys: [plan.resultKeys[fieldIndex]], parent: nil, index: 0, nonNull: true)
        var next: [Work] = []
        completeField(event, field: plan.fields[fieldIndex], node: root, index: 0, next: &next)
        await run(next)
        return root
    }
}
