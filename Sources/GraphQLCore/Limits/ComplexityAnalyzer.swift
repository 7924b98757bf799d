/// Measures an operation's depth, aliases, fields and cost, and refuses it with `.queryTooComplex` when
/// a `ComplexityLimits` value is exceeded.
///
/// Fragments are measured once each, in dependency order without recursion, and their measurements reused
/// at every spread, so the work is linear in the document even when fragments fan out exponentially.
/// Recursion within one selection set is bounded by the parser's selection-depth limit. `@skip` and
/// `@include` are ignored: the measurement is an upper bound.
public enum ComplexityAnalyzer {
    /// The variables' integer values for the complexity analysis. An explicit null is -1, which the analysis counts
    /// as an absent argument (the field's default size), as the resolver sees it: dropping it would let the
    /// operation's default (`$n: Int = 0`) cost a list the resolver fills to its own default.
    public static func sizes(_ variables: [String: InputValue]) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for (name, value) in variables {
            if let number = value.intValue {
                sizes[name] = number
            } else if case .null = value {
                sizes[name] = -1
            }
        }
        return sizes
    }

    /// Measures the chosen operation of a validated document.
    ///
    /// - Parameters:
    ///   - operationName: The operation to measure; nil picks the only one.
    ///   - variables: Integer values of the request's variables, for `first: $n`; a variable not given
    ///     falls back to its default in the operation, then to `defaultListSize`.
    ///     (``sizes(_:)`` makes them from coerced variables.)
    public static func measure(
        _ document: Document, operationName: String? = nil, schema: GraphQLSchema, variables: [String: Int] = [:],
        limits: ComplexityLimits = ComplexityLimits()
    ) throws(GraphQLError) -> ComplexityReport {
        guard let operation = selectOperation(document, operationName) else {
            throw GraphQLError(
                operationName.map { "Unknown operation named \"\($0)\"." } ?? "Must provide operation name if query contains multiple operations.",
                code: .badUserInput)
        }
        var resolved = variables
        for definition in operation.variableDefinitions where resolved[definition.variable.value] == nil {
            if case .int(let text)? = definition.defaultValue?.kind, let number = Int(text) {
                resolved[definition.variable.value] = number
            }
        }
        var measurer = ComplexityMeasurer(schema: schema, limits: limits, variables: resolved, document: document)
        measurer.measureFragments(reachableFrom: operation.selectionSet)
        let root = schema.rootType(for: operation.operation)?.name ?? ""
        let summary = measurer.measure(operation.selectionSet, on: root)
        let report = ComplexityReport(
            depth: summary.depth, aliases: summary.aliases, fields: summary.fields, cost: summary.cost)
        try check(report, deepest: summary.deepest ?? operation.loc, operation: operation.loc, limits: limits)
        return report
    }

    private static func selectOperation(_ document: Document, _ name: String?) -> OperationDefinition? {
        let operations = document.definitions.compactMap { definition -> OperationDefinition? in
            if case .operation(let operation) = definition { return operation }
            return nil
        }
        guard let name else { return operations.count == 1 ? operations[0] : nil }
        return operations.first { $0.name?.value == name }
    }

    private static func check(
        _ report: ComplexityReport, deepest: SourceLocation, operation: SourceLocation, limits: ComplexityLimits
    ) throws(GraphQLError) {
        if let max = limits.maxDepth, report.depth > max {
            throw GraphQLError(
                "Query is too deep: depth \(report.depth) exceeds the maximum depth of \(max).",
                locations: [deepest], code: .queryTooComplex)
        }
        if let max = limits.maxAliases, report.aliases > max {
            throw GraphQLError(
                "Query has too many aliases: \(report.aliases) exceeds the maximum of \(max).",
                locations: [operation], code: .queryTooComplex)
        }
        if let max = limits.maxFields, report.fields > max {
            throw GraphQLError(
                "Query selects too many fields: \(report.fields) exceeds the maximum of \(max).",
                locations: [operation], code: .queryTooComplex)
        }
        if let max = limits.maxCost, report.cost > max {
            throw GraphQLError(
                "Query is too expensive: cost \(report.cost) exceeds the maximum cost of \(max).",
                locations: [operation], code: .queryTooComplex)
        }
    }
}
