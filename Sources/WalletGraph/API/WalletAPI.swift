import Foundation
import GraphQLCore
import Logging
import SQLDriver
import WalletGraphQueries

/// One HTTP request as the API sees it.
public struct APIRequest: Sendable {
    public enum Method: Sendable { case get, post }
    public var graphQL: GraphQLRequest
    public var method: Method
    /// The `Authorization` header's value, verbatim (nil when absent).
    public var authorization: String?
    public var language: MessageLanguage
    public var requestID: String
    public var clientAddress: String?

    public init(
        graphQL: GraphQLRequest, method: Method = .post, authorization: String? = nil,
        language: MessageLanguage = .english, requestID: String, clientAddress: String? = nil
    ) {
        self.graphQL = graphQL
        self.method = method
        self.authorization = authorization
        self.language = language
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}

/// The answer: HTTP status and GraphQL response body.
public struct APIResponse: Sendable {
    /// 200 when the operation executed; 400 for a request error (parse, validation, variables); 401 for a
    /// token that is not valid; 405 for a mutation over GET.
    public let status: Int
    public let body: [UInt8]
    /// SQL statements this request ran (after the viewer lookup), for tests and logs.
    public let statementCount: Int
}

/// The wallet GraphQL API: the schema, its resolvers and the per-request pipeline (token → viewer → snapshot or
/// not → execute). Knows nothing of HTTP; the server maps `APIResponse` onto it.
public final class WalletAPI: Sendable {
    public let services: APIServices
    public let engine: GraphQLEngine<APIContext>

    public init(services: APIServices, configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration()) throws {
        self.services = services
        var configuration = configuration
        if configuration.errorReporter == nil {
            let logger = services.logger
            configuration.errorReporter = { report in
                logger.error(
                    "resolver failed", metadata: [
                        "request_id": .string(report.requestID), "field": .string(report.field),
                        "path": .string(report.path), "error": .string(String(describing: report.error)),
                    ])
            }
        }
        engine = GraphQLEngine(schema: try Self.executableSchema(), configuration: configuration)
    }

    /// The schema with every resolver bound; throws (listing every unbound field) if one is missing.
    public static func executableSchema() throws -> ExecutableSchema<APIContext> {
        let schema = try SchemaBuilder.build(sdl: WalletSchema.sdl, scalars: APIScalars.literalChecked)
        var resolvers = ResolverMap<APIContext>()
        APIScalars.bind(into: &resolvers)
        bindQueryResolvers(into: &resolvers)
        bindTypeResolvers(into: &resolvers)
        bindMutationResolvers(into: &resolvers)
        return try ExecutableSchema(schema: schema, resolvers: resolvers)
    }

    /// The schema in SDL, as `print-schema` and `GET /schema.graphql` serve it.
    public static func printedSchema() throws -> String {
        printSchema(try SchemaBuilder.build(sdl: WalletSchema.sdl))
    }

    public func execute(_ request: APIRequest) async -> APIResponse {
        let kind = engine.operationType(of: request.graphQL)
        if request.method == .get, kind == .mutation || kind == .subscription {
            return APIResponse(
                status: 405,
                body: errorBody(
                    "Mutations are not allowed over GET; send them with POST.", code: "METHOD_NOT_ALLOWED"),
                statementCount: 0)
        }
        // A token is checked before anything runs: an invalid one is never treated as anonymous.
        var verified: TokenService.Verified?
        if let authorization = request.authorization {
            guard let token = Self.bearerToken(authorization) else { return unauthenticated(request) }
            do {
                verified = try await services.tokens.verify(token)
            } catch {
                return unauthenticated(request)
            }
        }
        do {
            if kind == .query {
                return try await services.pool.withTransaction(.readOnlySnapshot) { connection in
                    let database = RequestDatabase(snapshot: connection)
                    return try await run(request, verified: verified, database: database)
                }
            }
            return try await run(request, verified: verified, database: RequestDatabase(pool: services.pool))
        } catch let failure as ViewerRejected {
            _ = failure
            return unauthenticated(request)
        } catch {
            services.logger.error(
                "request failed", metadata: ["request_id": .string(request.requestID), "error": .string("\(error)")])
            return APIResponse(
                status: 500,
                body: errorBody(
                    request.language == .indonesian ? "Terjadi kesalahan internal." : "Internal server error.",
                    code: "INTERNAL_SERVER_ERROR"),
                statementCount: 0)
        }
    }

    private struct ViewerRejected: Error {}

    private func run(_ request: APIRequest, verified: TokenService.Verified?, database: RequestDatabase) async throws
        -> APIResponse
    {
        var viewer: Viewer?
        if let verified {
            let row = try await database.read { queries in try await queries.getUser(id: verified.userID) }
            guard let row, row.tokenVersion == verified.tokenVersion, let role = Role(rawValue: row.role) else {
                throw ViewerRejected()
            }
            viewer = Viewer(id: row.id, username: row.username, role: role, tokenVersion: row.tokenVersion)
        }
        let before = database.statementCount
        let context = APIContext(
            services: services, viewer: viewer, language: request.language, requestID: request.requestID,
            clientAddress: request.clientAddress, database: database)
        var graphQL = request.graphQL
        graphQL.requestID = request.requestID
        let response = await engine.execute(graphQL, context: context)
        return APIResponse(
            status: response.isRequestError ? 400 : 200, body: response.bytes,
            statementCount: database.statementCount - before)
    }

    private func unauthenticated(_ request: APIRequest) -> APIResponse {
        APIResponse(
            status: 401, body: errorBody(APIError.message(.unauthenticated, in: request.language), code: "UNAUTHENTICATED"),
            statementCount: 0)
    }

    private func errorBody(_ message: String, code: String) -> [UInt8] {
        GraphQLResponse.requestError([GraphQLError(message, code: GraphQLCore.ErrorCode(code))]).bytes
    }

    /// The token of `Bearer <token>` (scheme case-insensitive), or nil.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }
}
