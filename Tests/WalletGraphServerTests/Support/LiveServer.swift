import DatabaseTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLDriver
import WalletGraph
import WalletGraphServer

/// A GraphQL answer over HTTP: status, headers and the decoded JSON body.
/// How an HTTP answer arrived, in an ``HTTPAnswer``.
struct HTTPReply: Sendable {
    let status: Int
    let headers: HTTPFields
}

/// A response from the server over HTTP.
typealias HTTPAnswer = GraphQLAnswer<HTTPReply>

/// A running server (the real Hummingbird application on a free port) and an HTTP client to it.
struct LiveServer: Sendable {
    static let secret = "e2e-secret-" + String(repeating: "k", count: 40)
    static let adminUsername = "root"
    static let adminPassword = "root-password-1"

    let engine: Engine
    let client: any TestClientProtocol
    let app: WalletGraphApp
    /// A connection of its own (``withConnections(_:_:)``); nil: the shared test client's one connection.
    var connection: TestClient? = nil

    /// Sends a GraphQL POST. `variables` are JSON-encoded with JSONSerialization.
    func graphql(
        _ query: String, variables: [String: Any] = [:], token: String? = nil, language: String? = nil,
        accept: String? = "application/graphql-response+json", headers extra: HTTPFields = [:]
    ) async throws -> HTTPAnswer {
        var object: [String: Any] = ["query": query]
        if !variables.isEmpty { object["variables"] = variables }
        let body = try JSONSerialization.data(withJSONObject: object)
        var headers = extra
        headers[.contentType] = "application/json"
        if let accept { headers[.accept] = accept }
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let language { headers[.acceptLanguage] = language }
        return try await raw("/graphql", method: .post, headers: headers, body: Array(body))
    }

    /// Any request; the body is decoded as JSON when it is JSON.
    func raw(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: [UInt8]? = nil) async throws
        -> HTTPAnswer
    {
        if let connection {
            var headers = headers
            headers[.connection] = "keep-alive"
            let response = try await connection.execute(
                TestClient.Request(
                    uri, method: method, authority: "localhost", headers: headers, body: body.map { ByteBuffer(bytes: $0) }))
            return HTTPAnswer(
                transport: HTTPReply(status: Int(response.status.code), headers: response.headers),
                body: response.body.map { Array($0.readableBytesView) } ?? [])
        }
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return HTTPAnswer(
            transport: HTTPReply(status: Int(response.status.code), headers: response.headers),
            body: Array(response.body.readableBytesView))
    }

