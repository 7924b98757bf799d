import CLibPQ
import Foundation

/// Resolves the one host name of a connection string off the reactor (`getaddrinfo` blocks).
enum HostResolver {
    /// `host` and `hostaddr` lists of equal length: the name once per address.
    struct Resolved: Sendable {
        let hosts: String
        let addresses: String
    }

    /// The addresses of the conninfo's host, when it names exactly one host by name and gives no `hostaddr`; nil
    /// otherwise (an IP address, a socket directory, several hosts, no host, or a name that does not resolve:
    /// libpq then reports the problem itself).
    static func resolve(conninfo: String) async -> Resolved? {
        guard let host = hostName(conninfo) else { return nil }
        let found = await withCheckedContinuation { (continuation: CheckedContinuation<[String], Never>) in
            let thread = Thread { continuation.resume(returning: addresses(of: host)) }
            thread.start()
        }
        guard !found.isEmpty else { return nil }
        return Resolved(
            hosts: Array(repeating: host, count: found.count).joined(separator: ","),
            addresses: found.joined(separator: ","))
    }

    /// The host to resolve, per the rules of ``address(forConninfo:)``.
    static func hostName(_ conninfo: String) -> String? {
        guard let options = PQconninfoParse(conninfo, nil) else { return nil }
        defer { PQconninfoFree(options) }
        var host: String?
        var hostaddr: String?
        var index = 0
        while let keyword = options[index].keyword {
            let name = String(cString: keyword)
            if let value = options[index].val {
                if name == "host" { host = String(cString: value) }
                if name == "hostaddr" { hostaddr = String(cString: value) }
            }
            index += 1
        }
        guard let host, !host.isEmpty, hostaddr?.isEmpty ?? true, !host.contains(","), !host.hasPrefix("/"),
            !host.hasPrefix("@"), !isNumeric(host)
        else { return nil }
        return host
    }

    private static func isNumeric(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Every address of `host`, in getaddrinfo's order, without repeats (at most 8).
    static func addresses(of host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [String] = []
        var entry = list
        while let current = entry, found.count < 8 {
            entry = current.pointee.ai_next
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let written: UnsafePointer<CChar>?
            switch current.pointee.ai_family {
            case AF_INET:
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                written = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
            case AF_INET6:
                var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                written = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
            default:
                written = nil
            }
            guard written != nil else { continue }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !found.contains(text) { found.append(text) }
        }
        return found
    }
}
