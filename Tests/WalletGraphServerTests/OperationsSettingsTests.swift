import Foundation
import GraphQLCore
import Logging
import SQLSupport
import Synchronization
import Testing
import WalletGraph

@testable import WalletGraphServer

private let secret = String(repeating: "k", count: 32)

@Suite("Browsers and operators: settings and the pieces behind them")
struct OperationsSettingsTests {
    static func resolve(_ environment: [String: String]) throws -> ServerConfiguration {
        try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
    }

    @Test("defaults: local origins, text logs and open metrics in development; none, JSON and no public metrics in production")
    func defaults() throws {
        let development = try Self.resolve([:])
        #expect(development.cors == .localDevelopment)
        #expect(development.logFormat == .text)
        #expect(development.servesMetricsOnPublicListener)
        #expect(development.rateLimits == .standard)
        #expect(development.persistedQueries && development.persistedQueriesMax == 5_000)
        let production = try Self.resolve(["WALLETGRAPH_ENV": "production", "JWT_SECRET": secret])
        #expect(production.cors == .none)
        #expect(production.logFormat == .json)
        #expect(!production.servesMetricsOnPublicListener)
        let guarded = try Self.resolve([
            "WALLETGRAPH_ENV": "production", "JWT_SECRET": secret, "METRICS_TOKEN": "metrics-token-0123456789",
        ])
        #expect(guarded.servesMetricsOnPublicListener)
        let separate = try Self.resolve(["METRICS_ADDRESS": "127.0.0.1:9090"])
        #expect(!separate.servesMetricsOnPublicListener)
        #expect(separate.metricsAddress?.host == "127.0.0.1" && separate.metricsAddress?.port == 9090)
        #expect(try Self.resolve(["METRICS_ADDRESS": "[::1]:9091"]).metricsAddress?.host == "::1")
        let off = try Self.resolve(["METRICS_ENABLED": "false", "METRICS_TOKEN": "metrics-token-0123456789"])
        #expect(!off.metricsEnabled && !off.servesMetricsOnPublicListener)
    }

    @Test("each new setting parses, and a bad value names the setting")
    func settings() throws {
        let configuration = try Self.resolve([
            "CORS_ALLOWED_ORIGINS": "https://app.example.com, http://localhost:*", "RATE_LIMIT_PER_ADDRESS": "1200:300",
            "RATE_LIMIT_PER_USER": "0", "LOG_FORMAT": "JSON", "GRAPHIQL_ASSETS_DIR": "/srv/graphiql",
            "PERSISTED_QUERIES": "off", "PERSISTED_QUERIES_MAX": "10",
        ])
        #expect(configuration.cors.origins == ["https://app.example.com", "http://localhost:*"])
        #expect(configuration.rateLimits.perAddress == RateLimit(perMinute: 1_200, burst: 300))
        #expect(configuration.rateLimits.perUser == nil)
        #expect(configuration.logFormat == .json)
        #expect(configuration.graphiqlAssetsDirectory == "/srv/graphiql")
        #expect(!configuration.persistedQueries && configuration.persistedQueriesMax == 10)
        #expect(try Self.resolve(["CORS_ALLOWED_ORIGINS": "*"]).cors.allowsAnyOrigin)
        #expect(try Self.resolve(["CORS_ALLOWED_ORIGINS": "none"]).cors == .none)
        let bad: [(String, String)] = [
            ("CORS_ALLOWED_ORIGINS", "app.example.com"), ("CORS_ALLOWED_ORIGINS", "https://a.example/path"),
            ("RATE_LIMIT_PER_ADDRESS", "fast"), ("RATE_LIMIT_PER_USER", "-5"), ("METRICS_TOKEN", "short"),
            ("METRICS_TOKEN", "has a space in it ok"), ("METRICS_ADDRESS", "9090"), ("METRICS_ADDRESS", "host:99999"),
            ("LOG_FORMAT", "xml"), ("METRICS_ENABLED", "sometimes"), ("PERSISTED_QUERIES", "maybe"), ("PERSISTED_QUERIES_MAX", "0"),
        ]
        for (name, value) in bad {
            let error = #expect(throws: ConfigurationError.self, "\(name)=\(value)") { try Self.resolve([name: value]) }
            #expect(error?.description.contains(name) == true, "\(error?.description ?? "")")
        }
    }

    @Test("CORS origins: exact, a port wildcard, any; never a prefix, a path or another scheme")
    func corsOrigins() throws {
        let policy = try #require(CORSPolicy(setting: "https://app.example.com,http://localhost:*"))
        #expect(policy.allows("https://app.example.com"))
        #expect(policy.allows("HTTPS://APP.EXAMPLE.COM"))
        #expect(policy.allows("http://localhost:3000"))
        #expect(policy.allows("http://localhost"))
        for origin in [
            "https://app.example.com.evil.com", "http://app.example.com", "https://app.example.com/x",
            "http://localhost:3000.evil.com", "http://localhost:0", "http://localhost:99999", "https://localhost:3000",
            "null", "", "http://localhost:3000@evil.com",
        ] {
            #expect(!policy.allows(origin), "\(origin)")
        }
        #expect(CORSPolicy.none.allows("http://localhost:3000") == false)
        #expect(CORSPolicy(setting: "*")?.allows("https://anything.example") == true)
    }

