import Foundation

/// Opaque object ids: base64url (no padding) of `Type:uuid`, so that `node(id:)` knows the type and clients
/// cannot mistake one kind of id for another. Decoding is strict: only the canonical encoding of a known type
/// with a lower-case UUID decodes; anything else is "no such object".
///
/// Byte-level code, because every wallet, transaction and entry in a response passes through here: the
/// Foundation version (`base64EncodedString` plus `replacingOccurrences`) cost 5–7 % of the server's CPU under
/// the read benchmark (docs/decisions/0006-server-benchmarks.md).
public enum GlobalID {
    public enum Kind: String, Sendable, CaseIterable {
        case asset = "Asset"
        case user = "User"
        case wallet = "Wallet"
        case transaction = "Transaction"
        case ledgerEntry = "LedgerEntry"
        case disbursementMethod = "DisbursementMethod"
        case disbursement = "Disbursement"
        case webhookEndpoint = "WebhookEndpoint"
        case webhookDelivery = "WebhookDelivery"
    }

    /// An event's id: `Event:<position>` (events are numbered, not UUIDs).
    public static func encodeEvent(_ position: Int64) -> String {
        base64URLEncode(Array("Event:\(position)".utf8))
    }

    /// The position of an event id this API issued, or nil.
    public static func decodeEvent(_ text: String) -> Int64? {
        guard text.utf8.count <= 48, let bytes = base64URLDecodeBytes(text),
            bytes.starts(with: Array("Event:".utf8)),
            let position = Int64(String(decoding: bytes.dropFirst(6), as: UTF8.self)), position > 0,
            encodeEvent(position) == text
        else { return nil }
        return position
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ kind: Kind, _ id: UUID) -> String {
        var plain = Array(kind.rawValue.utf8)
        plain.append(UInt8(ascii: ":"))
        plain.append(contentsOf: id.uuidString.lowercased().utf8)
        return base64URLEncode(plain)
    }

    /// The kind and UUID of `text`, or nil when it is not an id this API issued.
    public static func decode(_ text: String) -> (kind: Kind, id: UUID)? {
        guard text.utf8.count <= 96, let bytes = base64URLDecodeBytes(text),
            let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            let kind = Kind(rawValue: String(decoding: bytes[..<colon], as: UTF8.self)),
            let id = UUID(uuidString: String(decoding: bytes[(colon + 1)...], as: UTF8.self))
        else { return nil }
        // Canonical form only: one string per object (lower-case UUID, no padding, no stray bits).
        guard encode(kind, id) == text else { return nil }
        return (kind, id)
    }

    /// The UUID of `text` when it is an id of `kind`.
    public static func decode(_ text: String, as kind: Kind) -> UUID? {
        guard let decoded = decode(text), decoded.kind == kind else { return nil }
        return decoded.id
    }

    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        var output = [UInt8]()
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
            output.append(alphabet[Int(value & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Unpadded base64url, or nil for any other character, padding, or an impossible length.
    static func base64URLDecodeBytes(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = decodeTable[Int(byte)]
            guard value != 0xFF else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    /// `base64URLDecodeBytes` as `Data` (the token header check uses it).
    static func base64URLDecode(_ text: String) -> Data? {
        base64URLDecodeBytes(text).map { Data($0) }
    }
}
