import Crypto
import Foundation

/// What a throttle counts under: a SHA-256 digest of what the key names (a normalised username, a client address,
/// both), so that every key takes 32 bytes whatever the client sent, and no username is kept in memory.
public struct ThrottleKey: Hashable, Sendable {
    private let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(_ kind: String, _ parts: String...) {
        var hasher = SHA256()
        hasher.update(data: Array(kind.utf8))
        for part in parts {
            // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
            withUnsafeBytes(of: UInt64(part.utf8.count).bigEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: Array(part.utf8))
        }
        var words: [UInt64] = []
        hasher.finalize().withUnsafeBytes { bytes in
            for index in 0..<4 { words.append(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        }
        (a, b, c, d) = (words[0], words[1], words[2], words[3])
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
