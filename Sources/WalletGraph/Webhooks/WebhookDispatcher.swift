import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

/// What a receiver answered: its status code, or why there was none.
public struct WebhookSendResult: Sendable, Hashable {
    public var statusCode: Int?
    public var error: String?

    public init(statusCode: Int?, error: String? = nil) {
        self.statusCode = statusCode
        self.error = error
    }

    var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
}

/// Sends one HTTP POST (the server's is async-http-client, with redirects refused).
public protocol WebhookSender: Sendable {
    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> WebhookSendResult
}

/// When to try again: exponential backoff with jitter, for at most `window` after the first failure of an event;
/// then the endpoint is marked failing and left alone until an admin creates a new one.
public struct WebhookRetryPolicy: Sendable, Hashable {
    /// `WEBHOOK_RETRY_BASE`: the first retry comes after about this long (half to all of it, at random).
    public var base: Duration
    /// The longest wait between two attempts.
    public var cap: Duration
    /// `WEBHOOK_RETRY_WINDOW`: how long an event is retried before the endpoint is marked failing.
    public var window: Duration
    /// `WEBHOOK_TIMEOUT`: how long a receiver has to answer.
    public var timeout: Duration

    public init(
        base: Duration = .seconds(10), cap: Duration = .seconds(3_600), window: Duration = .seconds(86_400),
        timeout: Duration = .seconds(10)
    ) {
        self.base = base
        self.cap = cap
        self.window = window
        self.timeout = timeout
    }

