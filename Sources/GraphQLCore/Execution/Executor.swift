/// Runs one compiled operation for one request, breadth-first: every field of one depth level is resolved
/// before the next level starts.
///
/// Level order is what makes batching natural (a field's parents at one level are known together) and lets
/// all async resolvers of a level overlap. Synchronous resolvers run inline on the calling task; a task is
/// created only for async work, and only when a level has more than one async call.
///
/// The executor is confined to the task that calls `execute`; resolvers on child tasks receive only
/// `Sendable` inputs, and their results are completed back on the executing task.
final class Executor<Context: Sendable> {
    let executable: ExecutableSchema<Context>
    /// One box per request, shared by every resolver input (see `ContextBox`).
    let contextBox: ContextBox<Context>
    var context: Context { contextBox.value }
    let variables: [String: InputValue]
    /// The request id for error reports; generated only when an error is reported without one.
    private(set) lazy var requestID: String = givenRequestID ?? Executor.makeRequestID()
    private let givenRequestID: String?
    let reporter: ResolverErrorReporter?
    var errors: [GraphQLError] = []
    /// True when a non-null violation reached the root.
    var dataIsNull = false
    /// Set by the first null propagation; until then no work item needs the detached check.
    var anyNulled = false
    /// Nodes cut out of the tree by null propagation. A node's `parent` is unowned, and work queued under a
    /// cut-out node still walks up through it (`isDetached`, `nullOut`), so the executor keeps them alive
    /// until the execution ends.
    var detachedNodes: [ResultNode] = []
    /// Introspection subtrees computed in this execution, to be cached once it ends without errors.
    var cacheCandidates: [(cache: SubtreeCache, node: ResultNode, index: Int)] = []
    /// Arguments that use variables, coerced once per field plan per request.
    private var dynamicArguments: [ObjectIdentifier: Result<Arguments, GraphQLError>] = [:]

    typealias Work = ExecutionWork

    init(executable: ExecutableSchema<Context>, context: Context, variables: [String: InputValue], requestID: String?, reporter: ResolverErrorReporter?) {
        self.executable = executable
        self.contextBox = ContextBox(context)
        self.variables = variables
        self.givenRequestID = requestID
        self.reporter = reporter
    }

    /// Executes a root selection; `serially` runs root fields one after another with their whole subtrees
    /// (mutations), otherwise all root fields form the first level.
    func execute(_ plan: SelectionPlan<Context>, rootValue: any Sendable, serially: Bool) async -> ResultNode {
        let root = ResultNode(objectWithKeys: plan.resultKeys, parent: nil, index: 0, nonNull: true)
        if serially {
            for index in plan.fields.indices where !dataIsNull {
                await run([Work(plan: plan, source: rootValue, node: root, onlyField: index)])
            }
        } else {
            await run([Work(plan: plan, source: rootValue, node: root)])
        }
        if !cacheCandidates.isEmpty && errors.isEmpty {
            for candidate in cacheCandidates {
                var writer = JSONWriter(capacity: 1 << 15)
                ResponseWriter.writeSlot(candidate.node.slots[candidate.index], into: &writer)
                candidate.cache.store(writer.bytes)
            }
        }
        return root
    }

    /// Runs levels until no work is left.
    func run(_ initial: [Work]) async {
        var level = initial
        while !level.isEmpty {
            var next: [Work] = []
            var pending: [PendingCall] = []
            for group in Self.groupByPlan(level) {
                processGroup(group, next: &next, pending: &pending)
            }
            if !pending.isEmpty { await runPending(pending, next: &next) }
            level = next
        }
    }

    /// Groups work items by plan identity, keeping first-seen order, so one batch call covers every parent
    /// of a field at this level.
    private static func groupByPlan(_ level: [Work]) -> [[Work]] {
        if level.count == 1 { return [level] }
        var indexByPlan: [ObjectIdentifier: Int] = [:]
        var groups: [[Work]] = []
        for work in level {
            let id = ObjectIdentifier(work.erasedPlan)
            if let index = indexByPlan[id] {
                groups[index].append(work)
            } else {
                indexByPlan[id] = groups.count
                groups.append([work])
            }
        }
        return groups
    }

