import Foundation
import GraphQLCore
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
import WalletGraph

/// GraphQL over WebSocket at `/graphql`, with the `graphql-transport-ws` protocol (the one graphql-ws, Apollo and
/// gql speak). docs/events.md lists the messages and close codes.
///
/// - The client offers the subprotocol `graphql-transport-ws`; anything else is closed with 4406.
/// - `connection_init` must come within `WS_CONNECTION_INIT_TIMEOUT` (4408), once (4429), with
///   `payload.authorization: "Bearer …"`; a missing, bad, expired or revoked token closes with 4403.
/// - `subscribe` before the ack closes with 4401; an id already running closes with 4409; a malformed message
///   with 4400. A subscription runs through `WalletAPI.subscribe` (the same token, viewer and visibility checks as
///   HTTP); a query or mutation runs through `WalletAPI.execute` and answers `next` then `complete`.
/// - `WS_MAX_SUBSCRIPTIONS_PER_CONNECTION` and `WS_MAX_SUBSCRIPTIONS_PER_USER` bound the running subscriptions; one
///   more is answered with an `error` message (RATE_LIMITED).
/// - Every outgoing message goes through one bounded queue; a client that lets `WS_MAX_PENDING_MESSAGES` pile up
///   unread is cut off with 1008 ("slow consumer"), so a slow reader never makes the server hold more.
/// - Keepalive: WebSocket pings every `WS_KEEPALIVE`; a peer that does not answer is closed. Protocol `ping`
///   messages are answered with `pong`.
struct GraphQLWebSocket: Sendable {
    static let subprotocol = "graphql-transport-ws"
    /// SO_SNDBUF of a WebSocket (Linux doubles it).
    static let sendBufferBytes = 64 * 1_024

    let api: WalletAPI
    let limits: ServerLimits
    let subscriptions: SubscriptionCounts
    let logger: Logger

    /// The upgrade decision, on the event loop, once a request with `Upgrade: websocket` has arrived whole.
    func shouldUpgrade(_ request: HTTPRequest, channel: any Channel) -> ShouldUpgradeResult<
        WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
    > {
        // The head is complete: the read-header deadline stops here, whatever is decided.
        (try? channel.pipeline.syncOperations.handler(type: ConnectionGuard.self))?.upgraded()
        let path = request.path.map { $0.split(separator: "?", maxSplits: 1).first.map(String.init) ?? $0 }
        guard path == "/graphql" else { return .dontUpgrade }
        let offered = (request.headerFields[.secWebSocketProtocol] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let language = ContentNegotiation.language(acceptLanguage: request.headerFields[.acceptLanguage])
        let address = channel.remoteAddress?.ipAddress
        guard offered.contains(Self.subprotocol) else {
            return .upgrade([:]) { _, outbound, _ in
                try? await outbound.close(.unknown(4406), reason: "Subprotocol not acceptable")
            }
        }
        // The kernel's share of a slow reader's backlog stays small too (it would grow to megabytes): beyond it and
        // NIO's write buffer, a client that does not read fills the session's bounded queue and is cut off.
        _ = channel.setOption(ChannelOptions.socketOption(.so_sndbuf), value: Self.sendBufferBytes)
        let session = GraphQLWebSocketSession(
            api: api, limits: limits, subscriptions: subscriptions, language: language, clientAddress: address,
            channel: channel, logger: logger)
        return .upgrade([.secWebSocketProtocol: Self.subprotocol]) { inbound, outbound, _ in
            await session.run(inbound: inbound, outbound: outbound)
        }
    }
}

/// A flag one task sets and another reads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// Running subscriptions per user on this process, against `WS_MAX_SUBSCRIPTIONS_PER_USER`.
final class SubscriptionCounts: Sendable {
    private let counts = Mutex<[UUID: Int]>([:])
    /// Every running subscription, for metrics and tests.
    let total = Atomic<Int>(0)

    /// Counts one more for `user`; false when they already have `limit`.
    func admit(_ user: UUID, limit: Int) -> Bool {
        let admitted = counts.withLock { counts -> Bool in
            let current = counts[user, default: 0]
            guard current < limit else { return false }
            counts[user] = current + 1
            return true
        }
        if admitted { total.add(1, ordering: .relaxed) }
        return admitted
    }

    func leave(_ user: UUID) {
        counts.withLock { counts in
            let left = counts[user, default: 1] - 1
            counts[user] = left > 0 ? left : nil
        }
        total.subtract(1, ordering: .relaxed)
    }
}

/// One WebSocket connection speaking graphql-transport-ws.
struct GraphQLWebSocketSession: Sendable {
    let api: WalletAPI
    let limits: ServerLimits
    let subscriptions: SubscriptionCounts
    let language: MessageLanguage
    let clientAddress: String?
    /// The connection's channel: closed outright when a slow consumer does not take its close frame.
    let channel: any Channel
    let logger: Logger

