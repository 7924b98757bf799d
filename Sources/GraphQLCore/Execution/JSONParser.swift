import OrderedCollections

/// Decodes request JSON (the `variables` object, or a whole request body) from bytes into `InputValue`.
///
/// Hostile input is expected: the size is checked before any work, nesting depth is bounded (recursion is
/// bounded by it, so the stack cannot overflow), and every byte is looked at a constant number of times, so time
/// is linear in the input. Duplicate object keys keep the last value, as `JSON.parse` does. Strings must be
/// valid UTF-8 (RFC 8259 §8.1): a malformed byte is an error rather than a silently substituted U+FFFD.
public struct JSONParser {
    /// Limits for one document.
    public struct Limits: Sendable {
        /// Maximum input size in bytes.
        public var maxBytes: Int
        /// Maximum nesting of arrays and objects.
        public var maxDepth: Int

        /// Creates limits; the defaults suit GraphQL variables.
        public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    /// Why decoding failed, with the byte offset.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What went wrong.
        public var reason: String
        /// Byte offset where it was noticed.
        public var offset: Int
        /// "reason at byte N".
        public var description: String { "\(reason) at byte \(offset)" }
    }

    /// Parses one JSON value filling the whole input (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits()) throws(Failure) -> InputValue {
        guard bytes.count <= limits.maxBytes else {
            throw Failure(reason: "JSON exceeds \(limits.maxBytes) bytes", offset: limits.maxBytes)
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> InputValue in
            var parser = Cursor(bytes: buffer, maxDepth: limits.maxDepth)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.failure("Unexpected data after JSON value") }
            return value
        }
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(Failure) -> InputValue {
        try parse(Array(text.utf8), limits: limits)
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func failure(_ reason: String) -> JSONParser.Failure { JSONParser.Failure(reason: reason, offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ literal: StaticString, value: InputValue) throws(JSONParser.Failure) -> InputValue {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("Invalid literal") }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { throw failure("Invalid literal") }
        index += count
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONParser.Failure) -> InputValue {
        guard index < bytes.count else { throw failure("Unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", value: .bool(true))
        case UInt8(ascii: "f"): return try expect("false", value: .bool(false))
        case UInt8(ascii: "n"): return try expect("null", value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("Unexpected character")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParser.Failure) -> InputValue {
        guard depth <= maxDepth else { throw failure("JSON nested deeper than \(maxDepth)") }
        index += 1
        var fields = OrderedDictionary<String, InputValue>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("Expected object key") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("Expected ':'") }
            index += 1
            skipWhitespace()
            fields[key] = try parseValue(depth: depth)
            skipWhitespace()
            guard index < bytes.count else { throw failure("Unexpected end of JSON") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
            throw failure("Expected ',' or '}'")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParser.Failure) -> InputValue {
        guard depth <= maxDepth else { throw failure("JSON nested deeper than \(maxDepth)") }
        index += 1
        var items: [InputValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw failure("Unexpected end of JSON") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .list(items) }
            throw failure("Expected ',' or ']'")
        }
    }

    mutating func parseNumber() throws(JSONParser.Failure) -> InputValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("Invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("Invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("Invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // Integers beyond Int stay numbers (as in JavaScript) so that coercion reports them as out of range.
        if isInteger, let value = Int(text) { return .int(value) }
        guard let value = Double(text) else { throw failure("Invalid number") }
        return .float(value)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseString() throws(JSONParser.Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let value = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) else {
                    throw failure("Invalid UTF-8 in string")
                }
                index += 1
                return value
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("Unescaped control character in string") }
            index += 1
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let value = String(validating: scratch, as: UTF8.self) else { throw failure("Invalid UTF-8 in string") }
                index += 1
                return value
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape(into: &scratch)
            default:
                if byte < 0x20 { throw failure("Unescaped control character in string") }
                scratch.append(byte)
                index += 1
            }
        }
        throw failure("Unterminated string")
    }

    mutating func appendEscape(into scratch: inout [UInt8]) throws(JSONParser.Failure) {
        guard index < bytes.count else { throw failure("Unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try readHex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save
                }
            }
            // A lone surrogate cannot be represented in a Swift string; use U+FFFD as String(decoding:) would.
            let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            index -= 1
            throw failure("Invalid escape")
        }
    }

    mutating func readHex4() throws(JSONParser.Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("Invalid unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("Invalid unicode escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