    private func processGroup(_ group: [Work], next: inout [Work], pending: inout [PendingCall]) {
        guard let first = group.first else { return }
        let plan = first.plan(as: SelectionPlan<Context>.self)
        let fieldIndices = first.onlyField.map { $0..<($0 + 1) } ?? plan.fields.indices
        for fieldIndex in fieldIndices {
            // An earlier field of this level may have nulled some of these objects (or an ancestor): their
            // remaining fields must neither run nor report errors, as graphql-js stops at the first failure.
            let works = anyNulled ? group.filter { !$0.node.isDetached } : group
            if works.isEmpty { return }
            let field = plan.fields[fieldIndex]
            let arguments: Arguments
            switch argumentValues(field) {
            case .success(let values): arguments = values
            case .failure(let error):
                for work in works { fail(with: error, field: field, node: work.node, index: fieldIndex) }
                continue
            }
            switch field.resolver {
            case .sync(let resolve):
                if let cache = field.subtreeCache {
                    if let bytes = cache.bytes {
                        for work in works { work.node.slots[fieldIndex] = .raw(bytes) }
                        continue
                    }
                    for work in works { cacheCandidates.append((cache, work.node, fieldIndex)) }
                }
                for work in works where !(anyNulled && work.node.isDetached) {
                    do {
                        let value = try resolve(ResolverInput(parent: work.source, arguments: arguments, contextBox: contextBox, info: field.info))
                        completeField(value, field: field, node: work.node, index: fieldIndex, next: &next)
                    } catch {
                        fail(with: error, field: field, node: work.node, index: fieldIndex)
                    }
                }
            case .sourceLookup:
                for work in works where !(anyNulled && work.node.isDetached) {
                    do {
                        guard let source = work.source as? any GraphQLObjectSource,
                              let value = try source.fieldValue(named: field.info.fieldName, arguments: arguments) else {
                            throw SourceLookupFailure(field: field.info)
                        }
                        completeField(value, field: field, node: work.node, index: fieldIndex, next: &next)
                    } catch {
                        fail(with: error, field: field, node: work.node, index: fieldIndex)
                    }
                }
            case .async(let resolve):
                for work in works {
                    let input = ResolverInput(parent: work.source, arguments: arguments, contextBox: contextBox, info: field.info)
                    pending.append(PendingCall(field: field, fieldIndex: fieldIndex, nodes: [work.node], run: .single(resolve, input)))
                }
            case .batch(let resolve):
                let input = BatchResolverInput(parents: works.map(\.source), arguments: arguments, contextBox: contextBox, info: field.info)
                pending.append(PendingCall(field: field, fieldIndex: fieldIndex, nodes: works.map(\.node), run: .batch(resolve, input)))
            case .subscription:
                // Only the subscription root binds these, and `subscribe` completes that field itself.
                for work in works {
                    fail(with: GraphQLError("Subscription fields can only be executed by a subscription.", code: .internalServerError),
                         field: field, node: work.node, index: fieldIndex)
                }
            }
        }
    }

    static func makeRequestID() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The subscription field's arguments, coerced before the source stream starts.
    func argumentValuesForSubscription(_ field: FieldPlan<Context>) -> Result<Arguments, GraphQLError> {
        argumentValues(field)
    }

    private func argumentValues(_ field: FieldPlan<Context>) -> Result<Arguments, GraphQLError> {
        switch field.arguments {
        case .constant(let arguments): return .success(arguments)
        case .invalid(let error): return .failure(error)
        case .dynamic(let nodes, let definitions):
            let key = ObjectIdentifier(field)
            if let cached = dynamicArguments[key] { return cached }
            let result: Result<Arguments, GraphQLError>
            do {
                result = .success(try executable.coercer.coerceArguments(definitions, nodes: nodes, variables: variables))
            } catch {
                result = .failure(error)
            }
            dynamicArguments[key] = result
            return result
        }
    }
}

/// A `useSourceLookup` type's parent did not provide the field. Internal: masked for the client.
struct SourceLookupFailure: Error, CustomStringConvertible {
    let field: FieldInfo
    var description: String { "\(field.parentType).\(field.fieldName): the parent is not a GraphQLObjectSource with this field" }
}
