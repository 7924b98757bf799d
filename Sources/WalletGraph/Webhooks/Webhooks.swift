import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

/// A webhook endpoint as stored (without its secret).
public struct WebhookEndpointRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case active, failing, disabled
    }

    public let id: UUID
    public let url: String
    public let description: String?
    /// Empty: every type.
    public let eventTypes: [EventType]
    public let status: Status
    public let attempts: Int
    public let failingSince: Date?
    public let nextAttemptAt: Date
    public let createdAt: Date

    init(_ row: WebhookEndpoint) throws {
        guard let status = Status(rawValue: row.status) else {
            throw CorruptRow(description: "webhook endpoint \(row.id) has status \(row.status)")
        }
        id = row.id
        url = row.url
        description = row.description
        eventTypes = row.eventTypes.split(separator: ",").compactMap { EventType(rawValue: String($0)) }
        self.status = status
        attempts = Int(row.attempts)
        failingSince = row.failingSince
        nextAttemptAt = row.nextAttemptAt
        createdAt = row.createdAt
    }
}

/// One attempt to deliver an event to an endpoint.
public struct WebhookDeliveryRecord: Sendable, Hashable {
    public let id: UUID
    public let endpointID: UUID
    public let eventPosition: Int64
    public let eventType: String
    public let attempt: Int
    public let statusCode: Int?
    public let latencyMicros: Int64
    public let error: String?
    public let succeeded: Bool
    public let attemptedAt: Date

    init(_ row: WebhookDelivery) {
        id = row.id
        endpointID = row.endpointId
        eventPosition = row.eventPosition
        eventType = row.eventType
        attempt = Int(row.attempt)
        statusCode = row.statusCode.map(Int.init)
        latencyMicros = row.latencyMicros
        error = row.error
        succeeded = row.succeeded
        attemptedAt = row.attemptedAt
    }
}

/// Managing webhook endpoints (admins only). Delivery is ``WebhookDispatcher``'s.
public final class Webhooks: Sendable {
    let pool: SQLPool
    let clock: LedgerClock
    /// `WEBHOOK_ALLOW_PRIVATE`: endpoints on loopback, private and link-local addresses are allowed (tests and
    /// development); in production they are refused, against SSRF.
    public let allowPrivate: Bool

    public init(pool: SQLPool, clock: LedgerClock = .system, allowPrivate: Bool) {
        self.pool = pool
        self.clock = clock
        self.allowPrivate = allowPrivate
    }

    /// Creates an endpoint that receives events from now on (of `eventTypes`, or all when empty) and returns it
    /// with its signing secret, which is shown this once.
    public func create(
        url text: String, eventTypes: [EventType], description: String?, by initiator: Initiator
    ) async throws -> (WebhookEndpointRecord, secret: String) {
        try Authority.requireAdmin(initiator)
        let url = try WebhookURL(text)
        let description = RequestChecks.normalized(description?.trimmingWhitespace())
        try RequestChecks.check(description: description)
        try await url.checkReachable(allowPrivate: allowPrivate)
        var generator = SystemRandomNumberGenerator()
        let secret = "whsec_" + SHA256.hexText((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let types = Array(Set(eventTypes)).map(\.rawValue).sorted().joined(separator: ",")
        let row = try await pool.withTransaction(.readWrite, retry: .standard) { connection in
            let queries = Queries(connection)
            let tail = try await queries.getEventsTail()
            let now = clock.now()
            return try await queries.createWebhookEndpoint(
                CreateWebhookEndpointParams(
                    id: UUIDv7.make(at: now), url: url.text, description: description, eventTypes: types,
                    secret: secret, cursorXact: tail?.xact ?? 0, cursorPosition: tail?.position ?? 0, now: now,
                    createdBy: initiator.userID))
        }
        guard let row else { throw CorruptRow(description: "a webhook endpoint insert returned nothing") }
        return (try WebhookEndpointRecord(row), secret)
    }

    /// Stops deliveries to an endpoint for good. Nil (an id that names no endpoint) is
    /// WEBHOOK_ENDPOINT_NOT_FOUND, after the authority check.
    public func disable(_ id: UUID?, by initiator: Initiator) async throws -> WebhookEndpointRecord {
        try Authority.requireAdmin(initiator)
        guard let id else { throw DomainError(.webhookEndpointNotFound, field: ["id"]) }
        let row = try await pool.withTransaction(.readWrite, retry: .standard) { connection in
            try await Queries(connection).disableWebhookEndpoint(now: clock.now(), id: id)
        }
        guard let row else { throw DomainError(.webhookEndpointNotFound, field: ["id"]) }
        return try WebhookEndpointRecord(row)
    }
}

extension WebhookEndpointRecord {
    /// The types an endpoint receives, as the feed query's filter (nil: all).
    var typeFilter: [String]? { eventTypes.isEmpty ? nil : eventTypes.map(\.rawValue) }
}
