/// Async and batch resolver calls of one level: collected while the level's synchronous fields complete, then
/// awaited together so they overlap, and completed in the order they were queued.
extension Executor {
    struct PendingCall {
        enum Run {
            case single(@Sendable (ResolverInput<Context>) async throws -> FieldValue, ResolverInput<Context>)
            case batch(@Sendable (BatchResolverInput<Context>) async throws -> [FieldValue], BatchResolverInput<Context>)
        }
        let field: FieldPlan<Context>
        let fieldIndex: Int
        /// The result object per parent: one for a single call, every parent's for a batch.
        let nodes: [ResultNode]
        let run: Run
    }

    enum Outcome: Sendable {
        case single(Result<FieldValue, any Error>)
        case batch(Result<[FieldValue], any Error>)
    }

    func runPending(_ calls: [PendingCall], next: inout [Work]) async {
        var outcomes: [Outcome?]
        if calls.count == 1 {
            // One call needs no child task: await it on this task.
            outcomes = [await Self.perform(calls[0].run)]
        } else {
            outcomes = Array(repeating: nil, count: calls.count)
            await withTaskGroup(of: (Int, Outcome).self) { group in
                for (index, call) in calls.enumerated() {
                    let run = call.run
                    group.addTask { (index, await Self.perform(run)) }
                }
                for await (index, outcome) in group { outcomes[index] = outcome }
            }
        }
        for (call, outcome) in zip(calls, outcomes) {
            guard let outcome else { continue }
            complete(call, outcome, next: &next)
        }
    }

    private static func perform(_ run: PendingCall.Run) async -> Outcome {
        switch run {
        case .single(let resolve, let input):
            do { return .single(.success(try await resolve(input))) } catch { return .single(.failure(error)) }
        case .batch(let resolve, let input):
            do { return .batch(.success(try await resolve(input))) } catch { return .batch(.failure(error)) }
        }
    }

    private func complete(_ call: PendingCall, _ outcome: Outcome, next: inout [Work]) {
        switch outcome {
        case .single(.success(let value)):
            let node = call.nodes[0]
            guard !(anyNulled && node.isDetached) else { return }
            completeField(value, field: call.field, node: node, index: call.fieldIndex, next: &next)
        case .single(.failure(let error)):
            fail(with: error, field: call.field, node: call.nodes[0], index: call.fieldIndex)
        case .batch(.success(let values)):
            guard values.count == call.nodes.count else {
                let error = BatchCountMismatch(field: call.field.info, expected: call.nodes.count, actual: values.count)
                for node in call.nodes { fail(with: error, field: call.field, node: node, index: call.fieldIndex) }
                return
            }
            for (node, value) in zip(call.nodes, values) {
                guard !(anyNulled && node.isDetached) else { continue }
                completeField(value, field: call.field, node: node, index: call.fieldIndex, next: &next)
            }
        case .batch(.failure(let error)):
            for node in call.nodes { fail(with: error, field: call.field, node: node, index: call.fieldIndex) }
        }
    }
}

/// A batch resolver returned a different number of values than it got parents. Internal: masked.
struct BatchCountMismatch: Error, CustomStringConvertible {
    let field: FieldInfo
    let expected: Int
    let actual: Int
    var description: String {
        "\(field.parentType).\(field.fieldName): batch resolver returned \(actual) values for \(expected) parents"
    }
}
