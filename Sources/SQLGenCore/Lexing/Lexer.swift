/// Splits a range of a ``SourceFile`` into tokens, skipping whitespace and comments.
struct Lexer {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int

    init(file: SourceFile, range: Range<Int>) {
        self.bytes = file.bytes
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    /// Longest operators first, so that `<=` is not read as `<` then `=`.
    private static let operators = ["::", "<=", ">=", "<>", "!=", "||", "->>", "->"].sorted { $0.count > $1.count }
    private static let singles: Set<UInt8> = Set("()[],.;=<>+-*/%^|&~!:".utf8)

    mutating func tokenize() throws(LocatedError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < end ? bytes[index + offset] : nil
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func next() throws(LocatedError) -> Token {
        try skipTrivia()
        let start = index
        guard let byte = peek() else { return Token(kind: .end, text: "", range: end..<end) }
        if Self.isIdentifierStart(byte) {
            while let next = peek(), Self.isIdentifierPart(next) { index += 1 }
            return token(.identifier, start)
        }
        if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            while let next = peek(), Self.isDigit(next) || next == UInt8(ascii: ".") { index += 1 }
            return token(.number, start)
        }
        switch byte {
        case UInt8(ascii: "'"):
            index += 1
            while true {
                guard let next = peek() else { throw LocatedError(offset: start, message: "unterminated string literal") }
                index += 1
                if next == UInt8(ascii: "'") {
                    if peek() == UInt8(ascii: "'") { index += 1 } else { break }
                }
            }
            return token(.string, start)
        case UInt8(ascii: "\""):
            index += 1
            while true {
                guard let next = peek() else { throw LocatedError(offset: start, message: "unterminated quoted identifier") }
                index += 1
                if next == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") { index += 1 } else { break }
                }
            }
            let inner = String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
            return Token(kind: .quotedIdentifier, text: inner.replacingOccurrences(of: "\"\"", with: "\""), range: start..<index)
        case UInt8(ascii: "$"):
            index += 1
            guard let digit = peek(), Self.isDigit(digit) else { return try dollarQuoted(from: start) }
            while let next = peek(), Self.isDigit(next) { index += 1 }
            return Token(
                kind: .positionalParameter, text: String(decoding: bytes[(start + 1)..<index], as: UTF8.self),
                range: start..<index)
        case UInt8(ascii: "@"):
            index += 1
            guard let first = peek(), Self.isIdentifierStart(first) else {
                throw LocatedError(offset: start, message: "expected a parameter name after @")
            }
            while let next = peek(), Self.isIdentifierPart(next) { index += 1 }
            return Token(
                kind: .namedParameter, text: String(decoding: bytes[(start + 1)..<index], as: UTF8.self),
                range: start..<index)
        default:
            for op in Self.operators where matches(op) {
                index += op.utf8.count
                return token(.symbol, start)
            }
            guard Self.singles.contains(byte) else {
                throw LocatedError(offset: start, message: "unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
            }
            index += 1
            return token(.symbol, start)
        }
    }

    /// `$$…$$` or `$tag$…$tag$` (function bodies in migrations), read as one string token.
    private mutating func dollarQuoted(from start: Int) throws(LocatedError) -> Token {
        while let next = peek(), next != UInt8(ascii: "$") {
            guard Self.isIdentifierPart(next) else { throw LocatedError(offset: start, message: "unexpected character '$'") }
            index += 1
        }
        guard peek() == UInt8(ascii: "$") else { throw LocatedError(offset: start, message: "unterminated dollar quote") }
        index += 1
        let tag = Array(bytes[start..<index])
        while index + tag.count <= end {
            if Array(bytes[index..<(index + tag.count)]) == tag {
                index += tag.count
                return token(.string, start)
            }
            index += 1
        }
        throw LocatedError(offset: start, message: "unterminated dollar-quoted string")
    }

    private func matches(_ op: String) -> Bool {
        for (offset, byte) in op.utf8.enumerated() where peek(offset) != byte { return false }
        return true
    }

    private func token(_ kind: Token.Kind, _ start: Int) -> Token {
        Token(kind: kind, text: String(decoding: bytes[start..<index], as: UTF8.self), range: start..<index)
    }

    private mutating func skipTrivia() throws(LocatedError) {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\r")
            {
                index += 1
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let next = peek(), next != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = index
                index += 2
                var depth = 1
                while depth > 0 {
                    guard peek() != nil else { throw LocatedError(offset: start, message: "unterminated comment") }
                    if peek() == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                        depth += 1
                        index += 2
                    } else if peek() == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        depth -= 1
                        index += 2
                    } else {
                        index += 1
                    }
                }
            } else {
                return
            }
        }
    }
}
