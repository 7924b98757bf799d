import Foundation
import HTTPTypes

/// `X-Request-Id`: a client's id is echoed when it is sane (1–128 characters of `A-Za-z0-9._-`), so that logs
/// can be joined across services; anything else is replaced by a fresh one, so that headers and logs never
/// carry arbitrary client text.
public enum RequestID {
    public static let headerName = HTTPField.Name("X-Request-Id")!
    public static let maximumLength = 128

    /// `text` when it is usable as is, else nil.
    public static func sanitized(_ text: String?) -> String? {
        guard let text, (1...maximumLength).contains(text.utf8.count) else { return nil }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return allowed ? text : nil
    }

    /// A new id: a lowercase UUID.
    public static func generate() -> String {
        UUID().uuidString.lowercased()
    }
}
