import Foundation
import GraphQLCore
import WalletGraphQueries

// Events: Query.events, the Event and WalletUpdate types, and the subscriptions (EventSubscriptions.swift).
// Every object an event names is read with the visibility of its own field: a wallet, transaction or withdrawal
// the viewer may not read is null.
extension WalletAPI {
    static func bindEventResolvers(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Query", "events") { input in
            let viewer = try input.context.requireViewer()
            return .object(try await EventConnectionSource.load(input.arguments, viewer: viewer, context: input.context))
        }
        map.field("EventConnection", "edges") {
            .list(try $0.parent(as: EventConnectionSource.self).edges) { .object(EventEdgeSource(event: $0)) }
        }
        map.field("EventConnection", "pageInfo") { .object(try $0.parent(as: EventConnectionSource.self).pageInfo) }
        map.field("EventEdge", "cursor") { .string(try $0.parent(as: EventEdgeSource.self).event.cursor.encoded) }
        map.field("EventEdge", "node") { .object(try $0.parent(as: EventEdgeSource.self).event) }

        map.field("Event", "id") { .string(GlobalID.encodeEvent(try $0.parent(as: EventRecord.self).position)) }
        map.field("Event", "type") { .string(try $0.parent(as: EventRecord.self).type.rawValue.uppercased()) }
        map.field("Event", "occurredAt") { .string(DateTimeFormat.format(try $0.parent(as: EventRecord.self).occurredAt)) }
        map.field("Event", "cursor") { .string(try $0.parent(as: EventRecord.self).cursor.encoded) }
        map.field("Event", "walletVersion") { .optional(try $0.parent(as: EventRecord.self).walletVersion.map(String.init)) }
        map.field("Event", "disbursementStatus") {
            let event = try $0.parent(as: EventRecord.self)
            return .optional(event.type == .disbursementStatusChanged ? event.status : nil)
        }
        map.asyncField("Event", "wallet") { input in
            let event = try input.parent(as: EventRecord.self)
            guard let id = event.walletID else { return .null }
            let viewer = try input.context.requireViewer()
            return try await ReadLoaders.wallet(id, viewer: viewer, context: input.context).map { .object($0) } ?? .null
        }
        map.asyncField("Event", "balance") { input in
            let event = try input.parent(as: EventRecord.self)
            guard let id = event.walletID, let balance = event.balance else { return .null }
            let viewer = try input.context.requireViewer()
            guard let wallet = try await ReadLoaders.wallet(id, viewer: viewer, context: input.context) else { return .null }
            let asset = try await input.context.asset(wallet.assetID)
            return .string(DecimalAmount.format(balance, scale: asset.scale))
        }
        map.asyncField("Event", "transaction") { input in
            let event = try input.parent(as: EventRecord.self)
            guard let id = event.transactionID else { return .null }
            let viewer = try input.context.requireViewer()
            return try await ReadLoaders.transaction(id, viewer: viewer, context: input.context).map { .object($0) }
                ?? .null
        }
        map.asyncField("Event", "disbursement") { input in
            let event = try input.parent(as: EventRecord.self)
            guard let id = event.disbursementID else { return .null }
            let viewer = try input.context.requireViewer()
            return try await DisbursementReads.disbursement(id, viewer: viewer, context: input.context)
                .map { .object($0) } ?? .null
        }

        map.asyncField("WalletUpdate", "wallet") { input in
            let update = try input.parent(as: WalletUpdateSource.self)
            let viewer = try input.context.requireViewer()
            return try await ReadLoaders.wallet(update.entry.record.walletID, viewer: viewer, context: input.context)
                .map { .object($0) } ?? .null
        }
        map.field("WalletUpdate", "version") {
            .string(String(try $0.parent(as: WalletUpdateSource.self).entry.record.walletVersion))
        }
        map.asyncField("WalletUpdate", "balance") { input in
            let update = try input.parent(as: WalletUpdateSource.self)
            let asset = try await input.context.asset(update.entry.assetID)
            return .string(DecimalAmount.format(update.entry.record.balanceAfter, scale: asset.scale))
        }
        map.field("WalletUpdate", "entry") { .object(try $0.parent(as: WalletUpdateSource.self).entry) }
        map.asyncField("WalletUpdate", "transaction") { input in
            let update = try input.parent(as: WalletUpdateSource.self)
            let id = update.entry.record.transactionID
            let row = try await input.context.database.read { try await $0.getTransaction(id: id) }
            guard let row else { throw CorruptRow(description: "entry \(update.entry.record.id) has no transaction") }
            return .object(try TransactionRecord(row))
        }

        map.subscription("walletUpdated") { input in try await EventSubscriptions.walletUpdated(input) }
        map.subscription("events") { input in try await EventSubscriptions.events(input) }
    }
}

/// An `EventEdge`.
struct EventEdgeSource: Sendable, Hashable {
    let event: EventRecord
}
