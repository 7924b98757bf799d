#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension IPAddress {
    /// Whether the address is one a webhook must not reach in production (SSRF): loopback, private (RFC 1918,
    /// unique local), link-local (cloud metadata services live there), carrier-grade NAT, "this network",
    /// multicast and the other special ranges.
    public var isInternal: Bool {
        if isIPv4 {
            let (a, b) = (bytes[0], bytes[1])
            return a == 0 || a == 10 || a == 127 || (a == 100 && (64...127).contains(b)) || (a == 169 && b == 254)
                || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || (a == 192 && b == 0 && bytes[2] == 0)
                || (a == 198 && (18...19).contains(b)) || a >= 224
        }
        let unspecified = bytes.allSatisfy { $0 == 0 }
        return unspecified || isLoopback || (bytes[0] & 0xFE) == 0xFC || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80)
            || bytes[0] == 0xFF || (bytes[0...11].allSatisfy { $0 == 0 })  // IPv4-compatible ::a.b.c.d
    }
}

/// A webhook endpoint's URL, checked: `http` or `https`, a host, no credentials, at most 2,048 characters, and
/// (unless private addresses are allowed) a host whose every address is public.
public struct WebhookURL: Sendable, Hashable {
    public let text: String
    public let host: String

    /// The URL's syntax alone.
    public init(_ text: String) throws(DomainError) {
        let trimmed = text.trimmingWhitespace()
        guard (1...2_048).contains(trimmed.utf8.count), let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
            components.fragment == nil
        else {
            throw DomainError(
                .invalidInput, field: ["url"], detail: "an http or https URL with a host, no credentials, at most 2048 characters")
        }
        self.text = trimmed
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Refuses a host that is, or resolves to, an internal address (``IPAddress/isInternal``), unless
    /// `allowPrivate`. Names are resolved on a thread of their own (getaddrinfo blocks). A name that does not
    /// resolve is refused too.
    public func checkReachable(allowPrivate: Bool) async throws(DomainError) {
        if allowPrivate { return }
        let addresses: [IPAddress]
        if let literal = IPAddress(host) {
            addresses = [literal]
        } else {
            addresses = await Self.resolve(host)
        }
        guard !addresses.isEmpty else {
            throw DomainError(.invalidInput, field: ["url"], detail: "the host does not resolve")
        }
        if let blocked = addresses.first(where: \.isInternal) {
            throw DomainError(
                .invalidInput, field: ["url"],
                detail: "the host is a loopback, private or link-local address (\(blocked)); not allowed in production")
        }
    }

    /// Every address `host` resolves to, from a short-lived thread.
    static func resolve(_ host: String) async -> [IPAddress] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[IPAddress], Never>) in
            let thread = Thread {
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var result: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else {
                    continuation.resume(returning: [])
                    return
                }
                defer { freeaddrinfo(first) }
                var addresses: [IPAddress] = []
                var cursor: UnsafeMutablePointer<addrinfo>? = first
                while let info = cursor {
                    var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                    if getnameinfo(
                        info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                        NI_NUMERICHOST) == 0,
                        let address = IPAddress(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                    {
                        addresses.append(address)
                    }
                    cursor = info.pointee.ai_next
                }
                continuation.resume(returning: addresses)
            }
            thread.start()
        }
    }
}
