/// A file the generator reads, kept as UTF-8 bytes: every token and AST node refers to it by byte offset,
/// and offsets become `line:column` only when a diagnostic is printed.
struct SourceFile: Sendable {
    /// The path shown in diagnostics and in generated comments, relative to the package root.
    let displayPath: String
    let text: String
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(displayPath: String, text: String) {
        self.displayPath = displayPath
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (in characters) of `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        let end = min(max(offset, start), bytes.count)
        let column = String(decoding: bytes[start..<end], as: UTF8.self).count + 1
        return (low + 1, column)
    }

    func diagnostic(at offset: Int, _ message: String) -> Diagnostic {
        let (line, column) = position(of: offset)
        return Diagnostic(file: displayPath, line: line, column: column, message: message)
    }

    func diagnostic(_ error: LocatedError) -> Diagnostic {
        diagnostic(at: error.offset, error.message)
    }

    /// The text of `range`.
    func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
