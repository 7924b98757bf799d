/// Which browser origins may call the API (`CORS_ALLOWED_ORIGINS`): `*`, or a list of exact origins such as
/// `https://app.example.com`, where a port of `*` matches any port of that scheme and host
/// (`http://localhost:*`). Origins are compared in lowercase; a path, query or user part never matches.
public struct CORSPolicy: Sendable, Equatable {
    /// Every origin is allowed: responses say `Access-Control-Allow-Origin: *`.
    public let allowsAnyOrigin: Bool
    /// The allowed origins, lowercased, as written (a trailing `:*` kept).
    public let origins: [String]

    /// No origin is allowed: no response carries CORS headers.
    public static let none = CORSPolicy(allowsAnyOrigin: false, origins: [])
    /// The development default: pages served from this machine, on any port.
    public static let localDevelopment = CORSPolicy(
        allowsAnyOrigin: false, origins: ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"])

    init(allowsAnyOrigin: Bool, origins: [String]) {
        self.allowsAnyOrigin = allowsAnyOrigin
        self.origins = origins
    }

    /// The policy of a `CORS_ALLOWED_ORIGINS` value, or nil when an entry is not an origin.
    public init?(setting text: String) {
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        if entries == ["*"] {
            self.init(allowsAnyOrigin: true, origins: [])
            return
        }
        guard !entries.isEmpty, entries.allSatisfy(Self.isOriginPattern) else { return nil }
        self.init(allowsAnyOrigin: false, origins: entries)
    }

    /// Whether a request's `Origin` header value is allowed.
    public func allows(_ origin: String) -> Bool {
        if allowsAnyOrigin { return true }
        let origin = origin.lowercased()
        guard Self.isOrigin(origin) else { return false }
        for allowed in origins {
            if allowed == origin { return true }
            if allowed.hasSuffix(":*") {
                let prefix = allowed.dropLast(2)
                if origin == prefix { return true }
                if origin.hasPrefix(prefix + ":"), let port = Int(origin.dropFirst(prefix.count + 1)),
                    (1...65_535).contains(port)
                {
                    return true
                }
            }
        }
        return false
    }

    /// `scheme://host[:port]`, nothing after it.
    static func isOrigin(_ text: String) -> Bool {
        guard let separator = text.range(of: "://") else { return false }
        let scheme = text[..<separator.lowerBound]
        let authority = text[separator.upperBound...]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
            !authority.isEmpty, authority.allSatisfy({ $0.isLetter || $0.isNumber || "-.:[]".contains($0) })
        else { return false }
        return true
    }

    private static func isOriginPattern(_ text: String) -> Bool {
        isOrigin(text.hasSuffix(":*") ? String(text.dropLast(2)) : text)
    }
}
