import GraphQLCore
import SQLSupport

/// Automatic persisted queries, the Apollo protocol: a client sends `extensions.persistedQuery`
/// `{ "version": 1, "sha256Hash": "<64 hex digits>" }`, first without the query text. An unknown hash answers
/// `PERSISTED_QUERY_NOT_FOUND`; the client then sends the text with the hash, which is checked and kept. Later
/// requests, GET ones included (short URLs a CDN can cache), send the hash alone.
///
/// The store is an LRU of at most ``capacity`` texts, each at most the engine's query size limit. Only texts
/// that prepare (parse and validate) are kept, so a flood of garbage cannot push out real queries for long.
struct PersistedQueries: Sendable {
    /// How a persisted-query request was settled.
    enum Resolution {
        /// Run this request (its query text filled in when it came as a hash).
        case run(GraphQLRequest)
        /// Answer this request error (400).
        case refuse(GraphQLError)
    }

    static let notFound = ErrorCode.persistedQueryNotFound
    static let notSupported = ErrorCode.persistedQueryNotSupported

    let enabled: Bool
    let store: LRUCache<String>

    init(enabled: Bool, capacity: Int) {
        self.enabled = enabled
        store = LRUCache(capacity: enabled ? capacity : 0)
    }

    /// Settles `request`'s `persistedQuery` extension, if any. `keep` says whether a text may be stored (it
    /// prepares).
    func resolve(_ request: GraphQLRequest, keep: (GraphQLRequest) -> Bool) -> Resolution {
        guard let extensionValue = request.extensions["persistedQuery"] else { return .run(request) }
        guard enabled else {
            return .refuse(GraphQLError("Persisted queries are not supported here; send the query text.", code: Self.notSupported))
        }
        guard case .object(let fields) = extensionValue else {
            return .refuse(GraphQLError("\"extensions.persistedQuery\" must be an object.", code: .badUserInput))
        }
        guard case .int(let version)? = fields["version"], version == 1 else {
            return .refuse(GraphQLError("Unsupported persisted query version: only version 1 is.", code: .badUserInput))
        }
        guard case .string(let given)? = fields["sha256Hash"], given.utf8.count == 64,
            given.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) })
        else {
            return .refuse(
                GraphQLError("\"persistedQuery.sha256Hash\" must be 64 hexadecimal digits.", code: .badUserInput))
        }
        let hash = given.lowercased()
        var request = request
        if request.query.isEmpty {
            guard let text = store.value(forKey: hash) else {
                return .refuse(GraphQLError("PersistedQueryNotFound", code: Self.notFound))
            }
            request.query = text
            return .run(request)
        }
        guard SHA256.hex(request.query.utf8) == hash else {
            return .refuse(GraphQLError("provided sha does not match query", code: .badUserInput))
        }
        if store.value(forKey: hash) == nil, keep(request) { store.insert(request.query, forKey: hash) }
        return .run(request)
    }

    /// Texts held.
    var count: Int { store.count }
}