    /// `count` servers' views with one TCP connection each, for requests the server must see at the same time: the
    /// shared test client sends one request at a time on its one connection.
    func withConnections<T: Sendable>(_ count: Int, _ body: ([LiveServer]) async throws -> T) async throws -> T {
        guard let port = client.port else { throw E2EFailure("the test client has no port") }
        let connections = (0..<count).map { _ in
            TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60)))
        }
        for connection in connections { connection.connect() }
        let views = connections.map { connection in
            var view = self
            view.connection = connection
            return view
        }
        do {
            let result = try await body(views)
            for connection in connections { try await connection.shutdown() }
            return result
        } catch {
            for connection in connections { try? await connection.shutdown() }
            throw error
        }
    }

    /// A token for `username`, by the signIn mutation.
    func signIn(_ username: String, _ password: String) async throws -> String {
        let answer = try await graphql(
            "mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token userErrors { code } } }",
            variables: ["u": username, "p": password])
        guard let token = answer.string("signIn.token") else {
            throw E2EFailure("signIn \(username) failed: \(answer.body)")
        }
        return token
    }

    /// Signs up a fresh user and returns its token.
    func signUp(_ username: String, password: String = "password-\(UUID().uuidString.prefix(6))") async throws -> String {
        let answer = try await graphql(
            """
            mutation($i: SignUpInput!) { signUp(input: $i) { token user { id username } userErrors { code field } } }
            """,
            variables: [
                "i": [
                    "username": username, "password": password, "name": username.capitalized,
                    "email": "\(username)@example.com", "phone": "081234567890",
                ]
            ])
        guard let token = answer.string("signUp.token") else { throw E2EFailure("signUp \(username) failed: \(answer.body)") }
        return token
    }

    /// A token for `username` issued by the server's own token service, without a sign-in: for tests whose short
    /// `REQUEST_TIMEOUT` leaves no room for bcrypt beside other suites.
    func issuedToken(_ username: String) async throws -> String {
        let services = app.api.services
        guard let login = try await services.accounts.storedLogin(username: username),
            let user = try await services.accounts.user(login.id)
        else { throw E2EFailure("no user \(username)") }
        return try await services.tokens.issue(userID: user.id, tokenVersion: user.tokenVersion).token
    }

    /// The viewer's wallets as (id, asset code, balance).
    func wallets(_ token: String) async throws -> [(id: String, asset: String, balance: String)] {
        let answer = try await graphql("{ wallets { id balance asset { code } } }", token: token)
        let list = (answer.data("wallets") as? [[String: Any]]) ?? []
        return list.map {
            ($0["id"] as? String ?? "", (($0["asset"] as? [String: Any])?["code"] as? String) ?? "", $0["balance"] as? String ?? "")
        }
    }

    func wallet(_ token: String, asset: String) async throws -> (id: String, asset: String, balance: String) {
        guard let wallet = try await wallets(token).first(where: { $0.asset == asset }) else {
            throw E2EFailure("no \(asset) wallet")
        }
        return wallet
    }

    /// Everything written so far, read straight from the database: the proof that a refused request wrote nothing.
    func footprint() async throws -> Footprint { try await Footprint.of(app.pool) }

    /// Starts the server on a fresh database of `engine`, seeded with the demo data and with the admin
    /// `root`/`root-password-1`, runs `body`, and tears everything down.
    static func run(
        _ engine: Engine, environment extra: [String: String] = [:],
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (LiveServer) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.make(engine)
        var environment = [
            "WALLETGRAPH_ENV": "development", "JWT_SECRET": secret, "SEED_DEMO": "true", "ALLOW_SELF_TOPUP": "true",
            "ADMIN_USERNAME": adminUsername, "ADMIN_PASSWORD": adminPassword, "LOG_LEVEL": "error",
            // Suites send many requests from one address; the rate-limit tests turn the limits on.
            "RATE_LIMIT_PER_ADDRESS": "0", "RATE_LIMIT_PER_USER": "0",
            // The test client keeps one connection for a whole test and does not reconnect, and suites run side by
            // side on 2 cores: the timeout tests set their own.
            "HTTP_IDLE_TIMEOUT": "0", "REQUEST_TIMEOUT": "120s",
        ]
        environment.merge(extra) { _, new in new }
        if engine == .sqlite { environment["DATABASE_URL"] = "sqlite:\(database.location)" }
        var configuration = try ServerConfiguration.resolve(flags: [:], environment: environment, dotEnv: [:])
        configuration.port = 0
        configure(&configuration)
        // PostgreSQL: the test's own pool on the schema, with the configuration's bounds and session timeouts.
        let pool =
            engine == .postgres
            ? try await database.pool(
                readers: extra["DATABASE_MAX_CONNECTIONS"] == nil ? 7 : configuration.databaseMaxConnections - 1,
                admission: configuration.limits.poolAdmission, sessionTimeouts: configuration.limits.postgresSessionTimeouts)
            : nil
        var logger = Logger(label: "e2e")
        logger.logLevel = .error
        let app: WalletGraphApp
        do {
            app = try await WalletGraphApp.start(configuration, pool: pool, logger: logger)
        } catch {
            await pool?.close()
            await database.drop()
            throw error
        }
        let outcome: Result<Void, any Error>
        do {
            try await app.application().test(.live) { client in
                try await body(LiveServer(engine: engine, client: client, app: app))
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await app.close()
        await pool?.close()
        await database.drop()
        try outcome.get()
    }
}

struct E2EFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
