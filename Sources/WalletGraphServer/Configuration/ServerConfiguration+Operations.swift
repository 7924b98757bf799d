import WalletGraph

/// How log lines are written (`LOG_FORMAT`).
public enum LogFormat: String, Sendable, CaseIterable {
    case json, text
}

extension ServerConfiguration {
    /// The settings for browsers and operators: CORS, rate limits, metrics, logs, GraphiQL, persisted queries.
    static func resolveOperations(
        _ configuration: inout ServerConfiguration, _ value: (String) -> String?
    ) throws(ConfigurationError) {
        if let text = value("CORS_ALLOWED_ORIGINS") {
            if text.lowercased() == "none" {
                configuration.cors = .none
            } else {
                guard let policy = CORSPolicy(setting: text) else {
                    throw ConfigurationError(
                        "CORS_ALLOWED_ORIGINS must be *, none, or comma-separated origins such as https://app.example.com "
                            + "or http://localhost:* (got \(text))")
                }
                configuration.cors = policy
            }
        }
        func rate(_ name: String) throws(ConfigurationError) -> RateLimit?? {
            guard let text = value(name) else { return .none }
            switch RateLimit.parse(text) {
            case .success(let limit): return .some(limit)
            case .failure:
                throw ConfigurationError(
                    "\(name) must be cost units per minute, optionally with a burst (PER_MINUTE or PER_MINUTE:BURST), or 0 "
                        + "for no limit (got \(text))")
            }
        }
        if let limit = try rate("RATE_LIMIT_PER_ADDRESS") { configuration.rateLimits.perAddress = limit }
        if let limit = try rate("RATE_LIMIT_PER_USER") { configuration.rateLimits.perUser = limit }
        if let enabled = try boolean("METRICS_ENABLED", value("METRICS_ENABLED")) { configuration.metricsEnabled = enabled }
        if let token = value("METRICS_TOKEN") {
            guard token.utf8.count >= 16, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw ConfigurationError("METRICS_TOKEN must be at least 16 printable characters without spaces")
            }
            configuration.metricsToken = token
        }
        if let text = value("METRICS_ADDRESS") {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                (0...65_535).contains(port), colon != text.startIndex
            else {
                throw ConfigurationError("METRICS_ADDRESS must be host:port, such as 127.0.0.1:9090 (got \(text))")
            }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            configuration.metricsAddress = (host, port)
        }
        if let text = value("LOG_FORMAT") {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError("LOG_FORMAT must be json or text (got \(text))")
            }
            configuration.logFormat = format
        }
        if let folder = value("GRAPHIQL_ASSETS_DIR") { configuration.graphiqlAssetsDirectory = folder }
        if let enabled = try boolean("PERSISTED_QUERIES", value("PERSISTED_QUERIES")) {
            configuration.persistedQueries = enabled
        }
        if let text = value("PERSISTED_QUERIES_MAX") {
            guard let count = Int(text), (1...1_000_000).contains(count) else {
                throw ConfigurationError("PERSISTED_QUERIES_MAX must be an integer from 1 to 1000000 (got \(text))")
            }
            configuration.persistedQueriesMax = count
        }
    }
}
