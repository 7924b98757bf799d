import HummingbirdCore
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

/// One per client connection, after HTTP decoding: closes the connection at once when `HTTP_MAX_CONNECTIONS` are
/// already open, and puts a ``HeadDeadline`` in front of the decoder for `HTTP_READ_HEADER_TIMEOUT`. A connection
/// that sends nothing is left to Hummingbird's idle timeout (`HTTP_IDLE_TIMEOUT`), which also covers stalled bodies.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    // Hummingbird's own connection handler's part type (NIOHTTPTypes' HTTPRequestPart), which this sees too.
    typealias InboundIn = HTTPConnectionStateHandler.InboundIn
    typealias InboundOut = HTTPConnectionStateHandler.InboundIn

    private let count: ConnectionCount
    private let headTimeout: TimeAmount?
    private var counted = false
    private var deadline: HeadDeadline?

    init(count: ConnectionCount, readHeaderTimeout: Duration?) {
        self.count = count
        self.headTimeout = readHeaderTimeout.map { TimeAmount($0) }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard count.admit() else {
            context.close(promise: nil)
            return
        }
        counted = true
        if let headTimeout {
            let deadline = HeadDeadline(timeout: headTimeout)
            do {
                try context.pipeline.syncOperations.addHandler(deadline, position: .first)
                self.deadline = deadline
            } catch {
                context.close(promise: nil)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if counted {
            counted = false
            count.leave()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline?.headArrived()
        // The request is read whole: the next byte belongs to the next request's head, even if this one's response
        // is still being written (pipelining).
        case .end: deadline?.requestEnded()
        case .body: break
        }
        context.fireChannelRead(data)
    }
}

/// First in the pipeline, on raw bytes: a request's head must be complete within the timeout of its first byte,
/// else the connection is closed (a client sending its headers a byte at a time). Told by ``ConnectionGuard``
/// when a head was decoded and when its request was read whole.
final class HeadDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    /// The next byte starts the clock: no head is being read.
    private var armed = true
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if armed && timer == nil {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            timer = context.eventLoop.scheduleTask(in: timeout) { bound.value.close(promise: nil) }
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func headArrived() {
        timer?.cancel()
        timer = nil
        armed = false
    }

    func requestEnded() { armed = true }
}
