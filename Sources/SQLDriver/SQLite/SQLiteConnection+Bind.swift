import CSQLite
import Foundation

extension SQLiteConnection {
    /// SQLite copies text and blobs bound with this destructor.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ values: [SQLValue], to statement: OpaquePointer) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == values.count else {
            throw SQLError(.invalidStatement, detail: "statement takes \(expected) parameters, got \(values.count)")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(statement, index)
            case .int64(let number):
                rc = sqlite3_bind_int64(statement, index, number)
            case .int32(let number):
                rc = sqlite3_bind_int64(statement, index, Int64(number))
            case .bool(let flag):
                rc = sqlite3_bind_int64(statement, index, flag ? 1 : 0)
            case .text(let text):
                rc = bindText(text, statement, index)
            case .bytes(let bytes):
                rc = bytes.withUnsafeBytes { buffer in
                    // A nil pointer would bind NULL, so an empty blob is bound as a zero-length blob.
                    guard let base = buffer.baseAddress else { return sqlite3_bind_zeroblob(statement, index, 0) }
                    return sqlite3_bind_blob64(statement, index, base, UInt64(buffer.count), Self.transient)
                }
            case .timestamp(let date):
                guard let micros = Timestamps.unixMicros(date) else {
                    throw SQLError(.typeMismatch, detail: "parameter \(index): timestamp out of range")
                }
                rc = sqlite3_bind_int64(statement, index, micros)
            case .uuid(let uuid):
                rc = bindText(uuid.lowercaseText, statement, index)
            case .int64Array(let numbers):
                rc = bindText(JSONArrayText.numbers(numbers), statement, index)
            case .textArray(let texts):
                rc = bindText(JSONArrayText.strings(texts), statement, index)
            case .uuidArray(let uuids):
                rc = bindText(JSONArrayText.strings(uuids.map(\.lowercaseText)), statement, index)
            }
            if rc != SQLITE_OK { throw failure(rc) }
        }
    }

    private func bindText(_ text: String, _ statement: OpaquePointer, _ index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { utf8 in
            // A nil pointer would bind NULL; the empty string must stay an empty string.
            guard let base = utf8.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, Self.transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                sqlite3_bind_text64(statement, index, chars, UInt64(utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            }
        }
    }
}

/// JSON array text for SQLite array parameters, read back with `json_each`.
enum JSONArrayText {
    static func numbers(_ numbers: [Int64]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    static func strings(_ strings: [String]) -> String {
        var out = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
