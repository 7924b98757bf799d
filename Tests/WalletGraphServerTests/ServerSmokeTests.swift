import DatabaseTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLDriver
import Testing
import WalletGraph
import WalletGraphQueries
import WalletGraphServer

/// The HTTP layer over real sockets (HummingbirdTesting's live client), on both engines: routes, headers, status
/// codes and error shapes that need no resolvers beyond `assets`.
@Suite("Server over HTTP")
struct ServerSmokeTests {
    static let secret = String(repeating: "s", count: 40)

    /// Starts the server on a fresh database (any free port) and runs `body` against it.
    static func withServer(
        _ engine: Engine, _ configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (any TestClientProtocol, WalletGraphApp) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.make(engine)
        var configuration = ServerConfiguration(environment: .development)
        configuration.jwtSecret = secret
        configuration.seedDemo = false
        configuration.printsBanner = false
        configuration.port = 0
        configuration.logLevel = .warning
        let pool: SQLPool?
        if engine == .postgres {
            pool = try await database.pool()
        } else {
            pool = nil
            configuration.databaseURL = "sqlite:" + database.location
        }
        configure(&configuration)
        do {
            let app = try await WalletGraphApp.start(configuration, pool: pool, logger: Logger(label: "test"))
            do {
                try await app.application().test(.live) { client in try await body(client, app) }
            } catch {
                await app.close()
                throw error
            }
            await app.close()
        } catch {
            await pool?.close()
            await database.drop()
            throw error
        }
        await pool?.close()
        await database.drop()
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
        return try #require(object as? [String: Any])
    }

    static func firstErrorCode(_ response: TestResponse) throws -> String? {
        let errors = try json(response)["errors"] as? [[String: Any]]
        return (errors?.first?["extensions"] as? [String: Any])?["code"] as? String
    }

