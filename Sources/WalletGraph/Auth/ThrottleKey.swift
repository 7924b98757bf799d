import Foundation
import SQLDriver

/// What a throttle counts under: a SHA-256 digest of what the key names (a normalised username, a client address,
/// both), so that every key takes 32 bytes whatever the client sent, and no username is kept in memory.
public struct ThrottleKey: Hashable, Sendable {
    private let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ kind: String, _ parts: String...) {
        var bytes = Array(kind.utf8)
        for part in parts {
            // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
            withUnsafeBytes(of: UInt64(part.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: part.utf8)
        }
        // The digest's 64 hex digits as four words: 32 bytes, inline.
        let hex = Array(SHA256.hex(bytes).utf8)
        func word(_ index: Int) -> UInt64 {
            UInt64(String(decoding: hex[(index * 16)..<(index * 16 + 16)], as: UTF8.self), radix: 16) ?? 0
        }
        (a, b, c, d) = (word(0), word(1), word(2), word(3))
    }

    /// The username part of a key: the normalised name, or one fixed value for every name that does not
    /// normalise (no such user exists, and the client's text, up to the body limit, is not kept).
    static func username(_ normalized: String?) -> String {
        normalized.map { "name:" + $0 } ?? "<invalid>"
    }

    /// The address part of a key: an IPv4 address, an IPv6 address's /64 (one subscriber usually holds a whole
    /// /64), or "<unknown>" when the transport did not say.
    static func address(_ text: String?) -> String {
        guard let text else { return "<unknown>" }
        guard let address = IPAddress(text) else { return "text:" + text }
        return address.throttleScope
    }
}
