import Hummingbird
import NIOCore

/// The per-request context of the HTTP layer: Hummingbird's core storage, the request id the middleware settles
/// on, and the client's address (for sign-in throttling).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequestIDMiddleware`` before any route runs.
    public var requestID: String
    /// The peer's IP address, when the transport knows it.
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
