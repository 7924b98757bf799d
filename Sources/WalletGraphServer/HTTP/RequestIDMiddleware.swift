import Foundation
import Hummingbird
import Logging
import WalletGraph

/// The middleware inside ``CORSMiddleware``: settles the request id (echoed or generated) and the client address
/// (``ClientAddress``, once per request) into the context and the logger,
/// turns any error into a JSON error response, puts `X-Request-Id` on every response, and logs one line per
/// request at info (5xx at error).
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// Where requests are counted; nil counts nothing.
    let metrics: ServerMetrics?
    /// The proxies whose `X-Forwarded-For` is believed, for the client address in the log line.
    let trustedProxies: Set<IPAddress>

    func handle(
        _ request: Request, context: ServerRequestContext,
        next: (Request, ServerRequestContext) async throws -> Response
    ) async throws -> Response {
        let id = RequestID.sanitized(request.headers[RequestID.headerName]) ?? RequestID.generate()
        var context = context
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        context.clientAddress = ClientAddress.resolve(
            peer: context.peerAddress, forwardedFor: request.headers[values: ClientAddress.forwardedFor],
            trusted: trustedProxies)
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
        let observed = context.observation.snapshot
        metrics?.record(status: Int(response.status.code), duration: elapsed, observation: observed)
        var fields: Logger.Metadata = [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", milliseconds)),
        ]
        if let address = context.clientAddress { fields["client_address"] = .string(address) }
        if observed.isGraphQL {
            if let type = observed.operationType { fields["operation_type"] = .string(type) }
            if let name = observed.operationName { fields["operation_name"] = .string(String(name.prefix(100))) }
            if let user = observed.userID { fields["user_id"] = .string(user.uuidString.lowercased()) }
            fields["statements"] = .stringConvertible(observed.statements)
            if !observed.errorCodes.isEmpty {
                fields["error_codes"] = .string(Array(Set(observed.errorCodes)).sorted().joined(separator: ","))
            }
        }
        context.logger.log(level: Self.level(of: response.status.code), "request", metadata: fields)
        return response
    }

    /// A server failure is an error; shedding load (503) and a request past its deadline (504) are the limits
    /// working, warnings; the rest is info.
    static func level(of status: Int) -> Logger.Level {
        switch status {
        case 503, 504: .warning
        case 500...: .error
        default: .info
        }
    }
}
