/// Replacements in a query's text, applied by rebuilding the text rather than by string surgery, so that
/// edits can nest: `col = ANY($1::text[])` becomes `col IN (SELECT value FROM json_each(?1))`, where the
/// inner `?1` is itself an edit of the parameter.
struct TextEdits {
    enum Piece {
        case text(String)
        /// The original text of this range, with the edits inside it applied.
        case source(Range<Int>)
    }

    struct Edit {
        let range: Range<Int>
        let pieces: [Piece]
    }

    private(set) var edits: [Edit] = []

    mutating func replace(_ range: Range<Int>, with pieces: [Piece]) {
        edits.append(Edit(range: range, pieces: pieces))
    }

    mutating func replace(_ range: Range<Int>, with text: String) {
        replace(range, with: [.text(text)])
    }

    /// The text of `range` in `file` with every edit applied. Outer edits win: an edit inside a replaced
    /// range survives only where the replacement quotes the original (`.source`).
    func render(_ range: Range<Int>, in file: SourceFile) -> String {
        let ordered = edits.indices.sorted {
            edits[$0].range.lowerBound != edits[$1].range.lowerBound
                ? edits[$0].range.lowerBound < edits[$1].range.lowerBound : edits[$0].range.count > edits[$1].range.count
        }
        return render(range, ordered, file, active: [])
    }

    /// `active` holds the edits being applied around `range`: a piece may quote exactly its edit's range
    /// (a cast of a parameter keeps the parameter), and the parameter's own edit must then still apply.
    private func render(_ range: Range<Int>, _ ordered: [Int], _ file: SourceFile, active: Set<Int>) -> String {
        var output = ""
        var position = range.lowerBound
        for index in ordered where !active.contains(index) {
            let edit = edits[index]
            guard edit.range.lowerBound >= position, edit.range.upperBound <= range.upperBound else { continue }
            output += file.slice(position..<edit.range.lowerBound)
            for piece in edit.pieces {
                switch piece {
                case .text(let text): output += text
                case .source(let inner): output += render(inner, ordered, file, active: active.union([index]))
                }
            }
            position = edit.range.upperBound
        }
        output += file.slice(position..<range.upperBound)
        return output
    }
}
