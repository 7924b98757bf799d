/// The spec's block-string algorithms: removing common indentation when reading (BlockStringValue), and
/// choosing a faithful `"""` form when printing.
enum BlockString {
    /// Applies BlockStringValue to the raw lines of a block string.
    ///
    /// `raw` holds the lines joined by "\n" with `\"""` already unescaped; `lineStarts` gives each line's
    /// offset. The common indentation of every line but the first is removed, then leading and trailing
    /// blank lines are dropped.
    static func dedent(_ raw: [UInt8], lineStarts: [Int]) -> String {
        let lineCount = lineStarts.count
        func lineEnd(_ index: Int) -> Int { index + 1 < lineCount ? lineStarts[index + 1] - 1 : raw.count }
        var commonIndent = Int.max
        var firstNonBlank: Int?
        var lastNonBlank = -1
        for index in 0..<lineCount {
            let start = lineStarts[index]
            let end = lineEnd(index)
            var cursor = start
            while cursor < end, raw[cursor] == 0x20 || raw[cursor] == 0x09 { cursor += 1 }
            if cursor == end { continue }
            if firstNonBlank == nil { firstNonBlank = index }
            lastNonBlank = index
            if index != 0 { commonIndent = min(commonIndent, cursor - start) }
        }
        guard let first = firstNonBlank else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for index in first...lastNonBlank {
            if index != first { out.append(0x0A) }
            let start = lineStarts[index]
            let end = lineEnd(index)
            let from = index == 0 ? start : min(start + commonIndent, end)
            out.append(contentsOf: raw[from..<end])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