    static func post(
        _ client: any TestClientProtocol, _ body: String, headers: HTTPFields = [.contentType: "application/json"]
    ) async throws -> TestResponse {
        try await client.execute(uri: "/graphql", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static let assetsQuery = #"{"query":"{ assets { code scale } }"}"#

    @Test(arguments: Engine.all)
    func healthAndReadinessAnswerWhenUp(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(try Self.json(ready)["status"] as? String == "ready")
        }
    }

    @Test func readinessFailsOnceTheDatabaseIsGone() async throws {
        try await Self.withServer(.sqlite) { client, app in
            await app.close()
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func theSchemaIsServedAsSDL(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            let response = try await client.execute(uri: "/schema.graphql", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            let schema = try WalletAPI.printedSchema()
            #expect(text == schema.withTrailingNewline)
            #expect(text.contains("type Query"))
        }
    }

    @Test(arguments: Engine.all)
    func aSaneRequestIDIsEchoedAndAnyOtherReplaced(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            let echoed = try await client.execute(uri: "/healthz", method: .get, headers: [RequestID.headerName: "abc-123.X_y"])
            #expect(echoed.headers[RequestID.headerName] == "abc-123.X_y")
            let replaced = try await client.execute(
                uri: "/healthz", method: .get, headers: [RequestID.headerName: String(repeating: "a", count: 129)])
            let generated = try #require(replaced.headers[RequestID.headerName])
            #expect(generated.count == 36 && UUID(uuidString: generated) != nil)
            // Every response carries one, errors and unknown routes included.
            let missing = try await client.execute(uri: "/nowhere", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[RequestID.headerName] != nil)
            #expect(try Self.firstErrorCode(missing) == "NOT_FOUND")
            let graphQL = try await Self.post(client, Self.assetsQuery)
            #expect(graphQL.headers[RequestID.headerName] != nil)
        }
    }

    @Test(arguments: Engine.all)
    func theResponseMediaTypeFollowsAccept(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            let plain = try await Self.post(client, Self.assetsQuery)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try Self.json(plain)["data"] != nil)

            let graphQL = try await Self.post(
                client, Self.assetsQuery,
                headers: [.contentType: "application/json", .accept: "application/graphql-response+json, application/json;q=0.9"])
            #expect(graphQL.status == .ok)
            #expect(graphQL.headers[.contentType] == "application/graphql-response+json; charset=utf-8")

            // A parse failure is 400 with either media type; so is a validation failure.
            for accept in ["application/json", "application/graphql-response+json"] {
                let broken = try await Self.post(
                    client, #"{"query":"{ assets { code "}"#, headers: [.contentType: "application/json", .accept: accept])
                #expect(broken.status == .badRequest)
                #expect(broken.headers[.contentType]?.hasPrefix(accept) == true)
                let invalid = try await Self.post(
                    client, #"{"query":"{ assets { noSuchField } }"}"#, headers: [.contentType: "application/json", .accept: accept])
                #expect(invalid.status == .badRequest)
                #expect(try Self.json(invalid)["data"] == nil)
            }
        }
    }

    @Test(arguments: Engine.all)
    func getServesQueriesAndRefusesMutations(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            let query = try await client.execute(uri: "/graphql?query=%7B+assets+%7B+code+%7D+%7D", method: .get)
            #expect(query.status == .ok)
            #expect(try Self.json(query)["data"] != nil)

            let document = "mutation { signIn(input: {username: \"alice\", password: \"password123\"}) { token } }"
            let encoded = try #require(document.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let mutation = try await client.execute(uri: "/graphql?query=\(encoded)", method: .get)
            #expect(mutation.status == .methodNotAllowed)
            #expect(mutation.headers[.allow] == "POST")
            #expect(try Self.firstErrorCode(mutation) == "METHOD_NOT_ALLOWED")

            let variables = try await client.execute(uri: "/graphql?query=%7B__typename%7D&variables=%5B1%5D", method: .get)
            #expect(variables.status == .badRequest)
            let missing = try await client.execute(uri: "/graphql", method: .get)
            #expect(missing.status == .badRequest)
            let put = try await client.execute(uri: "/graphql", method: .put)
            #expect(put.status == .methodNotAllowed)
        }
    }

    @Test(arguments: Engine.all)
    func malformedBodiesAre400And415(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            for body in ["{not json", "[1,2]", #"{"query": 5}"#, ""] {
                let response = try await Self.post(client, body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(try Self.firstErrorCode(response) == "BAD_USER_INPUT")
            }
            let form = try await Self.post(
                client, "query=%7B__typename%7D", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try Self.firstErrorCode(form) == "UNSUPPORTED_MEDIA_TYPE")
        }
    }

    @Test(arguments: Engine.all)
    func anOversizedBodyIs413(engine: Engine) async throws {
        try await Self.withServer(engine, { $0.maxBodyBytes = 4_096 }) { client, _ in
            let padding = String(repeating: " ", count: 5_000)
            let response = try await Self.post(client, #"{"query":"{ __typename }"\#(padding)}"#)
            #expect(response.status == .contentTooLarge)
            #expect(try Self.firstErrorCode(response) == "PAYLOAD_TOO_LARGE")
            #expect(response.headers[RequestID.headerName] != nil)
            // Just under the limit is served.
            let fits = try await Self.post(client, #"{"query":"{ __typename }"\#(String(repeating: " ", count: 3_000))}"#)
            #expect(fits.status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func aBadTokenIs401Unauthenticated(engine: Engine) async throws {
        try await Self.withServer(engine) { client, _ in
            for authorization in ["Bearer not.a.token", "Bearer", "Basic YWxpY2U6cGFzc3dvcmQxMjM="] {
                let response = try await Self.post(
                    client, Self.assetsQuery, headers: [.contentType: "application/json", .authorization: authorization])
                #expect(response.status == .unauthorized, "\(authorization)")
                #expect(try Self.firstErrorCode(response) == "UNAUTHENTICATED")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            let indonesian = try await Self.post(
                client, Self.assetsQuery,
                headers: [.contentType: "application/json", .authorization: "Bearer x.y.z", .acceptLanguage: "id-ID,id;q=0.9"])
            let errors = try Self.json(indonesian)["errors"] as? [[String: Any]]
            #expect((errors?.first?["message"] as? String)?.hasPrefix("Autentikasi") == true)
        }
    }

    @Test(arguments: Engine.all)
    func theDemoSeedReconcilesAndIsSafeToRepeat(engine: Engine) async throws {
        try await Self.withServer(engine, { $0.seedDemo = true }) { client, app in
            let report = try await app.api.services.ledger.reconcile()
            #expect(report.isClean, "\(report.summary)")
            #expect(report.transactions == 6)
            let again = try await DemoSeed.run(services: app.api.services)
            #expect(again.usersCreated == 0 && again.walletsCreated == 0 && again.topUpsPosted == 0)
            #expect(again.topUpsReplayed == 6)
            #expect(try await app.api.services.ledger.reconcile().transactions == 6)
            let assets = try await Self.post(client, Self.assetsQuery)
            let data = try Self.json(assets)["data"] as? [String: Any]
            let codes = (data?["assets"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["GOLD", "IDR"])
        }
    }

    @Test(arguments: Engine.all)
    func theConfiguredAdminIsCreatedThenItsPasswordUpdated(engine: Engine) async throws {
        try await Self.withServer(engine, {
            $0.adminUsername = "Root"
            $0.adminPassword = "first-password"
        }) { _, app in
            let services = app.api.services
            try await AdminAccountProbe.expectAdmin("root", password: "first-password", services: services)
            var configuration = app.configuration
            configuration.adminPassword = "second-password"
            let restarted = try await WalletGraphApp.start(configuration, pool: app.pool, logger: Logger(label: "test"))
            try await AdminAccountProbe.expectAdmin("root", password: "second-password", services: services)
            await restarted.close()
        }
    }
}

/// Reads a user back to check the admin bootstrap.
enum AdminAccountProbe {
    static func expectAdmin(_ username: String, password: String, services: APIServices) async throws {
        let row = try await services.pool.withConnection(readOnly: true) { connection in
            try await Queries(connection).getUserByUsername(username: username)
        }
        let user = try #require(row)
        #expect(user.role == "admin")
        #expect(try await services.passwords.verify(password, hash: user.passwordHash))
    }
}
