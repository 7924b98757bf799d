import HTTPTypes
import Hummingbird

/// Cross-origin access for browsers (``CORSPolicy``). The outermost middleware, so error responses carry the
/// headers too and a front end can read them.
///
/// - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here with 204: for an
///   allowed origin, the methods (GET, POST), the request headers a client needs (`Authorization`,
///   `Content-Type`, `X-Request-Id`) and `Access-Control-Max-Age`; for any other origin, no CORS headers.
/// - Other requests from an allowed origin get `Access-Control-Allow-Origin` and the headers a client may read.
/// - `Vary: Origin` is on every answer that depends on the origin. Credentials are never allowed: tokens travel
///   in `Authorization`, not in cookies.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let policy: CORSPolicy

    static let allowedMethods = "GET, POST"
    static let allowedHeaders = "Authorization, Content-Type, X-Request-Id"
    static let exposedHeaders = "X-Request-Id, Retry-After"
    static let maxAgeSeconds = 600
    static let requestMethod = HTTPField.Name("Access-Control-Request-Method")!
    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    static let exposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    static let maxAge = HTTPField.Name("Access-Control-Max-Age")!

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        let origin = request.headers[.origin]
        if request.method == .options {
            var headers: HTTPFields = [.allow: "GET, POST, OPTIONS", .vary: "Origin"]
            if let origin, request.headers[Self.requestMethod] != nil, policy.allows(origin) {
                headers[Self.allowOrigin] = policy.allowsAnyOrigin ? "*" : origin
                headers[Self.allowMethods] = Self.allowedMethods
                headers[Self.allowHeaders] = Self.allowedHeaders
                headers[Self.maxAge] = String(Self.maxAgeSeconds)
            }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        guard let origin else { return response }
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        if policy.allows(origin) {
            response.headers[Self.allowOrigin] = policy.allowsAnyOrigin ? "*" : origin
            response.headers[Self.exposeHeaders] = Self.exposedHeaders
        }
        return response
    }
}
