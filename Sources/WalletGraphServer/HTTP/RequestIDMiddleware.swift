import Foundation
import Hummingbird
import Logging

/// The outermost middleware: settles the request id (echoed or generated) into the context and the logger,
/// turns any error into a JSON error response, puts `X-Request-Id` on every response, and logs one line per
/// request at info (5xx at error).
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        let id = RequestID.sanitized(request.headers[RequestID.headerName]) ?? RequestID.generate()
        var context = context
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            if !(error is any HTTPResponseError) {
                context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
            }
            response = ErrorResponse.from(error)
        }
        response.headers[RequestID.headerName] = id
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }
}