    @Test("Accept: a browser's address bar wants the page; GraphQL clients and curl get JSON")
    func prefersHTML() {
        #expect(ContentNegotiation.prefersHTML(
            accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"))
        #expect(!ContentNegotiation.prefersHTML(accept: "application/json"))
        #expect(!ContentNegotiation.prefersHTML(accept: "*/*"))
        #expect(!ContentNegotiation.prefersHTML(accept: nil))
        #expect(!ContentNegotiation.prefersHTML(accept: "application/graphql-response+json, text/html;q=0.5"))
    }

    @Test("persisted queries: unknown hash, wrong hash, bad version, stored text reused, store bounded, switched off")
    func persistedQueries() throws {
        let store = PersistedQueries(enabled: true, capacity: 2)
        func request(_ query: String, hash: String, version: Int = 1) -> GraphQLRequest {
            var request = GraphQLRequest(query: query)
            request.extensions["persistedQuery"] = .object(["version": .int(version), "sha256Hash": .string(hash)])
            return request
        }
        func code(_ resolution: PersistedQueries.Resolution) -> String? {
            if case .refuse(let error) = resolution { return error.code.rawValue }
            return nil
        }
        let text = "{ assets { code } }"
        let hash = SHA256.hex(text.utf8)
        #expect(code(store.resolve(request("", hash: hash), keep: { _ in true })) == "PERSISTED_QUERY_NOT_FOUND")
        #expect(code(store.resolve(request("{ other }", hash: hash), keep: { _ in true })) == "BAD_USER_INPUT")
        #expect(code(store.resolve(request(text, hash: hash, version: 2), keep: { _ in true })) == "BAD_USER_INPUT")
        #expect(code(store.resolve(request(text, hash: "xyz"), keep: { _ in true })) == "BAD_USER_INPUT")
        #expect(code(store.resolve(request(text, hash: hash), keep: { _ in true })) == nil)
        guard case .run(let resolved) = store.resolve(request("", hash: hash.uppercased()), keep: { _ in true }) else {
            Issue.record("a stored hash must resolve")
            return
        }
        #expect(resolved.query == text)
        // Texts that do not prepare are not kept.
        let broken = "{ nope"
        _ = store.resolve(request(broken, hash: SHA256.hex(broken.utf8)), keep: { _ in false })
        #expect(code(store.resolve(request("", hash: SHA256.hex(broken.utf8)), keep: { _ in true })) == "PERSISTED_QUERY_NOT_FOUND")
        for index in 0..<5 {
            let other = "{ a\(index) }"
            _ = store.resolve(request(other, hash: SHA256.hex(other.utf8)), keep: { _ in true })
        }
        #expect(store.count == 2)
        let off = PersistedQueries(enabled: false, capacity: 10)
        #expect(code(off.resolve(request(text, hash: hash), keep: { _ in true })) == "PERSISTED_QUERY_NOT_SUPPORTED")
        #expect(code(off.resolve(GraphQLRequest(query: text), keep: { _ in true })) == nil)
    }

    @Test("JSON logs: one object per line, escaped, secrets redacted")
    func jsonLogs() throws {
        let lines = Mutex<[String]>([])
        var handler = JSONLogHandler(label: "walletgraph") { line in lines.withLock { $0.append(line) } }
        handler.logLevel = .info
        handler[metadataKey: "request_id"] = "r-1"
        var logger = Logger(label: "walletgraph") { _ in handler }
        logger.logLevel = .info
        logger.info(
            "a \"quoted\"\nmessage", metadata: ["password": "hunter2-secret", "token": "eyJ.secret", "nik": "3171234567890123",
                                                 "status": "200", "nested": ["account_number": "1234567890"]])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("}\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "a \"quoted\"\nmessage")
        #expect(object["level"] == "info" && object["request_id"] == "r-1" && object["status"] == "200")
        #expect(object["timestamp"]?.hasSuffix("Z") == true)
        for secret in ["hunter2-secret", "eyJ.secret", "3171234567890123", "1234567890"] {
            #expect(!line.contains(secret), "\(secret) leaked: \(line)")
        }
    }

    @Test("metrics: operation-name labels are bounded, codes checked, the token compared whole")
    func metricLabels() {
        let metrics = ServerMetrics()
        #expect(metrics.operationLabel(nil) == "_anonymous")
        #expect(metrics.operationLabel("Wallets") == "Wallets")
        #expect(metrics.operationLabel("bad name{}") == "_other")
        #expect(metrics.operationLabel(String(repeating: "a", count: 65)) == "_other")
        for index in 0..<(ServerMetrics.maxOperationNames + 50) { _ = metrics.operationLabel("Op\(index)") }
        #expect(metrics.operationLabel("OneMore") == "_other")
        #expect(metrics.operationLabel("Wallets") == "Wallets")
        #expect(ServerMetrics.codeLabel("RATE_LIMITED") == "RATE_LIMITED")
        #expect(ServerMetrics.codeLabel("weird code") == "_other")
        #expect(MetricsRoute.matches("Bearer metrics-token-0123456789", token: "metrics-token-0123456789"))
        #expect(MetricsRoute.matches("bearer metrics-token-0123456789", token: "metrics-token-0123456789"))
        #expect(!MetricsRoute.matches("Bearer metrics-token-012345678", token: "metrics-token-0123456789"))
        #expect(!MetricsRoute.matches("Bearer metrics-token-01234567890", token: "metrics-token-0123456789"))
        #expect(!MetricsRoute.matches("metrics-token-0123456789", token: "metrics-token-0123456789"))
    }
}
