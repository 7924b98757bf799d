import Hummingbird
import NIOCore

/// The per-request context of the HTTP layer: Hummingbird's core storage, the request id the middleware settles
/// on, and the TCP peer's address (the client's, or a proxy's: see ``ClientAddress``).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequestIDMiddleware`` before any route runs.
    public var requestID: String
    /// The TCP peer's IP address, when the transport knows it.
    public let peerAddress: String?
    /// The client's address (``ClientAddress``), settled once by ``RequestIDMiddleware`` before any route runs.
    public var clientAddress: String?
    /// What the route learned, for the log line and metrics.
    public let observation = RequestObservation()

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        requestID = ""
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