    /// The wait after failed attempt number `attempt` (1 for the first): base × 2^(attempt−1), capped, then
    /// scaled by a random factor in [0.5, 1] so that endpoints failing together do not retry together.
    func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let seconds = min(Self.seconds(cap), Self.seconds(base) * pow(2, Double(exponent)))
        return .milliseconds(Int64(seconds * (0.5 + 0.5 * min(max(random, 0), 1)) * 1_000))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Delivers the outbox to webhook endpoints: per endpoint, in feed order, at least once (the body carries the
/// event's id, so receivers de-duplicate), each attempt recorded. One server process at a time delivers to an
/// endpoint (a lease on its row); the endpoint's cursor moves only after a 2xx, so a restart resumes with the
/// event it was delivering. docs/events.md.
public final class WebhookDispatcher: Sendable {
    let pool: SQLPool
    let ledger: Ledger
    let sender: any WebhookSender
    let retry: WebhookRetryPolicy
    let allowPrivate: Bool
    let clock: LedgerClock
    let logger: Logger
    /// How long a process holds an endpoint without renewing it (each acknowledged event renews it): twice what
    /// one delivery may take and at least 30 s; what a crashed process makes its endpoints wait at most.
    var lease: TimeInterval { max(30, 2 * WebhookRetryPolicy.seconds(retry.timeout)) }
    /// Events delivered to one endpoint per round, before the others get their turn.
    static let roundSize = 100

    public init(
        pool: SQLPool, ledger: Ledger, sender: any WebhookSender, retry: WebhookRetryPolicy = WebhookRetryPolicy(),
        allowPrivate: Bool, clock: LedgerClock = .system, logger: Logger = Logger(label: "walletgraph.webhooks")
    ) {
        self.pool = pool
        self.ledger = ledger
        self.sender = sender
        self.retry = retry
        self.allowPrivate = allowPrivate
        self.clock = clock
        self.logger = logger
    }

    /// Delivers until cancelled: a round whenever an event commits (the ledger's signal) or a second passes.
    public func run() async {
        while !Task.isCancelled {
            let seen = ledger.signal.generation
            do {
                if try await runOnce() > 0 { continue }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("webhook round failed", metadata: ["error": "\(error)"])
            }
            let signal = ledger.signal
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await signal.wait(after: seen) }
                group.addTask { try? await Task.sleep(for: .seconds(1)) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// One round over the endpoints that are due; returns the attempts made.
    @discardableResult
    public func runOnce() async throws -> Int {
        let due = try await pool.withConnection(readOnly: true) { connection in
            try await Queries(connection).listDueWebhookEndpoints(now: clock.now(), maxRows: 50)
        }
        var attempts = 0
        for id in due {
            try Task.checkCancellation()
            attempts += try await deliver(to: id)
        }
        return attempts
    }

    private func write<T>(_ body: (Queries) async throws -> T) async throws -> T {
        try await pool.withTransaction(.readWrite, retry: .standard) { connection in try await body(Queries(connection)) }
    }

    /// A round for one endpoint, if no other process holds it.
    private func deliver(to id: UUID) async throws -> Int {
        let now = clock.now()
        guard
            let row = try await write({
                try await $0.leaseWebhookEndpoint(leaseUntil: now.addingTimeInterval(lease), id: id, now: now)
            })
        else { return 0 }
        let endpoint = try WebhookEndpointRecord(row)
        var cursor = EventCursor(xact: row.cursorXact, position: row.cursorPosition)
        var attempt = Int(row.attempts)
        var made = 0
        for _ in 0..<Self.roundSize {
            let next = try await pool.withConnection(readOnly: true) { connection in
                try await Queries(connection).listEvents(
                    ListEventsParams(
                        afterXact: cursor.xact, afterPosition: cursor.position, types: endpoint.typeFilter, pageSize: 1))
            }
            guard let event = try next.first.map(EventRecord.init) else { break }
            attempt += 1
            made += 1
            let (result, micros) = await send(event, to: endpoint, secret: row.secret)
            let attemptedAt = clock.now()
            if result.succeeded {
                try await write { queries in
                    try await queries.insertWebhookDelivery(
                        Self.delivery(endpoint.id, event, attempt: attempt, result, micros, at: attemptedAt))
                    try await queries.acknowledgeWebhookEvent(
                        AcknowledgeWebhookEventParams(
                            cursorXact: event.xact, cursorPosition: event.position, now: attemptedAt,
                            leaseUntil: attemptedAt.addingTimeInterval(lease), id: endpoint.id))
                }
                cursor = event.cursor
                attempt = 0
                continue
            }
            let failingSince = row.failingSince ?? attemptedAt
            let expired = attemptedAt.timeIntervalSince(failingSince) >= WebhookRetryPolicy.seconds(retry.window)
            let wait = retry.delay(afterAttempt: attempt, random: Double.random(in: 0...1))
            try await write { queries in
                try await queries.insertWebhookDelivery(
                    Self.delivery(endpoint.id, event, attempt: attempt, result, micros, at: attemptedAt))
                try await queries.recordWebhookFailure(
                    RecordWebhookFailureParams(
                        now: attemptedAt,
                        nextAttemptAt: attemptedAt.addingTimeInterval(WebhookRetryPolicy.seconds(wait)),
                        status: expired ? WebhookEndpointRecord.Status.failing.rawValue : endpoint.status.rawValue,
                        id: endpoint.id))
            }
            if expired {
                logger.warning(
                    "webhook endpoint marked failing", metadata: ["endpoint": "\(endpoint.id)", "url": "\(endpoint.url)"])
            }
            return made
        }
        try await write { try await $0.releaseWebhookEndpoint(id: endpoint.id) }
        return made
    }

    private static func delivery(
        _ endpoint: UUID, _ event: EventRecord, attempt: Int, _ result: WebhookSendResult, _ micros: Int64, at: Date
    ) -> InsertWebhookDeliveryParams {
        InsertWebhookDeliveryParams(
            id: UUIDv7.make(at: at), endpointId: endpoint, eventPosition: event.position,
            eventType: event.type.rawValue.uppercased(), attempt: Int32(clamping: attempt),
            statusCode: result.statusCode.map { Int32(clamping: $0) }, latencyMicros: micros,
            error: result.error.map { String($0.prefix(1_000)) }, succeeded: result.succeeded, attemptedAt: at)
    }

    /// Signs and posts one event; returns the answer and how long it took.
    private func send(_ event: EventRecord, to endpoint: WebhookEndpointRecord, secret: String) async
        -> (WebhookSendResult, Int64)
    {
        let started = ContinuousClock.now
        func elapsed() -> Int64 {
            let (seconds, attoseconds) = (ContinuousClock.now - started).components
            return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        }
        // The address is checked again at every attempt: a name can point elsewhere since the endpoint was made.
        if !allowPrivate {
            do {
                try await WebhookURL(endpoint.url).checkReachable(allowPrivate: false)
            } catch {
                return (WebhookSendResult(statusCode: nil, error: "refused: \(error)"), elapsed())
            }
        }
        let body: [UInt8]
        do {
            body = try await Self.body(event, ledger: ledger)
        } catch {
            return (WebhookSendResult(statusCode: nil, error: "could not build the body: \(error)"), elapsed())
        }
        let timestamp = String(Int64(clock.now().timeIntervalSince1970))
        let signature = SHA256.hexText(SHA256.hmac(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body))
        let headers = [
            ("Content-Type", "application/json"), ("User-Agent", "WalletGraph-Webhooks/1"),
            ("WalletGraph-Event-Id", GlobalID.encodeEvent(event.position)),
            ("WalletGraph-Event-Type", event.type.rawValue.uppercased()), ("WalletGraph-Timestamp", timestamp),
            ("WalletGraph-Signature", "v1=\(signature)"),
        ]
        let result = await sender.post(url: endpoint.url, headers: headers, body: body, timeout: retry.timeout)
        return (result, elapsed())
    }

    /// The JSON body of an event: its id (for de-duplication), type, time, feed cursor, and what it names, with
    /// ids as the API issues them and amounts as Decimal strings.
    static func body(_ event: EventRecord, ledger: Ledger) async throws -> [UInt8] {
        var data: [String: Any] = [:]
        if let wallet = event.walletID { data["walletId"] = GlobalID.encode(.wallet, wallet) }
        if let peer = event.peerWalletID { data["counterpartyWalletId"] = GlobalID.encode(.wallet, peer) }
        if let transaction = event.transactionID { data["transactionId"] = GlobalID.encode(.transaction, transaction) }
        if let disbursement = event.disbursementID { data["disbursementId"] = GlobalID.encode(.disbursement, disbursement) }
        if let version = event.walletVersion { data["walletVersion"] = String(version) }
        if let balance = event.balance, let wallet = event.walletID {
            let scale = try await ledger.readSnapshot { try await ledger.walletScale(wallet, $0) } ?? 0
            data["balance"] = DecimalAmount.format(balance, scale: scale)
        }
        if event.type == .disbursementStatusChanged, let status = event.status { data["disbursementStatus"] = status }
        let object: [String: Any] = [
            "id": GlobalID.encodeEvent(event.position), "type": event.type.rawValue.uppercased(),
            "occurredAt": DateTimeFormat.format(event.occurredAt), "cursor": event.cursor.encoded, "data": data,
        ]
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
}
