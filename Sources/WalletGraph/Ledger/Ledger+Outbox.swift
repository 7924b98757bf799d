import Foundation
import WalletGraphQueries

/// What the outbox records (migrations 0005, docs/events.md). The raw values are the stored ones.
public enum EventType: String, Sendable, Hashable, CaseIterable {
    case transactionCreated = "transaction_created"
    case walletBalanceChanged = "wallet_balance_changed"
    case disbursementStatusChanged = "disbursement_status_changed"
    case walletFrozen = "wallet_frozen"
    case walletUnfrozen = "wallet_unfrozen"
}

/// One outbox row before it is written: what happened, and whom it concerns.
struct OutboxEvent: Sendable, Hashable {
    var type: EventType
    var walletID: UUID?
    var ownerID: UUID?
    var peerWalletID: UUID?
    var peerOwnerID: UUID?
    var transactionID: UUID?
    var disbursementID: UUID?
    var walletVersion: Int64?
    var balance: Int64?
    var status: String?

    /// A withdrawal's new status, with the transaction of that step (its hold, settlement or refund; none for
    /// PROCESSING).
    static func disbursement(_ record: DisbursementRecord, transactionID: UUID?) -> OutboxEvent {
        OutboxEvent(
            type: .disbursementStatusChanged, walletID: record.walletID, ownerID: record.userID,
            transactionID: transactionID, disbursementID: record.id, status: record.status.rawValue)
    }

    /// A wallet frozen or unfrozen.
    static func walletStatus(_ wallet: WalletRecord) -> OutboxEvent {
        OutboxEvent(
            type: wallet.status == .frozen ? .walletFrozen : .walletUnfrozen, walletID: wallet.id,
            ownerID: wallet.ownerID, status: wallet.status.rawValue)
    }

    /// The events of a posted transaction: TRANSACTION_CREATED about its first user wallet (and the second one
    /// of a transfer as its peer), then one WALLET_BALANCE_CHANGED per user wallet with its final version and
    /// balance. A transaction between system wallets only (a withdrawal's settlement) concerns no user.
    static func posting(_ entries: [EntryRecord], transactionID: UUID) -> [OutboxEvent] {
        var order: [UUID] = []
        var last: [UUID: EntryRecord] = [:]
        for entry in entries where entry.walletOwnerID != nil {
            if last[entry.walletID] == nil { order.append(entry.walletID) }
            last[entry.walletID] = entry
        }
        let first = order.first.flatMap { last[$0] }
        let peer = order.dropFirst().first.flatMap { last[$0] }
        var events = [
            OutboxEvent(
                type: .transactionCreated, walletID: first?.walletID, ownerID: first?.walletOwnerID,
                peerWalletID: peer?.walletID,
                peerOwnerID: peer?.walletOwnerID == first?.walletOwnerID ? nil : peer?.walletOwnerID,
                transactionID: transactionID)
        ]
        for id in order {
            guard let entry = last[id] else { continue }
            events.append(
                OutboxEvent(
                    type: .walletBalanceChanged, walletID: id, ownerID: entry.walletOwnerID,
                    transactionID: transactionID, walletVersion: entry.walletVersion, balance: entry.balanceAfter))
        }
        return events
    }
}

extension Ledger {
    /// Appends `events` to the outbox in the caller's transaction (deferred: on PostgreSQL they travel with the
    /// next statement or COMMIT). Only a commit makes them visible; a rollback takes them with it.
    func record(_ events: [OutboxEvent], now: Date, _ queries: Queries) async throws {
        guard configuration.recordsEvents else { return }
        for event in events {
            try await queries.insertEvent(
                InsertEventParams(
                    type: event.type.rawValue, walletId: event.walletID, ownerId: event.ownerID,
                    peerWalletId: event.peerWalletID, peerOwnerId: event.peerOwnerID,
                    transactionId: event.transactionID, disbursementId: event.disbursementID,
                    walletVersion: event.walletVersion, balance: event.balance, status: event.status,
                    occurredAt: now))
        }
    }
}
