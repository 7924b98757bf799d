import DatabaseTestSupport
import Foundation
import Hummingbird
import SQLSupport
import Testing

/// CORS, rate limits, persisted queries, /metrics and the GraphiQL page over real HTTP, on both engines.
@Suite("End to end: browsers and operators")
struct EndToEndOperationsTests {
    static let origin = HTTPFields.Element.Name("Origin")!
    static let requestMethod = HTTPFields.Element.Name("Access-Control-Request-Method")!
    static let allowOrigin = HTTPFields.Element.Name("Access-Control-Allow-Origin")!
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
    static let transfer = """
        mutation($from: ID!, $to: String!, $key: String!) {
          transfer(input: {fromWalletId: $from, toUsername: $to, amount: "1", idempotencyKey: $key}) {
            transaction { id } userErrors { code } } }
        """

    @Test("CORS: preflight for an allowed origin, none for another; answers and errors carry the origin", arguments: Engine.all)
    func cors(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["CORS_ALLOWED_ORIGINS": "https://app.example.com"]) { server in
            let preflight = try await server.raw(
                "/graphql", method: .options,
                headers: [Self.origin: "https://app.example.com", Self.requestMethod: "POST",
                          HTTPFields.Element.Name("Access-Control-Request-Headers")!: "authorization, content-type"])
            #expect(preflight.status == 204)
            #expect(preflight.headers[Self.allowOrigin] == "https://app.example.com")
            #expect(preflight.headers[HTTPFields.Element.Name("Access-Control-Allow-Methods")!] == "GET, POST")
            #expect(preflight.headers[HTTPFields.Element.Name("Access-Control-Allow-Headers")!]?.contains("Authorization") == true)
            #expect(preflight.headers[HTTPFields.Element.Name("Access-Control-Max-Age")!] == "600")
            #expect(preflight.headers[.vary]?.contains("Origin") == true)
            #expect(preflight.headers[HTTPFields.Element.Name("Access-Control-Allow-Credentials")!] == nil)

            let other = try await server.raw(
                "/graphql", method: .options, headers: [Self.origin: "https://evil.example", Self.requestMethod: "POST"])
            #expect(other.headers[Self.allowOrigin] == nil)
            #expect(other.headers[HTTPFields.Element.Name("Access-Control-Allow-Methods")!] == nil)

            let answer = try await server.graphql("{ assets { code } }", headers: [Self.origin: "https://app.example.com"])
            #expect(answer.status == 200)
            #expect(answer.headers[Self.allowOrigin] == "https://app.example.com")
            let refused = try await server.graphql("{ assets { code } }", headers: [Self.origin: "https://evil.example"])
            #expect(refused.status == 200 && refused.headers[Self.allowOrigin] == nil)
            let missing = try await server.raw("/nowhere", method: .get, headers: [Self.origin: "https://app.example.com"])
            #expect(missing.status == 404 && missing.headers[Self.allowOrigin] == "https://app.example.com")
        }
    }

    @Test("rate limits: a flooding address gets 429 and nothing runs; other clients are served", arguments: Engine.all)
    func rateLimits(engine: Engine) async throws {
        let environment = [
            "RATE_LIMIT_PER_ADDRESS": "60:400", "RATE_LIMIT_PER_USER": "0", "TRUSTED_PROXIES": "127.0.0.1, ::1",
        ]
        try await LiveServer.run(engine, environment: environment) { server in
            let bob = try await server.signIn("bob", "password456")
            let wallet = try await server.wallet(bob, asset: "IDR")
            let before = try await server.footprint()
            var limited: HTTPAnswer?
            var applied = 0
            for index in 0..<20 {
                let answer = try await server.graphql(
                    Self.transfer, variables: ["from": wallet.id, "to": "alice", "key": "flood-\(index)"], token: bob,
                    headers: [Self.forwardedFor: "203.0.113.50"])
                if answer.status == 429 {
                    limited = answer
                    break
                }
                #expect(answer.userErrorCodes("transfer").isEmpty, "\(answer.body)")
                applied += 1
            }
            let refused = try #require(limited, "20 transfers at 100+ units each must pass a burst of 400")
            #expect(refused.errorCodes == ["RATE_LIMITED"], "\(refused.body)")
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(refused.json["data"] == nil)
            // Exactly the acknowledged transfers were written; the refused one left nothing.
            let after = try await server.footprint()
            #expect(after.transactions == before.transactions + Int64(applied))
            #expect(after.rows["idempotency_keys"] == (before.rows["idempotency_keys"] ?? 0) + Int64(applied))

            // Another address is served while the first is still refused.
            let other = try await server.graphql("{ assets { code } }", headers: [Self.forwardedFor: "203.0.113.51"])
            #expect(other.status == 200 && other.errorCodes.isEmpty, "\(other.body)")
            let again = try await server.graphql(
                Self.transfer, variables: ["from": wallet.id, "to": "alice", "key": "flood-again"], token: bob,
                headers: [Self.forwardedFor: "203.0.113.50"])
            #expect(again.status == 429, "\(again.body)")
        }
    }

    @Test("rate limits per user follow the user across addresses", arguments: Engine.all)
    func perUser(engine: Engine) async throws {
        let environment = [
            "RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_USER": "60:200", "TRUSTED_PROXIES": "127.0.0.1, ::1",
        ]
        try await LiveServer.run(engine, environment: environment) { server in
            let bob = try await server.signIn("bob", "password456")
            var statuses: [Int] = []
            for index in 0..<40 {
                let answer = try await server.graphql(
                    "{ me { wallets { id balance asset { code } } } }", token: bob,
                    headers: [Self.forwardedFor: "198.51.100.\(index)"])
                statuses.append(answer.status)
            }
            #expect(statuses.contains(429), "\(statuses)")
            // Anonymous clients are not charged to bob.
            let anonymous = try await server.graphql("{ assets { code } }")
            #expect(anonymous.status == 200)
        }
    }

    @Test("persisted queries: unknown hash, register, then the hash alone over GET, cacheable", arguments: Engine.all)
    func persistedQueries(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let query = "query Assets { assets { code scale } }"
            let hash = SHA256.hex(query.utf8)
            let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#
            let encoded = try #require(extensions.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let unknown = try await server.raw("/graphql?extensions=\(encoded)", method: .get)
            #expect(unknown.errorCodes == ["PERSISTED_QUERY_NOT_FOUND"], "\(unknown.body)")

            let body = #"{"query":"\#(query)","extensions":\#(extensions)}"#
            let registered = try await server.raw(
                "/graphql", method: .post, headers: [.contentType: "application/json"], body: Array(body.utf8))
            #expect(registered.status == 200 && registered.errorCodes.isEmpty, "\(registered.body)")

            let cached = try await server.raw("/graphql?extensions=\(encoded)", method: .get)
            #expect(cached.status == 200, "\(cached.body)")
            #expect((cached.data("assets") as? [Any])?.count == 2)
            #expect(cached.headers[.cacheControl]?.hasPrefix("public") == true)

            let mismatch = #"{"query":"{ assets { code } }","extensions":\#(extensions)}"#
            let refused = try await server.raw(
                "/graphql", method: .post, headers: [.contentType: "application/json"], body: Array(mismatch.utf8))
            #expect(refused.status == 400 && refused.errorCodes == ["BAD_USER_INPUT"], "\(refused.body)")

            // A token makes a GET answer private.
            let bob = try await server.signIn("bob", "password456")
            let privateAnswer = try await server.raw(
                "/graphql?extensions=\(encoded)", method: .get, headers: [.authorization: "Bearer \(bob)"])
            #expect(privateAnswer.headers[.cacheControl] == "no-store")
        }
    }

    @Test("metrics: Prometheus text with request, error and ledger series; a token guards it when set", arguments: Engine.all)
    func metrics(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["METRICS_TOKEN": "metrics-token-0123456789"]) { server in
            _ = try await server.graphql("query Assets { assets { code } }")
            _ = try await server.graphql("{ nope }")
            let denied = try await server.raw("/metrics", method: .get)
            #expect(denied.status == 401)
            let scraped = try await server.raw(
                "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-0123456789"])
            #expect(scraped.status == 200)
            #expect(scraped.headers[.contentType]?.hasPrefix("text/plain") == true)
            for series in [
                #"walletgraph_graphql_request_duration_seconds_count{type="query",operation="Assets"} 1"#,
                #"walletgraph_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1"#,
                #"walletgraph_http_responses_total{status="200"}"#, #"walletgraph_ledger_postings_total{type="topup"}"#,
                "walletgraph_db_pool_connections_in_use_count", #"walletgraph_withdrawals_count{status="PENDING"} 0"#,
                "walletgraph_process_resident_memory_bytes", "walletgraph_statements_per_request_count_count",
            ] {
                #expect(scraped.body.contains(series), "missing \(series)")
            }
            // PostgreSQL round trips callers waited for: some by now (the queries above); none on SQLite.
            let trips = scraped.body.split(separator: "\n").first { $0.hasPrefix("walletgraph_db_round_trips_count ") }
            let count = trips.flatMap { Double($0.split(separator: " ").last ?? "") }
            #expect(engine == .postgres ? (count ?? 0) > 0 : count == 0, "\(trips ?? "no round-trip series")")
        }
    }

    @Test("GraphiQL: a browser's GET /graphql and /graphiql get the page; without files, how to install them", arguments: [Engine.sqlite])
    func graphiql(engine: Engine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("graphiql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js"] {
            try Data("/* \(name) */".utf8).write(to: folder.appendingPathComponent(name))
        }
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        try await LiveServer.run(engine, environment: ["GRAPHIQL_ASSETS_DIR": folder.path]) { server in
            let page = try await server.raw("/graphql", method: .get, headers: [.accept: browser])
            #expect(page.status == 200 && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.body.contains("/graphiql/assets/graphiql.min.js") && page.body.contains("id=\"token\""))
            let same = try await server.raw("/graphiql", method: .get)
            #expect(same.body == page.body)
            let asset = try await server.raw("/graphiql/assets/react.production.min.js", method: .get)
            #expect(asset.status == 200 && asset.body == "/* react.production.min.js */")
            #expect(try await server.raw("/graphiql/assets/..%2Fsecret", method: .get).status == 404)
            // A GraphQL client asking with a query still gets JSON.
            let json = try await server.raw("/graphql?query=%7Bassets%7Bcode%7D%7D", method: .get, headers: [.accept: browser])
            #expect(json.headers[.contentType]?.contains("json") == true)
        }
        try await LiveServer.run(engine, environment: ["GRAPHIQL_ASSETS_DIR": folder.appendingPathComponent("none").path]) { server in
            let page = try await server.raw("/graphiql", method: .get)
            #expect(page.status == 200 && page.body.contains("scripts/install-graphiql"))
        }
    }
}
