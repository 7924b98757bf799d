/// One object to resolve at the next level: a selection plan, the object's source value and its result node.
///
/// Not generic on purpose: the executor keeps arrays of these per level, and in the executor's unspecialised
/// generic code an array of a `Context`-generic element looked up that element's metadata on every append and
/// copy. The plan is kept as a reference and cast back, without a check, by the executor that stored it.
struct ExecutionWork {
    let erasedPlan: AnyObject
    let source: any Sendable
    let node: ResultNode
    /// Restricts a root work item to one field: how mutations run their root fields one at a time.
    var onlyField: Int? = nil

    init<Context: Sendable>(plan: SelectionPlan<Context>, source: any Sendable, node: ResultNode, onlyField: Int? = nil) {
        self.erasedPlan = plan
        self.source = source
        self.node = node
        self.onlyField = onlyField
    }

    /// The plan as the executor's own type; only an `Executor<Context>` stores and reads work items.
    func plan<Context: Sendable>(as type: SelectionPlan<Context>.Type) -> SelectionPlan<Context> {
        unsafeDowncast(erasedPlan, to: SelectionPlan<Context>.self)
    }
}
