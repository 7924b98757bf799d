/// Splits SQL scripts into statements, the way the engines themselves would.
///
/// Semicolons inside quotes, identifiers, comments and PostgreSQL dollar-quoted bodies (`$$…$$`,
/// `$tag$…$tag$`) do not end a statement. Inside an SQLite `CREATE TRIGGER … BEGIN … END` and a
/// PostgreSQL `BEGIN ATOMIC … END` body, a semicolon ends the statement only once every `BEGIN` and
/// `CASE` has met its `END`.
public enum SQLScript {
    /// One statement of a script, without its terminating semicolon.
    public struct Statement: Sendable, Hashable {
        /// The statement's text.
        public let sql: String
        /// The 1-based line on which it starts.
        public let line: Int
    }

    /// The statements of `script`, in order; blank and comment-only pieces are dropped.
    public static func split(_ script: String, dialect: SQLDialect) -> [Statement] {
        var scanner = Scanner(bytes: Array(script.utf8), dialect: dialect)
        return scanner.run()
    }

    /// Whether `text` holds nothing but whitespace, comments and semicolons.
    public static func isBlank(_ text: String) -> Bool {
        split(text, dialect: .sqlite).isEmpty
    }

    private struct Scanner {
        let bytes: [UInt8]
        let dialect: SQLDialect
        var index = 0
        var line = 1
        var statements: [Statement] = []
        var start: Int?
        var startLine = 0
        var words: [String] = []
        var previousWord = ""
        var depth = 0

        init(bytes: [UInt8], dialect: SQLDialect) {
            self.bytes = bytes
            self.dialect = dialect
        }

        mutating func run() -> [Statement] {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                    skipLineComment()
                } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if isSpace(byte) {
                    advance()
                } else if byte == UInt8(ascii: ";") {
                    advance()
                    if depth == 0 { finish(end: index - 1) }
                } else {
                    markStart()
                    scanToken(byte)
                }
            }
            finish(end: bytes.count)
            return statements
        }

        private mutating func scanToken(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "'"):
                let escapes = dialect == .postgres && index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e")
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                skipQuoted(close: byte, backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                skipQuoted(close: byte, backslashEscapes: false)
            case UInt8(ascii: "`") where dialect == .sqlite:
                skipQuoted(close: byte, backslashEscapes: false)
            case UInt8(ascii: "[") where dialect == .sqlite:
                skipQuoted(close: UInt8(ascii: "]"), backslashEscapes: false)
            case UInt8(ascii: "$") where dialect == .postgres:
                if !skipDollarQuoted() { advance() }
            default:
                if isIdentifierStart(byte) { scanWord() } else { advance() }
            }
        }

        private mutating func scanWord() {
            let from = index
            while index < bytes.count, isIdentifierByte(bytes[index]) { advance() }
            let word = String(decoding: bytes[from..<index], as: UTF8.self).uppercased()
            defer { previousWord = word }
            if words.count < 6 { words.append(word) }
            guard hasBlockBody else { return }
            switch word {
            // SQLite trigger bodies open with BEGIN. On PostgreSQL only BEGIN ATOMIC opens a body: `begin`
            // is not reserved there and may name a parameter or column.
            case "BEGIN" where dialect == .sqlite: depth += 1
            case "ATOMIC" where dialect == .postgres && previousWord == "BEGIN": depth += 1
            // CASE … END nests inside a body; outside one its END must not close anything.
            case "CASE" where depth > 0: depth += 1
            case "END" where depth > 0: depth -= 1
            default: break
            }
        }

        /// Whether the statement so far is one whose body may contain semicolons between BEGIN and END.
        private var hasBlockBody: Bool {
            guard words.first == "CREATE" else { return false }
            switch dialect {
            case .sqlite:
                return words.dropFirst().prefix(2).contains("TRIGGER")
            case .postgres:
                return words.dropFirst().prefix(3).contains { $0 == "FUNCTION" || $0 == "PROCEDURE" }
            }
        }

        private mutating func markStart() {
            if start == nil {
                start = index
                startLine = line
            }
        }

        private mutating func finish(end: Int) {
            if let start, end > start {
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                let trimmed = text.trimmingTrailingSpace()
                if !trimmed.isEmpty { statements.append(Statement(sql: trimmed, line: startLine)) }
            }
            start = nil
            words.removeAll(keepingCapacity: true)
            previousWord = ""
            depth = 0
        }

        private func peek(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private mutating func advance() {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }

        private mutating func skipLineComment() {
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
        }

        private mutating func skipBlockComment() {
            var nesting = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                    nesting += 1
                    advance()
                    advance()
                } else if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                    nesting -= 1
                    advance()
                    advance()
                    // PostgreSQL nests block comments; SQLite ends at the first `*/`.
                    if nesting == 0 || dialect == .sqlite { return }
                } else {
                    advance()
                }
            }
        }

        private mutating func skipQuoted(close: UInt8, backslashEscapes: Bool) {
            advance()
            while index < bytes.count {
                let byte = bytes[index]
                if backslashEscapes, byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    advance()
                    advance()
                } else if byte == close {
                    advance()
                    // A doubled quote is an escaped quote, not the end.
                    if index < bytes.count, bytes[index] == close, close != UInt8(ascii: "]") {
                        advance()
                    } else {
                        return
                    }
                } else {
                    advance()
                }
            }
        }

        /// Skips `$tag$ … $tag$`; returns false when the `$` does not open a dollar quote (e.g. `$1`).
        private mutating func skipDollarQuoted() -> Bool {
            if index > 0, isIdentifierByte(bytes[index - 1]) { return false }
            var end = index + 1
            while end < bytes.count, isIdentifierByte(bytes[end]), bytes[end] != UInt8(ascii: "$") {
                if end == index + 1, isDigit(bytes[end]) { return false }
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "$") else { return false }
            let tag = Array(bytes[index...end])
            while index <= end { advance() }
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "$"), bytes[index...].starts(with: tag) {
                    for _ in 0..<tag.count { advance() }
                    return true
                }
                advance()
            }
            return true
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d || byte == 0x0c || byte == 0x0b
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        private func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
                || byte >= 0x80
        }

        private func isIdentifierByte(_ byte: UInt8) -> Bool {
            isIdentifierStart(byte) || isDigit(byte) || (byte == UInt8(ascii: "$") && dialect == .postgres)
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var view = Substring(self)
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
