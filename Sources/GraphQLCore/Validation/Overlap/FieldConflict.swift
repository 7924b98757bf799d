/// Why two fields with one response name cannot be merged, with the fields involved on each side.
struct FieldConflict {
    /// A plain reason, or the conflicts found between the two fields' sub-selections.
    indirect enum Reason {
        case message(String)
        case subfields([(responseName: String, reason: Reason)])
    }

    var responseName: String
    var reason: Reason
    var fields1: [SourceLocation]
    var fields2: [SourceLocation]

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
