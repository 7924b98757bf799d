/// Why two fields with one response name cannot be merged, with the fields involved on each side.
struct FieldConflict {
    /// A plain reason, or the conflicts found between the two fields' sub-selections.
    indirect enum Reason {
        case message(String)
        case subfields([(responseName: String, reason: Reason)])
    }

    /// The fields on one side: a field, then the fields of its sub-conflicts. Shared, not copied, as a
    /// conflict is wrapped level by level, so a conflict n levels deep costs O(n) rather than O(n²).
    final class Fields {
        let head: SourceLocation
        let rest: [Fields]

        init(_ head: SourceLocation, _ rest: [Fields] = []) {
            self.head = head
            self.rest = rest
        }

        /// The locations in graphql-js's order (depth-first), without recursion.
        var locations: [SourceLocation] {
            var out: [SourceLocation] = []
            var stack: [Fields] = [self]
            while let node = stack.popLast() {
                out.append(node.head)
                stack.append(contentsOf: node.rest.reversed())
            }
            return out
        }
    }

    var responseName: String
    var reason: Reason
    var fields1: Fields
    var fields2: Fields

    /// graphql-js's `reasonMessage`, built with an explicit stack so a deep chain of sub-conflicts is safe.
    static func describe(_ reason: Reason) -> String {
        enum Piece { case text(String), reason(Reason) }
        var out = ""
        var stack: [Piece] = [.reason(reason)]
        while let piece = stack.popLast() {
            switch piece {
            case .text(let text): out += text
            case .reason(.message(let message)): out += message
            case .reason(.subfields(let parts)):
                for (index, part) in parts.enumerated().reversed() {
                    stack.append(.reason(part.reason))
                    stack.append(.text((index > 0 ? " and " : "") + "subfields \"\(part.responseName)\" conflict because "))
                }
            }
        }
        return out
    }
}
