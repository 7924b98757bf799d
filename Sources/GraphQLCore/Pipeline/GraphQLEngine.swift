/// The request pipeline: query text → parse → validate → limits → compile → execute → response bytes, with
/// a bounded cache so a repeated query text skips everything before execution.
///
/// ```swift
/// let engine = GraphQLEngine(schema: try ExecutableSchema(schema: schema, resolvers: resolvers))
/// let response = await engine.execute(GraphQLRequest(query: "{ wallet(id: \"w1\") { id } }"), context: ctx)
/// // response.bytes is the JSON body; response.isRequestError means HTTP 400.
/// ```
public final class GraphQLEngine<Context: Sendable>: Sendable {
    /// The bound schema this engine serves.
    public let executable: ExecutableSchema<Context>
    /// The configuration it was created with.
    public let configuration: GraphQLEngineConfiguration
    let stages: DocumentStages
    let cache: LRUCache<PreparedDocument<Context>>

    /// The value root resolvers receive as their parent.
    public struct Root: Sendable {}

    /// Creates an engine with the standard parser and validator.
    public convenience init(schema: ExecutableSchema<Context>, configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration()) {
        self.init(schema: schema, stages: .standard(parseOptions: configuration.parseOptions), configuration: configuration)
    }

    /// Creates an engine with explicit document stages.
    public init(schema: ExecutableSchema<Context>, stages: DocumentStages, configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration()) {
        self.executable = schema
        self.stages = stages
        self.configuration = configuration
        self.cache = LRUCache(capacity: configuration.documentCacheSize)
    }

    /// Runs a query or mutation. Subscriptions go through `subscribe(_:context:)`.
    public func execute(_ request: GraphQLRequest, context: Context) async -> GraphQLResponse {
        switch prepare(request) {
        case .ready(let operation): await execute(operation, context: context)
        case .refused(let response): response
        }
    }

    /// Everything before execution, once: the document from the cache (parsed, validated and checked against the
    /// static limits on its first use), the operation selected, the variables coerced and the complexity measured
    /// with them. A transport decides on the result (the operation's kind, name and cost) before running it with
    /// ``execute(_:context:)-(PreparedOperation,_)``; `refused` is the request error to answer instead.
    public func prepare(_ request: GraphQLRequest) -> OperationPreparation<Context> {
        let operation: OperationPlan<Context>
        switch prepareOperation(request) {
        case .ready(let plan): operation = plan
        case .refused(let response): return .refused(response)
        }
        if operation.operation.operation == .subscription {
            return .refused(.requestError([GraphQLError(GraphQLEngineMessages.subscriptionNeedsSubscribe, code: .badUserInput)]))
        }
        let variables = executable.coercer.coerceVariables(operation.operation.variableDefinitions, inputs: request.variables)
        guard variables.errors.isEmpty else { return .refused(.requestError(variables.errors)) }
        let report: ComplexityReport
        switch operation.checkComplexity(schema: executable.schema, limits: configuration.complexityLimits, variables: variables.values) {
        case .success(let measured): report = measured
        case .failure(let error): return .refused(.requestError([error]))
        }
        return .ready(PreparedOperation(plan: operation, variables: variables.values, complexity: report, requestID: request.requestID))
    }

    /// Runs an operation ``prepare(_:)`` made ready.
    public func execute(_ prepared: PreparedOperation<Context>, context: Context) async -> GraphQLResponse {
        let root: SelectionPlan<Context>
        do { root = try prepared.plan.rootPlan(variables: prepared.variables) } catch { return .requestError([error]) }
        let executor = Executor(
            executable: executable, context: context, variables: prepared.variables,
            requestID: prepared.requestID, reporter: configuration.errorReporter)
        let tree = await executor.execute(root, rootValue: Root(), serially: prepared.type == .mutation)
        let bytes = ResponseWriter.write(data: executor.dataIsNull ? nil : tree, errors: executor.errors)
        return GraphQLResponse(outcome: .executed, bytes: bytes, errors: executor.errors)
    }

    /// The kind of operation `request` selects (query, mutation or subscription), or nil when the document does not
    /// parse, validate or name one operation; `execute` then answers the request error. Uses the document cache, so
    /// a transport can decide per kind (refuse a mutation over GET, open a read snapshot for a query) before
    /// executing, at the cost of one cache lookup.
    public func operationType(of request: GraphQLRequest) -> OperationType? {
        switch prepareOperation(request) {
        case .ready(let plan): plan.operation.operation
        case .refused: nil
        }
    }

    /// The selected operation's plan, from the cache when this query text was seen before.
    func prepareOperation(_ request: GraphQLRequest) -> OperationLookup {
        let prepared = prepare(request.query)
        switch prepared.state {
        case .failed(let errors):
            return .refused(.requestError(errors))
        case .ready(let operations):
            switch PreparedDocument.select(operations, name: request.operationName) {
            case .success(let plan): return .ready(plan)
            case .failure(let error): return .refused(.requestError([error]))
            }
        }
    }

    enum OperationLookup {
        case ready(OperationPlan<Context>)
        case refused(GraphQLResponse)
    }

    /// Parses, validates and checks limits once per distinct query text.
    func prepare(_ query: String) -> PreparedDocument<Context> {
        if let cached = cache.value(forKey: query) { return cached }
        let prepared = prepareUncached(query)
        cache.insert(prepared, forKey: query)
        return prepared
    }

    private func prepareUncached(_ query: String) -> PreparedDocument<Context> {
        guard query.utf8.count <= configuration.maxQueryBytes else {
            return PreparedDocument(state: .failed([GraphQLError(
                "The query exceeds \(configuration.maxQueryBytes) bytes.", code: .queryTooComplex)]))
        }
        let document: Document
        do { document = try stages.parse(query) } catch { return PreparedDocument(state: .failed([error])) }
        let validationErrors = stages.validate(document, executable.schema)
        guard validationErrors.isEmpty else { return PreparedDocument(state: .failed(validationErrors)) }
        let limitErrors = stages.checkLimits(document, executable.schema)
        guard limitErrors.isEmpty else { return PreparedDocument(state: .failed(limitErrors)) }
        return PreparedDocument(
            document: document, executable: executable, allowIntrospection: configuration.introspectionEnabled,
            cachesIntrospectionAnswers: configuration.cachesIntrospectionAnswers)
    }

    /// How many query texts are cached.
    public var cachedDocumentCount: Int { cache.count }
}

/// Messages of the engine's own refusals that a transport may want to recognise and reword.
public enum GraphQLEngineMessages {
    /// `prepare`/`execute` of a subscription operation: it needs ``GraphQLEngine/subscribe(_:context:)``.
    public static let subscriptionNeedsSubscribe = "Subscription operations must be run with subscribe()."
}