    /// Queries and mutations one socket may have running at once (they are not subscriptions, but each is a task).
    static let maxOperationsInFlight = 16

    /// How long a cut-off slow consumer has to read what is queued and the close frame before the connection is
    /// dropped.
    static let slowConsumerGrace: TimeAmount = .seconds(10)

    /// What the writer sends, in order.
    enum Outgoing: Sendable {
        case text(String)
        case close(UInt16, String)
    }

    /// The connection's shared state: the outgoing queue and the running operations.
    final class State: Sendable {
        let queue: AsyncStream<Outgoing>.Continuation
        let pendingLimit: Int
        private let pending = Atomic<Int>(0)
        private let closing = Atomic<Bool>(false)
        /// The running operations by id, and whether each is a subscription (only those count against the limit).
        /// `token` tells an operation apart from a later one that reuses its id after a `complete`.
        let running = Mutex<[String: (token: UUID, task: Task<Void, Never>, isSubscription: Bool)]>([:])

        let channel: any Channel
        let logger: Logger

        init(queue: AsyncStream<Outgoing>.Continuation, pendingLimit: Int, channel: any Channel, logger: Logger) {
            self.queue = queue
            self.pendingLimit = pendingLimit
            self.channel = channel
            self.logger = logger
        }

        var isClosing: Bool { closing.load(ordering: .relaxed) }

        /// Queues a message; a client that has left `pendingLimit` of them unread is cut off instead.
        func send(_ text: String) {
            guard !isClosing else { return }
            if pending.add(1, ordering: .relaxed).newValue > pendingLimit {
                logger.warning("closing a slow WebSocket consumer", metadata: ["pending": "\(pendingLimit)"])
                close(1008, "Slow consumer: more than \(pendingLimit) messages unread")
                // The writer may be stuck behind a full socket: the close frame waits its turn, and if the client
                // still reads nothing the connection is dropped, so that it holds nothing more.
                let channel = self.channel
                channel.eventLoop.scheduleTask(in: GraphQLWebSocketSession.slowConsumerGrace) {
                    channel.close(promise: nil)
                }
                return
            }
            queue.yield(.text(text))
        }

        func sent() { pending.subtract(1, ordering: .relaxed) }

        /// Closes the connection with `code` once: every operation stops, and nothing else is sent.
        func close(_ code: UInt16, _ reason: String) {
            guard closing.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
            let tasks = running.withLock { running -> [Task<Void, Never>] in
                defer { running.removeAll() }
                return running.values.map(\.task)
            }
            for task in tasks { task.cancel() }
            queue.yield(.close(code, reason))
            queue.finish()
        }
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let (stream, continuation) = AsyncStream<Outgoing>.makeStream()
        let state = State(
            queue: continuation, pendingLimit: limits.wsMaxPendingMessages, channel: channel, logger: logger)
        // The one writer: messages in order; a close ends the connection. It is never cancelled, so that a close
        // queued by a refusal is always sent.
        let writer = Task {
            for await item in stream {
                switch item {
                case .text(let text):
                    do {
                        try await outbound.write(.text(text))
                    } catch {
                        state.close(1011, "write failed")
                    }
                    state.sent()
                case .close(let code, let reason):
                    try? await outbound.close(.unknown(code), reason: reason)
                    return
                }
            }
        }
        // connection_init must come in time.
        let initialised = Flag()
        let timeout = limits.wsConnectionInitTimeout
        let timer = Task {
            try? await Task.sleep(for: timeout)
            if !initialised.isSet && !Task.isCancelled { state.close(4408, "Connection initialisation timeout") }
        }
        await read(inbound, state: state, initialised: initialised)
        // The client went away, or a refusal closed the connection: stop everything, send what is queued.
        timer.cancel()
        state.close(1000, "")
        await writer.value
    }

