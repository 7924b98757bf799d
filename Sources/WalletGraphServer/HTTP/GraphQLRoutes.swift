import Foundation
import GraphQLCore
import HTTPTypes
import Hummingbird
import NIOCore
import SQLDriver
import Synchronization
import WalletGraph

/// The last readiness answer and when it was made.
final class ReadinessCache: Sendable {
    let cached = Mutex<(at: ContinuousClock.Instant, ready: Bool, text: String)?>(nil)
}

/// `POST /graphql` and `GET /graphql` (GraphQL over HTTP), `GET /schema.graphql`, `/healthz` and `/readyz`.
struct GraphQLRoutes: Sendable {
    let api: WalletAPI
    let pool: SQLPool
    let migrations: [Migration]
    let readiness = ReadinessCache()
    let maxBodyBytes: Int
    let schemaText: String
    /// Automatic persisted queries.
    let persisted: PersistedQueries
    /// `GET /graphql` from a browser serves this page.
    let graphiql: GraphiQLPage

    func register(on router: Router<ServerRequestContext>) {
        router.post("/graphql") { request, context in try await post(request, context: context) }
        router.get("/graphql") { request, context in await get(request, context: context) }
        for method in [HTTPRequest.Method.put, .patch, .delete] {
            router.on("/graphql", method: method) { _, _ in
                ErrorResponse.make(
                    .methodNotAllowed, code: .methodNotAllowed, message: "Use POST, or GET for queries.",
                    headers: [.allow: "GET, POST"])
            }
        }
        router.get("/schema.graphql") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: schemaText)))
        }
        router.get("/healthz") { _, _ in status(.ok, "ok") }
        router.get("/readyz") { _, context in await ready(context: context) }
    }

    private func post(_ request: Request, context: ServerRequestContext) async throws -> Response {
        let mediaType = ContentNegotiation.responseMediaType(accept: request.headers[.accept])
        guard ContentNegotiation.isJSON(contentType: request.headers[.contentType]) else {
            return ErrorResponse.make(
                .unsupportedMediaType, code: .unsupportedMediaType,
                message: "Send the request as 'Content-Type: application/json'.", mediaType: mediaType)
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            return ErrorResponse.bodyTooLarge()
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return ErrorResponse.bodyTooLarge()
        }
        let graphQL: GraphQLRequest
        do {
            graphQL = try GraphQLRequest.decode(body: Array(body.readableBytesView))
        } catch {
            return refused(error, context: context, mediaType: mediaType)
        }
        return await execute(graphQL, method: .post, request: request, context: context, mediaType: mediaType)
    }

    private func get(_ request: Request, context: ServerRequestContext) async -> Response {
        let mediaType = ContentNegotiation.responseMediaType(accept: request.headers[.accept])
        let parameters = Self.queryParameters(request.uri.query ?? "")
        let extensionsText = parameters["extensions"] ?? ""
        if parameters["query"]?.isEmpty ?? true, extensionsText.isEmpty, ContentNegotiation.prefersHTML(accept: request.headers[.accept]) {
            return graphiql.response()
        }
        var graphQL = GraphQLRequest(query: parameters["query"] ?? "", operationName: parameters["operationName"].flatMap { $0.isEmpty ? nil : $0 })
        do {
            graphQL.variables = try GraphQLRequest.decodeVariables(Array((parameters["variables"] ?? "").utf8))
            graphQL.extensions = try GraphQLRequest.decodeExtensions(Array(extensionsText.utf8))
        } catch {
            return refused(error, context: context, mediaType: mediaType)
        }
        guard !graphQL.query.isEmpty || graphQL.extensions["persistedQuery"] != nil else {
            context.observation.recordRefused(codes: [GraphQLCore.ErrorCode.badUserInput.rawValue])
            return ErrorResponse.make(
                .badRequest, code: .badUserInput, message: "Pass the document as the 'query' parameter.",
                mediaType: mediaType)
        }
        return await execute(graphQL, method: .get, request: request, context: context, mediaType: mediaType)
    }

    private func execute(
        _ graphQL: GraphQLRequest, method: APIRequest.Method, request: Request, context: ServerRequestContext,
        mediaType: String
    ) async -> Response {
        let resolved: GraphQLRequest
        switch persisted.resolve(graphQL, keep: { api.engine.operationType(of: $0) != nil }) {
        case .run(let request): resolved = request
        case .refuse(let error): return refused(error, context: context, mediaType: mediaType)
        }
        let response = await api.execute(
            APIRequest(
                graphQL: resolved, method: method, authorization: request.headers[.authorization],
                language: ContentNegotiation.language(acceptLanguage: request.headers[.acceptLanguage]),
                requestID: context.requestID,
                clientAddress: context.clientAddress))
        context.observation.record(response)
        let meaning = HTTPMeaning(response.outcome)
        // An anonymous query over GET that answered cleanly is the same for every anonymous client: a CDN may keep
        // it briefly (persisted queries make such URLs short). Anything with a token or an error is never stored.
        let cacheable = method == .get && request.headers[.authorization] == nil && response.outcome == .executed
            && response.errorCodes.isEmpty && response.operationType == .query
        return graphQLResponse(
            status: meaning.status, body: response.body, mediaType: mediaType, headers: meaning.headers,
            cacheControl: cacheable ? "public, max-age=10" : "no-store")
    }

    /// A request error answered before the API: 400, with its code recorded for the log line and metrics.
    private func refused(_ error: GraphQLError, context: ServerRequestContext, mediaType: String) -> Response {
        context.observation.recordRefused(codes: [error.code.rawValue])
        return graphQLResponse(
            status: HTTPMeaning(.requestError).status, body: GraphQLResponse.requestError([error]).bytes,
            mediaType: mediaType)
    }

    private func graphQLResponse(
        status: HTTPResponse.Status, body: [UInt8], mediaType: String, headers extra: HTTPFields = [:],
        cacheControl: String = "no-store"
    ) -> Response {
        var headers = extra
        headers[.contentType] = mediaType + "; charset=utf-8"
        headers[.cacheControl] = cacheControl
        if cacheControl != "no-store" { headers[.vary] = "Accept, Accept-Language, Authorization" }
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Ready when the database answers and every migration this build knows is applied. The probe is open to
    /// anyone and the check uses the database (on SQLite, its one writer connection), so an answer is reused for
    /// a second: a flood of probes costs at most one check per second.
    private func ready(context: ServerRequestContext) async -> Response {
        let now = ContinuousClock.now
        if let cached = readiness.cached.withLock({ $0 }), now - cached.at < .seconds(1) {
            return status(cached.ready ? .ok : .serviceUnavailable, cached.text)
        }
        let (ready, text): (Bool, String)
        do {
            if try await MigrationRunner(pool: pool, migrations: migrations).isCurrent() {
                (ready, text) = (true, "ready")
            } else {
                (ready, text) = (false, "migrations pending")
            }
        } catch {
            context.logger.warning("not ready", metadata: ["error": .string(String(describing: error))])
            (ready, text) = (false, "database unavailable")
        }
        readiness.cached.withLock { $0 = (now, ready, text) }
        return status(ready ? .ok : .serviceUnavailable, text)
    }

    private func status(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"\#(text)"}"#)))
    }

    /// A query string's parameters, form-decoded (`+` is a space, then percent-decoding); the first of a repeated
    /// name wins.
    static func queryParameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = decode(parts[0]), parameters[name] == nil else { continue }
            parameters[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return parameters
    }
}
