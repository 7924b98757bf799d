import HTTPTypes
import Hummingbird
import NIOCore
import WalletGraph

/// `GET /metrics`: the Prometheus text exposition. With ``token`` set, only `Authorization: Bearer <token>` gets
/// it (401 otherwise, compared in constant time).
struct MetricsRoute: Sendable {
    let metrics: ServerMetrics
    let api: WalletAPI
    let token: String?

    func register(on router: Router<ServerRequestContext>) {
        router.get("/metrics") { request, _ in
            if let token {
                guard let header = request.headers[.authorization], Self.matches(header, token: token) else {
                    return ErrorResponse.make(
                        .unauthorized, code: .unauthenticated, message: "Metrics need the metrics token.",
                        headers: [.wwwAuthenticate: "Bearer"])
                }
            }
            let body = await metrics.scrape(
                pool: api.services.pool, ledger: api.services.ledger, rateLimiter: api.rateLimiter)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    /// Whether `header` is `Bearer <token>`, compared without an early exit.
    static func matches(_ header: String, token: String) -> Bool {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let given = Array(parts[1].utf8)
        let expected = Array(token.utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in 0..<expected.count { difference |= expected[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}