    private func read(_ inbound: WebSocketInboundStream, state: State, initialised: Flag) async {
        var authorization: String?
        var viewer: UUID?
        var initReceived = false
        do {
            for try await message in inbound.messages(maxSize: 1 << 20) {
                if state.isClosing { return }
                guard case .text(let text) = message,
                    let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                    let type = object["type"] as? String
                else {
                    state.close(4400, "Invalid message received")
                    return
                }
                switch type {
                case "connection_init":
                    guard !initReceived else {
                        state.close(4429, "Too many initialisation requests")
                        return
                    }
                    initReceived = true
                    let payload = object["payload"] as? [String: Any] ?? [:]
                    let header = (payload["authorization"] ?? payload["Authorization"]) as? String
                    guard let header, let user = await api.viewerID(authorization: header) else {
                        state.close(4403, "Forbidden")
                        return
                    }
                    authorization = header
                    viewer = user
                    initialised.set()
                    state.send(#"{"type":"connection_ack"}"#)
                case "ping":
                    state.send(#"{"type":"pong"}"#)
                case "pong":
                    continue
                case "subscribe":
                    // Before the ack, any subscribe is unauthorised, whatever it holds.
                    guard let authorization, let viewer else {
                        state.close(4401, "Unauthorized")
                        return
                    }
                    guard let id = object["id"] as? String, !id.isEmpty, id.utf8.count <= 256,
                        let payload = object["payload"] as? [String: Any],
                        let body = try? JSONSerialization.data(withJSONObject: payload),
                        let request = try? GraphQLRequest.decode(body: Array(body))
                    else {
                        state.close(4400, "Invalid message received")
                        return
                    }
                    start(id: id, request: request, authorization: authorization, viewer: viewer, state: state)
                    if state.isClosing { return }
                case "complete":
                    guard let id = object["id"] as? String else {
                        state.close(4400, "Invalid message received")
                        return
                    }
                    let running = state.running.withLock { $0.removeValue(forKey: id) }
                    running?.task.cancel()
                default:
                    state.close(4400, "Invalid message received")
                    return
                }
            }
        } catch {
            logger.debug("websocket read ended", metadata: ["error": "\(error)"])
        }
    }

    /// Starts operation `id`: its task sends `next` messages and then `complete` (or one `error`).
    private func start(id: String, request: GraphQLRequest, authorization: String, viewer: UUID, state: State) {
        let idJSON = Self.jsonString(id)
        let isSubscription = api.engine.operationType(of: request) == .subscription
        let api = self.api
        let apiRequest = APIRequest(
            graphQL: request, authorization: authorization, language: language, requestID: RequestID.generate(),
            clientAddress: clientAddress)
        let perConnection = limits.wsMaxSubscriptionsPerConnection
        let perUser = limits.wsMaxSubscriptionsPerUser
        let subscriptions = self.subscriptions
        let language = self.language
        let duplicate = state.running.withLock { running -> Bool? in
            if running[id] != nil { return true }
            let subscriptionCount = running.values.filter(\.isSubscription).count
            if isSubscription && subscriptionCount >= perConnection { return nil }
            if !isSubscription && running.count - subscriptionCount >= Self.maxOperationsInFlight { return nil }
            return false
        }
        switch duplicate {
        case true?:
            state.close(4409, "Subscriber for \(id) already exists")
            return
        case nil:
            let limit =
                isSubscription
                ? "at most \(perConnection) per connection" : "at most \(Self.maxOperationsInFlight) queries and mutations at once"
            state.send(Self.error(idJSON, Self.limitMessage(limit, language)))
            return
        case false?:
            break
        }
        if isSubscription && !subscriptions.admit(viewer, limit: perUser) {
            state.send(Self.error(idJSON, Self.limitMessage("at most \(perUser) per user", language)))
            return
        }
        // Registered under the lock it removes itself with, so that an operation that ends at once is not left behind.
        let token = UUID()
        state.running.withLock { running in
            running[id] = (token, Task {
                defer {
                    if isSubscription { subscriptions.leave(viewer) }
                    state.running.withLock { running in
                        if running[id]?.token == token { running[id] = nil }
                    }
                }
                if !isSubscription {
                    let response = await api.execute(apiRequest)
                    if response.outcome == .executed {
                        state.send(Self.next(idJSON, response.body))
                        state.send(#"{"id":\#(idJSON),"type":"complete"}"#)
                    } else {
                        state.send(Self.errorFromBody(idJSON, response.body))
                    }
                    return
                }
                switch await api.subscribe(apiRequest) {
                case .refused(let response):
                    state.send(Self.errorFromBody(idJSON, response.body))
                case .events(let stream):
                    for await response in stream {
                        if Task.isCancelled { return }
                        state.send(Self.next(idJSON, response.bytes))
                    }
                    if !Task.isCancelled { state.send(#"{"id":\#(idJSON),"type":"complete"}"#) }
                }
            }, isSubscription)
        }
    }

    static func next(_ id: String, _ body: [UInt8]) -> String {
        #"{"id":\#(id),"type":"next","payload":"# + String(decoding: body, as: UTF8.self) + "}"
    }

    /// An `error` message with the errors of a refused request's body.
    static func errorFromBody(_ id: String, _ body: [UInt8]) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let errors = object?["errors"] ?? [["message": "The request was refused."]]
        let text = (try? JSONSerialization.data(withJSONObject: errors)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return #"{"id":\#(id),"type":"error","payload":"# + text + "}"
    }

    static func error(_ id: String, _ error: GraphQLError) -> String {
        errorFromBody(id, GraphQLResponse.requestError([error]).bytes)
    }

    static func limitMessage(_ limit: String, _ language: MessageLanguage) -> GraphQLError {
        let message =
            language == .indonesian
            ? "Terlalu banyak operasi sekaligus (\(limit)); tunggu salah satu selesai."
            : "Too many operations at once (\(limit)); wait for one to complete."
        return GraphQLError(message, code: .rateLimited)
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
