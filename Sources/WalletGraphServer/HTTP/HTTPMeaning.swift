import HTTPTypes
import WalletGraph

/// What an API outcome means in HTTP: its status and the headers that go with it. The API knows nothing of
/// HTTP; this is the one place its outcomes get a status (``ErrorResponse`` does the same for the server's own
/// refusals: unknown route, wrong method, body too large, wrong content type).
struct HTTPMeaning: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields

    init(_ outcome: APIOutcome) {
        switch outcome {
        case .executed: (status, headers) = (.ok, [:])
        case .requestError: (status, headers) = (.badRequest, [:])
        case .unauthenticated: (status, headers) = (.unauthorized, [.wwwAuthenticate: "Bearer"])
        case .methodNotAllowed: (status, headers) = (.methodNotAllowed, [.allow: "POST"])
        case .rateLimited(let seconds): (status, headers) = (.tooManyRequests, [.retryAfter: String(seconds)])
        case .unavailable(let seconds): (status, headers) = (.serviceUnavailable, [.retryAfter: String(seconds)])
        case .timedOut: (status, headers) = (.gatewayTimeout, [:])
        case .failed: (status, headers) = (.internalServerError, [:])
        }
    }
}
