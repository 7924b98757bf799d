extension Lexer {
    /// A `"…"` string: escapes resolved, no line terminators allowed.
    mutating func readString(start: Int, loc: SourceLocation) throws(GraphQLError) -> Token {
        var position = start + 1
        var chunkStart = position
        // Stays empty on the common path (no escapes), where the value is sliced straight from the source.
        var decoded: [UInt8] = []
        var hasEscape = false
        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 {
                let value: String
                if hasEscape {
                    decoded.append(contentsOf: bytes[chunkStart..<position])
                    value = String(decoding: decoded, as: UTF8.self)
                } else {
                    value = String(decoding: UnsafeBufferPointer(rebasing: bytes[chunkStart..<position]), as: UTF8.self)
                }
                self.position = position + 1
                stringValue = value
                return Token(kind: .string, start: start, end: position + 1, loc: loc)
            }
            if code == 0x5C {
                hasEscape = true
                decoded.append(contentsOf: bytes[chunkStart..<position])
                let (scalar, size) = try readEscape(at: position)
                appendUTF8(scalar, to: &decoded)
                position += size
                chunkStart = position
                continue
            }
            if code == 0x0A || code == 0x0D { break }
            position += 1
        }
        throw syntaxError("Unterminated string.", at: position)
    }

    /// One escape sequence starting at the backslash: its scalar and its length in bytes (all ASCII).
    private mutating func readEscape(at position: Int) throws(GraphQLError) -> (UInt32, Int) {
        switch byte(at: position + 1) {
        case 0x22: return (0x22, 2)
        case 0x5C: return (0x5C, 2)
        case 0x2F: return (0x2F, 2)
        case 0x62: return (0x08, 2)
        case 0x66: return (0x0C, 2)
        case 0x6E: return (0x0A, 2)
        case 0x72: return (0x0D, 2)
        case 0x74: return (0x09, 2)
        case 0x75 where byte(at: position + 2) == 0x7B:
            return try readVariableWidthEscape(at: position)
        case 0x75:
            return try readFixedWidthEscape(at: position)
        default:
            throw syntaxError(
                "Invalid character escape sequence: \"\(text(from: position, codePoints: 2))\".", at: position)
        }
    }

    /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar value.
    private mutating func readVariableWidthEscape(at position: Int) throws(GraphQLError) -> (UInt32, Int) {
        // Mirrors graphql-js, including its 32-bit arithmetic, so the text quoted in the error is the same.
        var point: Int32 = 0
        var size = 3
        while size < 12 {
            let code = byte(at: position + size)
            size += 1
            if code == 0x7D {
                guard size >= 5, Lexer.isScalarValue(Int(point)) else { break }
                return (UInt32(point), size)
            }
            point = (point &<< 4) | Int32(Lexer.hexValue(code))
            if point < 0 { break }
        }
        throw syntaxError(
            "Invalid Unicode escape sequence: \"\(text(from: position, codePoints: size))\".", at: position)
    }

    /// `\uXXXX`, where a leading surrogate must be followed by `\uXXXX` with a trailing one (JSON style).
    private mutating func readFixedWidthEscape(at position: Int) throws(GraphQLError) -> (UInt32, Int) {
        let code = read16BitHex(at: position + 2)
        if Lexer.isScalarValue(code) { return (UInt32(code), 6) }
        if code >= 0xD800 && code <= 0xDBFF, byte(at: position + 6) == 0x5C, byte(at: position + 7) == 0x75 {
            let trailing = read16BitHex(at: position + 8)
            if trailing >= 0xDC00 && trailing <= 0xDFFF {
                return (UInt32(0x10000 + ((code - 0xD800) << 10) + (trailing - 0xDC00)), 12)
            }
        }
        throw syntaxError(
            "Invalid Unicode escape sequence: \"\(text(from: position, codePoints: 6))\".", at: position)
    }

    /// Four hex digits as a number, or -1 if any is not a hex digit.
    private func read16BitHex(at offset: Int) -> Int {
        var value = 0
        for index in offset..<(offset + 4) {
            let digit = Lexer.hexValue(byte(at: index))
            if digit < 0 { return -1 }
            value = value << 4 | digit
        }
        return value
    }

    static func hexValue(_ code: Int) -> Int {
        switch code {
        case 0x30...0x39: return code - 0x30
        case 0x41...0x46: return code - 0x37
        case 0x61...0x66: return code - 0x57
        default: return -1
        }
    }

    static func isScalarValue(_ code: Int) -> Bool {
        (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF)
    }

    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        guard let unicode = Unicode.Scalar(scalar) else { return }
        buffer.append(contentsOf: UTF8.encode(unicode)!)
    }

    /// A `"""…"""` block string: raw text (only `\"""` is an escape), with the spec's BlockStringValue
    /// indentation removal applied.
    mutating func readBlockString(start: Int, loc: SourceLocation) throws(GraphQLError) -> Token {
        var position = start + 3
        var chunkStart = position
        var raw: [UInt8] = []
        // Offsets in `raw` where each line starts; lines are joined by "\n" whatever terminator they had.
        var lineStarts = [0]
        while position < bytes.count {
            let code = bytes[position]
            if code == 0x22 && byte(at: position + 1) == 0x22 && byte(at: position + 2) == 0x22 {
                raw.append(contentsOf: bytes[chunkStart..<position])
                self.position = position + 3
                stringValue = BlockString.dedent(raw, lineStarts: lineStarts)
                return Token(kind: .blockString, start: start, end: position + 3, loc: loc)
            }
            if code == 0x5C && byte(at: position + 1) == 0x22 && byte(at: position + 2) == 0x22
                && byte(at: position + 3) == 0x22
            {
                raw.append(contentsOf: bytes[chunkStart..<position])
                raw.append(contentsOf: [0x22, 0x22, 0x22])
                position += 4
                chunkStart = position
                continue
            }
            if code == 0x0A || code == 0x0D {
                raw.append(contentsOf: bytes[chunkStart..<position])
                raw.append(0x0A)
                lineStarts.append(raw.count)
                position += (code == 0x0D && byte(at: position + 1) == 0x0A) ? 2 : 1
                chunkStart = position
                self.position = position
                startLine()
                continue
            }
            position += 1
        }
        throw syntaxError("Unterminated string.", at: position)
    }
}
