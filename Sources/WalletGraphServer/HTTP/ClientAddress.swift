import HTTPTypes
import WalletGraph

/// Who the client is, for throttling: the TCP peer, unless the peer is a trusted proxy (``ServerConfiguration/trustedProxies``);
/// then the right-most `X-Forwarded-For` entry that no trusted proxy wrote. Entries left of it were written by
/// the client or by proxies we do not know, so they are never believed.
enum ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The client's address (canonical text), from the peer's and the `X-Forwarded-For` header lines (in order).
    static func resolve(peer: String?, forwardedFor lines: [String], trusted: Set<IPAddress>) -> String? {
        guard let peer else { return nil }
        guard var client = IPAddress(peer) else { return peer }
        guard trusted.contains(client) else { return client.description }
        let entries = lines.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for entry in entries.reversed() {
            guard trusted.contains(client) else { break }
            // Garbage right of the client's entry was not written by a trusted proxy: stop at the last hop known.
            guard let address = IPAddress(entry) else { break }
            client = address
        }
        return client.description
    }
}
