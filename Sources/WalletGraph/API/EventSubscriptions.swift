import Foundation
import GraphQLCore
import Synchronization
import WalletGraphQueries

/// The subscriptions' event streams (docs/events.md). Each reads the outbox (or a wallet's entries) from its own
/// cursor in batches, and sleeps on the ledger's ``EventSignal`` when it has caught up, with a poll as a backstop:
/// a wake-up carries nothing, so a missed one only delays an event. Catch-up and live delivery are the same loop,
/// so the switch between them can neither skip nor repeat anything.
enum EventSubscriptions {
    /// Rows read per batch.
    static let batchSize = 100
    /// The longest a caught-up stream sleeps without a wake-up before it reads again.
    static let pollInterval: Duration = .seconds(5)
    /// How often a running subscription checks that its token still holds (a password change revokes it).
    static let viewerCheckInterval: Duration = .seconds(30)

    /// An `after` argument, checked: nil when absent, BAD_USER_INPUT when it is not a cursor this API issued.
    static func cursor(_ text: String?, language: MessageLanguage) throws -> EventCursor? {
        guard let text else { return nil }
        guard let cursor = EventCursor.decode(text) else {
            throw PageRequest.badInput(
                language, english: "`after` is not a valid cursor; use an event's cursor.",
                indonesian: "`after` bukan kursor yang valid; gunakan kursor sebuah event.", argument: "after")
        }
        return cursor
    }

    /// Subscription.events: the viewer's feed after `after` (from the current end without it).
    static func events(_ input: ResolverInput<APIContext>) async throws -> AsyncThrowingStream<FieldValue, any Error> {
        let context = input.context
        let viewer = try context.requireViewer()
        let after = try cursor(input.arguments.string("after"), language: context.language)
        let filter = EventFilterInput(input.arguments.object("filter"))
        guard let feed = try await EventFeed.resolve(viewer: viewer, filter: filter, database: context.database) else {
            throw DomainError(.walletNotFound, field: ["filter", "walletId"])
        }
        let start: EventCursor
        if let after {
            start = after
        } else {
            let tail = try await context.database.read { try await $0.getEventsTail() }
            start = tail.map { EventCursor(xact: $0.xact, position: $0.position) } ?? .start
        }
        let check = ViewerCheck(context: context, viewer: viewer)
        let pump = FeedPump(cursor: start, signal: context.services.ledger.signal) { cursor in
            try await check.ensure()
            let rows = try await feed.read(after: cursor, limit: batchSize, database: context.database)
            return (rows.map { FieldValue.object($0) }, rows.last?.cursor ?? cursor)
        }
        return AsyncThrowingStream { try await pump.next() }
    }

    /// Subscription.walletUpdated: each entry of the wallet after `afterVersion` (after its current version
    /// without it). A wallet the viewer may not read is WALLET_NOT_FOUND, as a missing one.
    static func walletUpdated(_ input: ResolverInput<APIContext>) async throws
        -> AsyncThrowingStream<FieldValue, any Error>
    {
        let context = input.context
        let viewer = try context.requireViewer()
        guard let id = input.arguments.string("walletId").flatMap({ GlobalID.decode($0, as: .wallet) }),
            let wallet = try await ReadLoaders.wallet(id, viewer: viewer, context: context)
        else { throw DomainError(.walletNotFound, field: ["walletId"]) }
        var start = wallet.version
        if let text = input.arguments.string("afterVersion") {
            guard let version = Int64(text), version >= 0 else {
                throw PageRequest.badInput(
                    context.language, english: "`afterVersion` must be a version: 0 or more.",
                    indonesian: "`afterVersion` harus berupa versi: 0 atau lebih.", argument: "afterVersion")
            }
            start = version
        }
        let asset = wallet.assetID
        let check = ViewerCheck(context: context, viewer: viewer)
        let pump = FeedPump(cursor: start, signal: context.services.ledger.signal) { version in
            try await check.ensure()
            let rows = try await context.database.read { queries in
                try await queries.listWalletEntriesAfter(
                    walletId: id, afterVersion: version, pageSize: Int64(batchSize))
            }
            let updates = rows.map { row in
                FieldValue.object(
                    WalletUpdateSource(
                        entry: LedgerEntrySource(record: EntryRecord(row, walletOwnerID: wallet.ownerID), assetID: asset)))
            }
            return (updates, rows.last?.walletVersion ?? version)
        }
        return AsyncThrowingStream { try await pump.next() }
    }
}

/// Ends a subscription whose token no longer holds: every ``EventSubscriptions/viewerCheckInterval`` it reads the
/// viewer again, and a changed token version (a password change) or a missing user ends the stream with
/// UNAUTHENTICATED.
final class ViewerCheck: Sendable {
    let context: APIContext
    let viewer: Viewer
    private let checked = Mutex(ContinuousClock.now)

    init(context: APIContext, viewer: Viewer) {
        self.context = context
        self.viewer = viewer
    }

    func ensure() async throws {
        let now = ContinuousClock.now
        let due = checked.withLock { last -> Bool in
            guard now - last >= EventSubscriptions.viewerCheckInterval else { return false }
            last = now
            return true
        }
        guard due else { return }
        let id = viewer.id
        let row = try await context.database.read { try await $0.getUser(id: id) }
        guard let row, row.tokenVersion == viewer.tokenVersion, row.role == viewer.role.rawValue else {
            throw APIError(.unauthenticated, language: context.language)
        }
    }
}

/// One `WalletUpdate`: the entry, which carries the version and balance after it.
struct WalletUpdateSource: Sendable, Hashable {
    let entry: LedgerEntrySource
}

/// Reads a feed in batches from a cursor and hands out one value per ``next()``, sleeping when caught up. Used by
/// one consumer at a time (the engine pulls serially).
actor FeedPump<Cursor: Sendable> {
    private var cursor: Cursor
    private var buffer: [FieldValue] = []
    private var index = 0
    private let signal: EventSignal
    private let fetch: @Sendable (Cursor) async throws -> ([FieldValue], Cursor)

    init(cursor: Cursor, signal: EventSignal, fetch: @escaping @Sendable (Cursor) async throws -> ([FieldValue], Cursor)) {
        self.cursor = cursor
        self.signal = signal
        self.fetch = fetch
    }

    /// The next value; nil only when the task is cancelled.
    func next() async throws -> FieldValue? {
        while !Task.isCancelled {
            if index < buffer.count {
                index += 1
                return buffer[index - 1]
            }
            // The generation is read before the outbox, so a commit after the read rings a later one.
            let seen = signal.generation
            // The read itself is not cancelled with the subscription (it is short: one page): cancelling a statement
            // retires its PostgreSQL connection, and every unsubscribe would cost a reconnect.
            let fetch = self.fetch
            let from = cursor
            let (values, next) = try await Task { try await fetch(from) }.value
            cursor = next
            buffer = values
            index = 0
            if values.isEmpty { await sleep(after: seen) }
        }
        return nil
    }

    private func sleep(after seen: UInt64) async {
        let signal = self.signal
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait(after: seen) }
            group.addTask { try? await Task.sleep(for: EventSubscriptions.pollInterval) }
            await group.next()
            group.cancelAll()
        }
    }
}
