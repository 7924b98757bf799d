import Foundation
import GraphQLCore
import WalletGraphQueries

/// A position in the event feed: the (xact, position) of an event (migrations 0005). Opaque to clients:
/// base64url of `ev:<xact>:<position>`. Only the canonical form of a pair of non-negative integers decodes.
struct EventCursor: Sendable, Hashable {
    let xact: Int64
    let position: Int64

    /// Before every event.
    static let start = EventCursor(xact: 0, position: 0)

    var encoded: String { GlobalID.base64URLEncode(Array("ev:\(xact):\(position)".utf8)) }

    static func decode(_ text: String) -> EventCursor? {
        guard text.utf8.count <= 64, let bytes = GlobalID.base64URLDecodeBytes(text) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "ev", let xact = Int64(parts[1]), let position = Int64(parts[2]),
            xact >= 0, position >= 0
        else { return nil }
        let cursor = EventCursor(xact: xact, position: position)
        return cursor.encoded == text ? cursor : nil
    }
}

/// An outbox row as the API reads it.
struct EventRecord: Sendable, Hashable {
    let position: Int64
    let xact: Int64
    let type: EventType
    let walletID: UUID?
    let peerWalletID: UUID?
    let transactionID: UUID?
    let disbursementID: UUID?
    let walletVersion: Int64?
    let balance: Int64?
    let status: String?
    let occurredAt: Date

    var cursor: EventCursor { EventCursor(xact: xact, position: position) }

    init(_ row: WalletGraphQueries.Event) throws {
        guard let type = EventType(rawValue: row.type) else {
            throw CorruptRow(description: "event \(row.position) has type \(row.type)")
        }
        position = row.position
        xact = row.xact
        self.type = type
        walletID = row.walletId
        peerWalletID = row.peerWalletId
        transactionID = row.transactionId
        disbursementID = row.disbursementId
        walletVersion = row.walletVersion
        balance = row.balance
        status = row.status
        occurredAt = row.occurredAt
    }
}

/// `EventFilter`, checked. An omitted field, a null or an empty list is no constraint.
struct EventFilterInput: Sendable, Hashable {
    var types: [String]?
    var walletID: UUID?
    /// A `walletId` that is not a wallet id at all: nothing matches.
    var matchesNothing = false

    init(_ value: InputValue?) {
        guard let value, case .object(let fields) = value else { return }
        if let items = fields["types"]?.listValue, !items.isEmpty {
            types = items.compactMap { $0.stringValue?.lowercased() }.filter { EventType(rawValue: $0) != nil }
        }
        if let text = fields["walletId"]?.stringValue {
            if let id = GlobalID.decode(text, as: .wallet) { walletID = id } else { matchesNothing = true }
        }
    }
}

/// Which events a viewer's feed reads (the visibility rules, in one place): an admin every event; an operator
/// the events of their own wallets and every withdrawal's status change; a user the events of their own wallets.
/// With a `walletId` filter, that wallet's events within the same rules.
struct EventFeed: Sendable, Hashable {
    enum Scope: Sendable, Hashable {
        case all
        case wallet(UUID)
        case owner(UUID)
        case operatorView(UUID)
    }

    let scope: Scope
    let types: [String]?

    /// The feed of `viewer` under `filter`, or nil when it can hold nothing (a wallet the viewer may not read).
    static func resolve(viewer: Viewer, filter: EventFilterInput, database: RequestDatabase) async throws -> EventFeed? {
        if filter.matchesNothing { return nil }
        guard let walletID = filter.walletID else {
            switch viewer.role {
            case .admin: return EventFeed(scope: .all, types: filter.types)
            case .operator: return EventFeed(scope: .operatorView(viewer.id), types: filter.types)
            case .user: return EventFeed(scope: .owner(viewer.id), types: filter.types)
            }
        }
        if viewer.isAdmin { return EventFeed(scope: .wallet(walletID), types: filter.types) }
        let owner = try await database.read { try await $0.getWallet(id: walletID) }?.ownerId
        if owner != nil, owner == viewer.id { return EventFeed(scope: .wallet(walletID), types: filter.types) }
        guard viewer.isStaff else { return nil }
        // An operator sees another user's wallet only through its withdrawals.
        let disbursements = EventType.disbursementStatusChanged.rawValue
        guard filter.types?.contains(disbursements) ?? true else { return nil }
        return EventFeed(scope: .wallet(walletID), types: [disbursements])
    }

    /// Up to `limit` events after `cursor`, oldest first, all below the commit horizon.
    func read(after cursor: EventCursor, limit: Int, database: RequestDatabase) async throws -> [EventRecord] {
        let size = Int64(limit)
        let rows: [WalletGraphQueries.Event] = try await database.read { queries in
            switch scope {
            case .all:
                return try await queries.listEvents(
                    ListEventsParams(
                        afterXact: cursor.xact, afterPosition: cursor.position, types: types, pageSize: size))
            case .wallet(let id):
                return try await queries.listWalletEvents(
                    ListWalletEventsParams(
                        walletId: id, afterXact: cursor.xact, afterPosition: cursor.position, types: types,
                        pageSize: size))
            case .owner(let id):
                return try await queries.listOwnerEvents(
                    ListOwnerEventsParams(
                        ownerId: id, afterXact: cursor.xact, afterPosition: cursor.position, types: types,
                        pageSize: size))
            case .operatorView(let id):
                return try await queries.listOperatorEvents(
                    ListOperatorEventsParams(
                        afterXact: cursor.xact, afterPosition: cursor.position, viewerId: id, types: types,
                        pageSize: size))
            }
        }
        return try rows.map(EventRecord.init)
    }

    /// Whether `viewer` may see `event` (node(id:)), by the same rules as the feed.
    static func maySee(_ event: WalletGraphQueries.Event, viewer: Viewer) -> Bool {
        switch viewer.role {
        case .admin: return true
        case .operator:
            return event.ownerId == viewer.id || event.peerOwnerId == viewer.id
                || event.type == EventType.disbursementStatusChanged.rawValue
        case .user: return event.ownerId == viewer.id || event.peerOwnerId == viewer.id
        }
    }
}

/// Query.events: one page of the viewer's feed.
struct EventConnectionSource: Sendable {
    let edges: [EventRecord]
    let pageInfo: PageInfoSource

    static let defaultSize = 20
    static let maximumSize = 100

    static func load(_ arguments: Arguments, viewer: Viewer, context: APIContext) async throws -> EventConnectionSource {
        let language = context.language
        let size = arguments.int("first") ?? defaultSize
        guard (0...maximumSize).contains(size) else {
            throw PageRequest.badInput(
                language, english: "`first` must be between 0 and \(maximumSize); got \(size).",
                indonesian: "`first` harus antara 0 dan \(maximumSize); diterima \(size).", argument: "first")
        }
        let after = try EventSubscriptions.cursor(arguments.string("after"), language: language)
        let filter = EventFilterInput(arguments.object("filter"))
        guard let feed = try await EventFeed.resolve(viewer: viewer, filter: filter, database: context.database) else {
            return EventConnectionSource(edges: [], pageInfo: .empty)
        }
        let rows = size == 0 ? [] : try await feed.read(after: after ?? .start, limit: size + 1, database: context.database)
        let kept = Array(rows.prefix(size))
        return EventConnectionSource(
            edges: kept,
            pageInfo: PageInfoSource(
                hasNextPage: rows.count > size, hasPreviousPage: after != nil,
                startCursor: kept.first?.cursor.encoded, endCursor: kept.last?.cursor.encoded))
    }
}
