/// Turns the UTF-8 bytes of a document into tokens, one at a time, as the parser asks for them.
///
/// It works on raw bytes rather than `Character`s because grapheme breaking is what makes `String`
/// iteration slow, and GraphQL's grammar is defined on code points, almost all of them ASCII. Every step moves
/// forward, so scanning is linear in the input. Errors use graphql-js's wording so that clients and tools
/// see familiar messages.
///
/// The lexer borrows the bytes: it must not outlive the `withUTF8` call that lends them (see `parse`).
struct Lexer {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to scan.
    var position = 0
    /// The 1-based line of `position`, and the byte offset where that line starts.
    var line = 1
    var lineStart = 0
    /// Columns are counted incrementally from the last token on the same line, so long single-line documents
    /// stay linear.
    private var columnCacheOffset = 0
    private var columnCacheValue = 1
    /// The decoded value of the last string or block string scanned, which is the parser's current token
    /// whenever that token is a string.
    var stringValue = ""

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The byte at `offset`, or -1 past the end.
    @inline(__always) func byte(at offset: Int) -> Int {
        offset < bytes.count ? Int(bytes[offset]) : -1
    }

    /// The next significant token; `.endOfFile` once the input is used up (repeatedly).
    mutating func next() throws(GraphQLError) -> Token {
        skipIgnored()
        let start = position
        let loc = location(at: start)
        guard start < bytes.count else {
            return Token(kind: .endOfFile, start: start, end: start, loc: loc)
        }
        let code = bytes[start]
        let punctuator: TokenKind?
        switch code {
        case 0x21: punctuator = .bang
        case 0x24: punctuator = .dollar
        case 0x26: punctuator = .amp
        case 0x28: punctuator = .parenL
        case 0x29: punctuator = .parenR
        case 0x3A: punctuator = .colon
        case 0x3D: punctuator = .equals
        case 0x40: punctuator = .at
        case 0x5B: punctuator = .bracketL
        case 0x5D: punctuator = .bracketR
        case 0x7B: punctuator = .braceL
        case 0x7C: punctuator = .pipe
        case 0x7D: punctuator = .braceR
        case 0x2E where byte(at: start + 1) == 0x2E && byte(at: start + 2) == 0x2E:
            position = start + 3
            return Token(kind: .spread, start: start, end: position, loc: loc)
        case 0x22:
            if byte(at: start + 1) == 0x22 && byte(at: start + 2) == 0x22 {
                return try readBlockString(start: start, loc: loc)
            }
            return try readString(start: start, loc: loc)
        case 0x30...0x39, 0x2D:
            return try readNumber(start: start, loc: loc)
        case _ where Lexer.isNameStart(Int(code)):
            position = start + 1
            while position < bytes.count, Lexer.isNameContinue(Int(bytes[position])) { position += 1 }
            return Token(kind: .name, start: start, end: position, loc: loc)
        default:
            punctuator = nil
        }
        if let punctuator {
            position = start + 1
            return Token(kind: punctuator, start: start, end: position, loc: loc)
        }
        if code == 0x27 {
            throw syntaxError(
                "Unexpected single quote character ('), did you mean to use a double quote (\")?", at: start)
        }
        // The input is a Swift String, so every code point is a Unicode scalar value and graphql-js's
        // "Invalid character" (for lone surrogates) cannot occur.
        throw syntaxError("Unexpected character: \(describeCodePoint(at: start)).", at: start)
    }

    /// Skips white space, line terminators, commas, comments and byte order marks, counting lines.
    private mutating func skipIgnored() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x09, 0x20, 0x2C:
                position += 1
            case 0x0A:
                position += 1
                startLine()
            case 0x0D:
                position += byte(at: position + 1) == 0x0A ? 2 : 1
                startLine()
            case 0xEF where byte(at: position + 1) == 0xBB && byte(at: position + 2) == 0xBF:
                position += 3
            case 0x23:
                // A comment runs to the end of the line; the terminator is handled by the next iteration.
                position += 1
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            default:
                return
            }
        }
    }

    /// Records that a new line starts at `position`.
    @inline(__always) mutating func startLine() {
        line += 1
        lineStart = position
    }

    /// The line and column of a byte offset on the current line. Columns count Unicode scalars from 1, as
    /// graphql-core does (graphql-js counts UTF-16 units, which differs only after astral characters).
    mutating func location(at offset: Int) -> SourceLocation {
        if columnCacheOffset < lineStart || columnCacheOffset > offset {
            columnCacheOffset = lineStart
            columnCacheValue = 1
        }
        var column = columnCacheValue
        var index = columnCacheOffset
        while index < offset {
            // Count lead bytes only: continuation bytes (10xxxxxx) belong to the scalar before them.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        columnCacheOffset = offset
        columnCacheValue = column
        return SourceLocation(line: line, column: column)
    }

    /// A parse error at a byte offset on the current line.
    mutating func syntaxError(_ message: String, at offset: Int) -> GraphQLError {
        GraphQLError("Syntax Error: " + message, locations: [location(at: offset)], code: .parseFailed)
    }

    static func isNameStart(_ code: Int) -> Bool {
        (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A) || code == 0x5F
    }

    static func isNameContinue(_ code: Int) -> Bool {
        isNameStart(code) || (code >= 0x30 && code <= 0x39)
    }

    static func isDigit(_ code: Int) -> Bool { code >= 0x30 && code <= 0x39 }
}
