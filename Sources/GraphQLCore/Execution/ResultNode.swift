/// A node of the response being built: an object (one slot per field of its plan) or a list.
///
/// Breadth-first execution fills slots level by level, so the tree exists until the end and is then written
/// to bytes in one pass. Each node knows its place in its parent, which is all that null propagation and
/// error paths need: both walk up only when something fails.
final class ResultNode {
    var slots: [ResultSlot]
    /// Nil for the root object.
    unowned let parent: ResultNode?
    let indexInParent: Int
    /// True when this node's position is non-null, so nulling it nulls the parent too.
    let nonNullInParent: Bool
    /// Response keys for an object node; nil for a list.
    let keys: [FieldKey]?
    /// Set when the node was replaced by null; work still queued for it is skipped.
    var isNulled = false

    /// What serialising an object needs of a field, without holding the generic plan.
    struct FieldKey: Sendable {
        let responseKey: String
        let bytes: [UInt8]
    }

    init(objectWithKeys keys: [FieldKey], parent: ResultNode?, index: Int, nonNull: Bool) {
        self.slots = Array(repeating: .null, count: keys.count)
        self.keys = keys
        self.parent = parent
        self.indexInParent = index
        self.nonNullInParent = nonNull
    }

    init(listWithCount count: Int, parent: ResultNode, index: Int, nonNull: Bool) {
        self.slots = []
        self.slots.reserveCapacity(count)
        self.keys = nil
        self.parent = parent
        self.indexInParent = index
        self.nonNullInParent = nonNull
    }

    /// The response path of slot `index` of this node.
    func path(ofSlot index: Int) -> [PathComponent] {
        var reversed: [PathComponent] = []
        var node: ResultNode? = self
        var slot = index
        while let current = node {
            if let keys = current.keys { reversed.append(.key(keys[slot].responseKey)) } else { reversed.append(.index(slot)) }
            slot = current.indexInParent
            node = current.parent
        }
        return reversed.reversed()
    }

    /// True when this node or an ancestor was nulled.
    var isDetached: Bool {
        var node: ResultNode? = self
        while let current = node {
            if current.isNulled { return true }
            node = current.parent
        }
        return false
    }
}

/// A completed value in the response tree.
enum ResultSlot {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case json(InputValue)
    case node(ResultNode)
    /// Already-serialised JSON: a cached introspection answer.
    case raw([UInt8])
}
