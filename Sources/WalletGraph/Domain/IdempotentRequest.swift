import Foundation
import SQLSupport

/// The canonical form of a money request, for its idempotency key: what is stored with the key, its
/// fingerprint, and the comparison that names the fields in which a repeated request differs.
///
/// Two requests are the same when their operation and every field are equal. The canonical text is JSON with
/// sorted keys, so that it is stable across versions and readable in the database.
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a [String: String] cannot fail.
        let data = (try? encoder.encode(object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// SHA-256 of the canonical text, as hex.
    public var fingerprint: String { SHA256.hex(canonicalText.utf8) }

    /// The names of the fields (and `operation`) whose values differ between this request and the stored
    /// canonical text, sorted. Empty when they are the same request.
    public func differingFields(fromStored stored: String) -> [String] {
        let decoded = try? JSONDecoder().decode([String: String].self, from: Data(stored.utf8))
        guard let storedObject = decoded else { return ["operation"] }
        var current = fields
        current["operation"] = operation
        let names = Set(current.keys).union(storedObject.keys)
        return names.filter { current[$0] != storedObject[$0] }.sorted()
    }
}
