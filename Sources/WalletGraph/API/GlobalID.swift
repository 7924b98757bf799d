import Foundation

/// Opaque object ids: base64url (no padding) of `Type:uuid`, so that `node(id:)` knows the type and clients
/// cannot mistake one kind of id for another. Decoding is strict: only the canonical encoding of a known type
/// with a lower-case UUID decodes; anything else is "no such object".
public enum GlobalID {
    public enum Kind: String, Sendable, CaseIterable {
        case asset = "Asset"
        case user = "User"
        case wallet = "Wallet"
        case transaction = "Transaction"
        case ledgerEntry = "LedgerEntry"
    }

    public static func encode(_ kind: Kind, _ id: UUID) -> String {
        let text = "\(kind.rawValue):\(id.uuidString.lowercased())"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The kind and UUID of `text`, or nil when it is not an id this API issued.
    public static func decode(_ text: String) -> (kind: Kind, id: UUID)? {
        guard text.count <= 96, let bytes = base64URLDecode(text),
            let plain = String(bytes: bytes, encoding: .utf8),
            let colon = plain.firstIndex(of: ":"),
            let kind = Kind(rawValue: String(plain[..<colon])),
            let id = UUID(uuidString: String(plain[plain.index(after: colon)...]))
        else { return nil }
        // Canonical form only: one string per object.
        guard encode(kind, id) == text else { return nil }
        return (kind, id)
    }

    /// The UUID of `text` when it is an id of `kind`.
    public static func decode(_ text: String, as kind: Kind) -> UUID? {
        guard let decoded = decode(text), decoded.kind == kind else { return nil }
        return decoded.id
    }

    static func base64URLDecode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
