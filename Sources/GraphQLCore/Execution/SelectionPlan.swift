import Synchronization

/// The compiled selection set for one concrete object type: the spec's CollectFields done ahead of time, with
/// fragments flattened, fields merged by response key, resolvers looked up and constant arguments coerced.
///
/// Plans are immutable and shared by every execution of a cached document; nothing per request lives here.
final class SelectionPlan<Context: Sendable>: Sendable {
    let typeName: String
    let fields: [FieldPlan<Context>]
    /// The keys every result object of this plan shares; one array for all of them, so creating an object
    /// costs no per-object key storage.
    let resultKeys: [ResultNode.FieldKey]

    init(typeName: String, fields: [FieldPlan<Context>]) {
        self.typeName = typeName
        self.fields = fields
        self.resultKeys = fields.map { ResultNode.FieldKey(responseKey: $0.responseKey, bytes: $0.keyBytes) }
    }
}

/// One response key of a selection plan.
final class FieldPlan<Context: Sendable>: Sendable {
    let responseKey: String
    /// `"key":` with the key escaped, written as is for every object.
    let keyBytes: [UInt8]
    let info: FieldInfo
    let definition: FieldDefinition
    /// The merged field nodes' locations, reported on errors.
    let locations: [SourceLocation]
    let resolver: FieldResolver<Context>
    let arguments: ArgumentPlan
    let completion: CompletionPlan<Context>
    /// For `__schema`/`__type` fields whose whole subtree is request-independent: the serialised answer,
    /// filled by the first error-free execution and written as is afterwards.
    let subtreeCache: SubtreeCache?

    init(
        responseKey: String, info: FieldInfo, definition: FieldDefinition, locations: [SourceLocation],
        resolver: FieldResolver<Context>, arguments: ArgumentPlan, completion: CompletionPlan<Context>,
        cachesSubtree: Bool = false
    ) {
        self.subtreeCache = cachesSubtree && Self.isConstant(arguments) && Self.isConstant(completion) ? SubtreeCache() : nil
        self.responseKey = responseKey
        var writer = JSONWriter(capacity: responseKey.utf8.count + 3)
        writer.writeString(responseKey)
        writer.writeByte(UInt8(ascii: ":"))
        self.keyBytes = writer.bytes
        self.info = info
        self.definition = definition
        self.locations = locations
        self.resolver = resolver
        self.arguments = arguments
        self.completion = completion
    }
}

extension FieldPlan {
    static func isConstant(_ arguments: ArgumentPlan) -> Bool {
        if case .constant = arguments { return true }
        return false
    }

    /// True when nothing under this completion depends on variables (skip/include are fixed per plan already).
    static func isConstant(_ completion: CompletionPlan<Context>) -> Bool {
        switch completion {
        case .nonNull(let inner), .list(let inner): return isConstant(inner)
        case .builtIn, .custom, .enumType: return true
        case .object(let plan): return plan.fields.allSatisfy { isConstant($0.arguments) && isConstant($0.completion) }
        // Sub-plans of abstract types are compiled on demand, so they cannot be inspected here; introspection
        // has no abstract types, so nothing cacheable is lost.
        case .abstract: return false
        }
    }
}

/// The cached bytes of a request-independent subtree (introspection), shared by every execution of a plan.
final class SubtreeCache: Sendable {
    private let stored = Mutex<[UInt8]?>(nil)

    var bytes: [UInt8]? { stored.withLock { $0 } }

    func store(_ bytes: [UInt8]) { stored.withLock { $0 = bytes } }
}

/// A field's arguments: coerced once at compile time when they use no variables, else per execution.
enum ArgumentPlan: Sendable {
    case constant(Arguments)
    case invalid(GraphQLError)
    case dynamic(nodes: [Argument], definitions: [InputValueDefinition])
}

/// How a resolved value is completed for the field's type: the type reference compiled down to what the
/// executor needs (scalar rules, enum values, the sub-plan per concrete type).
indirect enum CompletionPlan<Context: Sendable>: Sendable {
    case nonNull(CompletionPlan<Context>)
    case list(CompletionPlan<Context>)
    case builtIn(BuiltInScalar)
    case custom(name: String, hooks: ScalarCoercion?)
    case enumType(EnumType)
    case object(SelectionPlan<Context>)
    /// An interface or union: the sub-plan for each possible object type, compiled on first use.
    case abstract(name: String, plans: AbstractPlans<Context>)
}

/// The sub-plans of one interface or union field, compiled per concrete type the first time a value of that
/// type is completed, then shared.
///
/// Compiling every possible type up front multiplies at each nested abstract field: with k implementations, a
/// 200-byte query nesting an interface field d deep compiled k^d plans (4 types, depth 8: 65,536 plans and over
/// a second; depth 19 passes the default limits and never finishes). On demand, the work follows the types that
/// actually occur in the response.
final class AbstractPlans<Context: Sendable>: Sendable {
    private let possibleTypes: Set<String>
    private let compile: @Sendable (String) throws(GraphQLError) -> SelectionPlan<Context>
    private let compiled = Mutex<[String: Result<SelectionPlan<Context>, GraphQLError>]>([:])

    init(possibleTypes: Set<String>, compile: @escaping @Sendable (String) throws(GraphQLError) -> SelectionPlan<Context>) {
        self.possibleTypes = possibleTypes
        self.compile = compile
    }

    /// The plan for a concrete type; nil when the type is not a possible type of this abstract type.
    func plan(for typeName: String) -> Result<SelectionPlan<Context>, GraphQLError>? {
        guard possibleTypes.contains(typeName) else { return nil }
        if let done = compiled.withLock({ $0[typeName] }) { return done }
        // Compiled outside the lock; when two executions race, the first stored plan wins for both.
        let result: Result<SelectionPlan<Context>, GraphQLError>
        do { result = .success(try compile(typeName)) } catch { result = .failure(error) }
        return compiled.withLock { cache in
            if let existing = cache[typeName] { return existing }
            cache[typeName] = result
            return result
        }
    }
}
