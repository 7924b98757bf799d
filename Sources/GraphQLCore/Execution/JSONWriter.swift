/// Appends JSON straight into a byte buffer: the response writer's primitive.
///
/// Strings are escaped per RFC 8259 with the short escapes graphql-js (`JSON.stringify`) uses, so our bytes match
/// what clients see from the reference implementation. Only `"`, `\\` and control characters are escaped; other
/// bytes, including non-ASCII UTF-8, are copied as they are.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// Creates a writer with some capacity reserved.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The bytes as a string (they are always valid UTF-8).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends raw bytes (already valid JSON).
    @inline(__always)
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Appends one ASCII byte.
    @inline(__always)
    public mutating func writeByte(_ byte: UInt8) { bytes.append(byte) }

    /// Appends an ASCII literal such as `null`.
    @inline(__always)
    public mutating func writeASCII(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a quoted, escaped JSON string.
    public mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Copy runs of bytes that need no escaping in one go; escaping is rare in real data.
            var runStart = 0
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                appendEscape(byte)
                index += 1
                runStart = index
            }
            if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    /// Appends an integer in decimal without going through `String`.
    public mutating func writeInt(_ value: Int) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for position in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[position]) }
        }
    }

    /// Appends a finite double the way JavaScript prints numbers (`1`, `1.5`, `1e+21`); non-finite becomes `null`.
    public mutating func writeDouble(_ value: Double) {
        guard value.isFinite else { writeASCII("null"); return }
        bytes.append(contentsOf: JSONWriter.formatDouble(value).utf8)
    }

    /// A double as JavaScript's `String(number)` (and so `JSON.stringify`) spells it: `1e20` as
    /// `100000000000000000000`, `1e-7` as `1e-7`. One formatter with the schema printer's (`JavaScriptNumber`);
    /// whole numbers that fit 2^53 take a fast path. (The old copy trapped converting `1e20` to `Int64`.)
    public static func formatDouble(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if abs(value) < 9_007_199_254_740_992, value == value.rounded() {
            return String(Int64(value))
        }
        return JavaScriptNumber.format(value)
    }

    /// Appends any input value as JSON.
    public mutating func write(_ value: InputValue) {
        switch value {
        case .null: writeASCII("null")
        case .bool(let flag): flag ? writeASCII("true") : writeASCII("false")
        case .int(let number): writeInt(number)
        case .float(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .list(let items):
            writeByte(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { writeByte(UInt8(ascii: ",")) }
                write(item)
            }
            writeByte(UInt8(ascii: "]"))
        case .object(let fields):
            writeByte(UInt8(ascii: "{"))
            var first = true
            for (key, item) in fields {
                if !first { writeByte(UInt8(ascii: ",")) }
                first = false
                writeString(key)
                writeByte(UInt8(ascii: ":"))
                write(item)
            }
            writeByte(UInt8(ascii: "}"))
        }
    }
}
