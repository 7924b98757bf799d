import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// The listener's connections, counted against `HTTP_MAX_CONNECTIONS`.
final class ConnectionCount: Sendable {
    let limit: Int?
    private let open = Atomic<Int>(0)
    /// Connections closed at once because the limit was reached.
    let refused = Atomic<Int>(0)

    init(limit: Int?) { self.limit = limit }

    var current: Int { open.load(ordering: .relaxed) }

    /// Counts a new connection; false (and not counted) when the limit is reached.
    func admit() -> Bool {
        let now = open.add(1, ordering: .relaxed).newValue
        guard let limit, now > limit else { return true }
        open.subtract(1, ordering: .relaxed)
        refused.add(1, ordering: .relaxed)
        return false
    }

    func leave() { open.subtract(1, ordering: .relaxed) }
}

/// Wraps the listener's child channel (HTTP/1 with the WebSocket upgrade) so that every connection, plain HTTP or
/// WebSocket, first passes a ``ConnectionGuard``: in front of the HTTP decoder, before any upgrade decision, so
/// that the cap and the head deadline hold from the first byte whatever the connection becomes.
struct GuardedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let count: ConnectionCount
    let readHeaderTimeout: Duration?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(
                ConnectionGuard(count: count, readHeaderTimeout: readHeaderTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// First in every connection's pipeline, on raw bytes: closes the connection at once when `HTTP_MAX_CONNECTIONS`
/// are already open (a WebSocket counts until it closes), and enforces `HTTP_READ_HEADER_TIMEOUT`: from the first
/// byte of a request, its head must be complete within the timeout, else the connection is closed. The HTTP side
/// tells it where heads and requests end (``RequestBoundaries``, and the WebSocket upgrade decision, after which
/// it never arms again). A connection that sends nothing is left to the idle timeout (`HTTP_IDLE_TIMEOUT`), or,
/// once it is a WebSocket, to its keepalive.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let count: ConnectionCount
    private let timeout: TimeAmount?
    private var counted = false
    private var armed = true
    private var timer: Scheduled<Void>?

    init(count: ConnectionCount, readHeaderTimeout: Duration?) {
        self.count = count
        self.timeout = readHeaderTimeout.map { TimeAmount($0) }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard count.admit() else {
            context.close(promise: nil)
            return
        }
        counted = true
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if counted {
            counted = false
            count.leave()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if armed, timer == nil, let timeout {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            timer = context.eventLoop.scheduleTask(in: timeout) { bound.value.close(promise: nil) }
        }
        context.fireChannelRead(data)
    }

    /// A request's head is complete.
    func headArrived() {
        timer?.cancel()
        timer = nil
        armed = false
    }

    /// The request is read whole: the next byte belongs to the next request's head, even if this one's response is
    /// still being written (pipelining).
    func requestEnded() { armed = true }

    /// The connection became a WebSocket: no more request heads.
    func upgraded() { headArrived() }
}

/// After HTTP decoding, on plain HTTP connections: tells the ``ConnectionGuard`` where each request's head and end
/// are.
final class RequestBoundaries: ChannelInboundHandler, RemovableChannelHandler {
    // Hummingbird's own connection handler's part type (NIOHTTPTypes' HTTPRequestPart), which this sees too.
    typealias InboundIn = HTTPConnectionStateHandler.InboundIn
    typealias InboundOut = HTTPConnectionStateHandler.InboundIn

    private var guardHandler: ConnectionGuard?

    func handlerAdded(context: ChannelHandlerContext) {
        guardHandler = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: guardHandler?.headArrived()
        case .end: guardHandler?.requestEnded()
        case .body: break
        }
        context.fireChannelRead(data)
    }
}
