extension Lexer {
    /// IntValue or FloatValue, with the spec's lookahead rules: no leading zeros, digits required after `.`
    /// and the exponent, and no `.` or name start directly after the number (so `1.2.3` and `0x1` fail).
    mutating func readNumber(start: Int, loc: SourceLocation) throws(GraphQLError) -> Token {
        var position = start
        var code = byte(at: position)
        var isFloat = false
        if code == 0x2D {
            position += 1
            code = byte(at: position)
        }
        if code == 0x30 {
            position += 1
            code = byte(at: position)
            if Lexer.isDigit(code) {
                throw syntaxError(
                    "Invalid number, unexpected digit after 0: \(describeCodePoint(at: position)).", at: position)
            }
        } else {
            position = try readDigits(from: position)
            code = byte(at: position)
        }
        if code == 0x2E {
            isFloat = true
            position = try readDigits(from: position + 1)
            code = byte(at: position)
        }
        if code == 0x45 || code == 0x65 {
            isFloat = true
            position += 1
            code = byte(at: position)
            if code == 0x2B || code == 0x2D { position += 1 }
            position = try readDigits(from: position)
            code = byte(at: position)
        }
        if code == 0x2E || Lexer.isNameStart(code) {
            throw syntaxError("Invalid number, expected digit but got: \(describeCodePoint(at: position)).", at: position)
        }
        self.position = position
        return Token(kind: isFloat ? .float : .int, start: start, end: position, loc: loc)
    }

    /// Reads one or more digits and returns the offset after them.
    private mutating func readDigits(from start: Int) throws(GraphQLError) -> Int {
        guard Lexer.isDigit(byte(at: start)) else {
            throw syntaxError("Invalid number, expected digit but got: \(describeCodePoint(at: start)).", at: start)
        }
        var position = start + 1
        while Lexer.isDigit(byte(at: position)) { position += 1 }
        return position
    }

    /// The code point at a byte offset as graphql-js prints it in messages: `"c"` for printable ASCII (`'"'`
    /// for a quote), `U+XXXX` otherwise, `<EOF>` past the end.
    func describeCodePoint(at offset: Int) -> String {
        guard offset < bytes.count else { return "<EOF>" }
        let scalar = decodeScalar(at: offset).value
        if scalar >= 0x20 && scalar <= 0x7E {
            return scalar == 0x22 ? "'\"'" : "\"\(Character(Unicode.Scalar(UInt8(scalar))))\""
        }
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Decodes the scalar whose first byte is at `offset`; the source is valid UTF-8 because it came from a
    /// `String`, but a malformed sequence still decodes to something rather than trapping.
    func decodeScalar(at offset: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[offset])
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: length = 2; value = lead & 0x1F
        case 0xE0..<0xF0: length = 3; value = lead & 0x0F
        case 0xF0..<0xF8: length = 4; value = lead & 0x07
        default: return (0xFFFD, 1)
        }
        guard offset + length <= bytes.count else { return (0xFFFD, 1) }
        for index in 1..<length {
            value = (value << 6) | (UInt32(bytes[offset + index]) & 0x3F)
        }
        return (value, length)
    }

    /// The text of `count` code points starting at `offset`, clamped to the input, for error messages.
    func text(from offset: Int, codePoints count: Int) -> String {
        var end = offset
        var remaining = count
        while remaining > 0, end < bytes.count {
            end += decodeScalar(at: end).length
            remaining -= 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<min(end, bytes.count)]), as: UTF8.self)
    }
}
