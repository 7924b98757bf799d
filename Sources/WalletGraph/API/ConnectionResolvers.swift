import Foundation
import GraphQLCore

// Read side: the Relay connection types, PageInfo and ReconcileReport. `totalCount` runs its COUNT only when
// selected, batched per level.
extension WalletAPI {
    static func bindConnections(into map: inout ResolverMap<APIContext>) {
        map.field("PageInfo", "hasNextPage") { .bool(try $0.parent(as: PageInfoSource.self).hasNextPage) }
        map.field("PageInfo", "hasPreviousPage") { .bool(try $0.parent(as: PageInfoSource.self).hasPreviousPage) }
        map.field("PageInfo", "startCursor") { .optional(try $0.parent(as: PageInfoSource.self).startCursor) }
        map.field("PageInfo", "endCursor") { .optional(try $0.parent(as: PageInfoSource.self).endCursor) }

        map.field("TransactionConnection", "edges") {
            .list(try $0.parent(as: TransactionConnectionSource.self).edges) { .object($0) }
        }
        map.field("TransactionConnection", "pageInfo") {
            .object(try $0.parent(as: TransactionConnectionSource.self).pageInfo)
        }
        map.batch("TransactionConnection", "totalCount") { input in
            let sources = try input.parents(as: TransactionConnectionSource.self)
            return try await ReadConnections.transactionCounts(sources, context: input.context).map { .int($0) }
        }
        map.field("TransactionEdge", "cursor") { .string(try $0.parent(as: TransactionEdgeSource.self).cursor) }
        map.field("TransactionEdge", "node") { .object(try $0.parent(as: TransactionEdgeSource.self).node) }

        map.field("LedgerEntryConnection", "edges") {
            .list(try $0.parent(as: LedgerEntryConnectionSource.self).edges) { .object($0) }
        }
        map.field("LedgerEntryConnection", "pageInfo") {
            .object(try $0.parent(as: LedgerEntryConnectionSource.self).pageInfo)
        }
        map.batch("LedgerEntryConnection", "totalCount") { input in
            let sources = try input.parents(as: LedgerEntryConnectionSource.self)
            return try await ReadConnections.entryCounts(sources, context: input.context).map { .int($0) }
        }
        map.field("LedgerEntryEdge", "cursor") { .string(try $0.parent(as: LedgerEntryEdgeSource.self).cursor) }
        map.field("LedgerEntryEdge", "node") { .object(try $0.parent(as: LedgerEntryEdgeSource.self).node) }
    }

    static func bindReconcileReport(into map: inout ResolverMap<APIContext>) {
        map.field("ReconcileReport", "isClean") { .bool(try $0.parent(as: ReconcileReport.self).isClean) }
        map.field("ReconcileReport", "checkedAt") {
            .string(DateTimeFormat.format(try $0.parent(as: ReconcileReport.self).checkedAt))
        }
        map.field("ReconcileReport", "assets") { .string(String(try $0.parent(as: ReconcileReport.self).assets)) }
        map.field("ReconcileReport", "wallets") { .string(String(try $0.parent(as: ReconcileReport.self).wallets)) }
        map.field("ReconcileReport", "transactions") {
            .string(String(try $0.parent(as: ReconcileReport.self).transactions))
        }
        map.field("ReconcileReport", "entries") { .string(String(try $0.parent(as: ReconcileReport.self).entries)) }
        map.field("ReconcileReport", "problems") {
            .list(try $0.parent(as: ReconcileReport.self).problems) { .string($0) }
        }
        map.field("ReconcileReport", "summary") { .string(try $0.parent(as: ReconcileReport.self).summary) }
    }
}

extension ReconcileReport {
    /// Each breach, in words (minor units, as stored), for `ReconcileReport.problems`.
    var problems: [String] {
        func id(_ value: UUID) -> String { value.uuidString.lowercased() }
        func text(_ value: Int64?) -> String { value.map(String.init) ?? "none" }
        var lines: [String] = []
        for item in assetImbalances {
            lines.append("asset \(item.assetCode): its \(item.entries) entries sum to \(text(item.total)), not 0")
        }
        for item in walletMismatches {
            lines.append(
                "wallet \(id(item.walletID)): balance \(item.balance) and version \(item.version), but its "
                    + "\(item.entries) entries sum to \(item.entriesTotal)")
        }
        for item in entryChainBreaks {
            lines.append(
                "entry \(id(item.entryID)) of wallet \(id(item.walletID)): version \(item.walletVersion) at position "
                    + "\(item.position), balance after \(item.balanceAfter) where the running total is "
                    + text(item.runningTotal))
        }
        for item in negativeWallets {
            lines.append(
                "\(item.kind) wallet \(id(item.walletID)) may not go below zero: balance \(item.balance), lowest "
                    + text(item.lowestBalance))
        }
        for item in unbalancedTransactions {
            lines.append(
                "\(item.type) transaction \(id(item.transactionID)): \(item.entries) entries summing to \(item.total)"
                    + (item.foreignAssetEntries > 0 ? ", \(item.foreignAssetEntries) on another asset's wallets" : "")
                    + (item.mistimedEntries > 0 ? ", \(item.mistimedEntries) dated differently from the transaction" : ""))
        }
        for item in clearingMismatches {
            lines.append(
                "payout clearing wallet \(id(item.walletID)) (\(item.assetCode)) holds \(item.clearingBalance), but its "
                    + "open withdrawals (amount plus fee) come to \(item.openWithdrawals)")
        }
        for item in withdrawalMismatches {
            lines.append(
                "withdrawal \(item.referenceID) (\(item.status), hold \(item.holdStatus), amount plus fee \(item.total)): "
                    + "held \(item.heldFromWallet) from its wallet and \(item.heldInClearing) into clearing, released "
                    + "\(item.releasedFromClearing) from clearing, refunded \(item.refundedToWallet), paid "
                    + "\(item.paidToUsers) user entries")
        }
        for item in outboxGaps {
            lines.append("transaction \(id(item.transactionID)) has \(item.events) TRANSACTION_CREATED events in the outbox, not 1")
        }
        return lines
    }
}
