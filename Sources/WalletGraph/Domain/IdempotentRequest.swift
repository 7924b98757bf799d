import Foundation
import SQLSupport

/// The canonical form of a money request, for its idempotency key: what is stored with the key, its
/// fingerprint, and the comparison that names the fields in which a repeated request differs.
///
/// Two requests are the same when their operation and every field are equal. The canonical text is JSON
/// written here by hand (sorted keys, strings in Unicode NFC, only `"`, `\` and control characters escaped),
/// so that it does not depend on a JSON encoder's choices and stays stable across versions.
public struct IdempotentRequest: Sendable, Hashable {
    public let key: String
    public let operation: String
    public let fields: [String: String]

    /// Validates `key`: 1 to 255 characters (Unicode scalars, as the databases count them), no control characters.
    public init(key: String, operation: String, fields: [String: String]) throws(DomainError) {
        let scalars = key.unicodeScalars
        guard (1...255).contains(scalars.count), !scalars.contains(where: \.isControl) else {
            throw DomainError(.invalidIdempotencyKey, field: ["idempotencyKey"])
        }
        self.key = key
        self.operation = operation
        self.fields = fields
    }

    /// The stored text: `{"amount":"…","operation":"…",…}` with sorted keys.
    public var canonicalText: String {
        var object = fields
        object["operation"] = operation
        let members = object.keys.sorted().map { Self.quoted($0) + ":" + Self.quoted(object[$0] ?? "") }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// SHA-256 of the canonical text, as hex.
    public var fingerprint: String { SHA256.hex(canonicalText.utf8) }

    /// The names of the fields (and `operation`) whose values differ between this request and the stored
    /// canonical text, sorted. Empty when they are the same request.
    public func differingFields(fromStored stored: String) -> [String] {
        guard let storedObject = try? JSONDecoder().decode([String: String].self, from: Data(stored.utf8)) else {
            return ["operation"]
        }
        var current = fields
        current["operation"] = operation
        let names = Set(current.keys).union(storedObject.keys)
        return names.filter { current[$0] != storedObject[$0] }.sorted()
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        // ASCII is already in NFC; Foundation's normalisation is costly, and most requests are ASCII.
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
