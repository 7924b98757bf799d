import Foundation
import GraphQLCore
import WalletGraphQueries

/// Single-object reads with their visibility rules, and the batched loads behind nested fields: each batch is one
/// statement for all the parents of a level (`= ANY(@ids)`).
enum ReadLoaders {
    // MARK: - By id

    /// The user `id` with their profile, or nil.
    static func user(_ id: UUID, context: APIContext) async throws -> UserRecord? {
        let row = try await context.database.read { try await $0.getUser(id: id) }
        return try row.map(UserRecord.init)
    }

    /// The wallet `id` when the viewer may read it (their own; any, for an admin), else nil.
    static func wallet(_ id: UUID, viewer: Viewer, context: APIContext) async throws -> WalletRecord? {
        let row = try await context.database.read { try await $0.getWallet(id: id) }
        guard let wallet = try row.map(WalletRecord.init), viewer.mayRead(walletOwnedBy: wallet.ownerID) else {
            return nil
        }
        return wallet
    }

    /// The transaction `id` when it touches one of the viewer's wallets (any, for an admin), else nil.
    static func transaction(_ id: UUID, viewer: Viewer, context: APIContext) async throws -> TransactionRecord? {
        let row = try await context.database.read {
            try await $0.getVisibleTransaction(id: id, viewerId: viewer.readScope)
        }
        return try row.map(TransactionRecord.init)
    }

    /// `node(id:)`: any object by its id, with the visibility of its own field; null when unreadable.
    static func node(_ text: String, viewer: Viewer, context: APIContext) async throws -> FieldValue {
        if let position = GlobalID.decodeEvent(text) {
            let row = try await context.database.read { try await $0.getEvent(position: position) }
            guard let row, EventFeed.maySee(row, viewer: viewer) else { return .null }
            return .object(try EventRecord(row))
        }
        guard let (kind, id) = GlobalID.decode(text) else { return .null }
        switch kind {
        case .asset:
            let assets = try await context.services.assets.all(database: context.database)
            return assets.first { $0.id == id }.map { .object($0) } ?? .null
        case .user:
            guard viewer.isAdmin || viewer.id == id else { return .null }
            return try await user(id, context: context).map { .object($0) } ?? .null
        case .wallet:
            return try await wallet(id, viewer: viewer, context: context).map { .object($0) } ?? .null
        case .transaction:
            return try await transaction(id, viewer: viewer, context: context).map { .object($0) } ?? .null
        case .ledgerEntry:
            let row = try await context.database.read {
                try await $0.getVisibleEntry(id: id, viewerId: viewer.readScope)
            }
            return row.map { .object(LedgerEntrySource(record: EntryRecord($0.ledgerEntry, walletOwnerID: $0.walletOwnerId), assetID: $0.assetId)) } ?? .null
        case .disbursementMethod:
            return try await DisbursementReads.method(id, viewer: viewer, context: context).map { .object($0) } ?? .null
        case .disbursement:
            return try await DisbursementReads.disbursement(id, viewer: viewer, context: context).map { .object($0) }
                ?? .null
        case .webhookEndpoint:
            guard viewer.isAdmin else { return .null }
            let row = try await context.database.read { try await $0.getWebhookEndpoint(id: id) }
            return try row.map { .object(try WebhookEndpointRecord($0)) } ?? .null
        case .webhookDelivery:
            return .null
        }
    }

    // MARK: - Batched

    /// Wallets by id (LedgerEntry.wallet), in the order of `ids`; a missing one is an internal error.
    static func wallets(_ ids: [UUID], context: APIContext) async throws -> [WalletRecord] {
        let unique = ReadConnections.unique(ids)
        guard !unique.isEmpty else { return [] }
        let rows = try await context.database.read { try await $0.listWalletsByIDs(ids: unique) }
        let byID = Dictionary(try rows.map { ($0.id, try WalletRecord($0)) }, uniquingKeysWith: { a, _ in a })
        return try ids.map { id in
            guard let wallet = byID[id] else { throw CorruptRow(description: "wallet \(id) is referenced but missing") }
            return wallet
        }
    }

    /// Users with profiles by id, keyed by id (Wallet.owner).
    static func users(_ ids: [UUID], context: APIContext) async throws -> [UUID: UserRecord] {
        let unique = ReadConnections.unique(ids)
        guard !unique.isEmpty else { return [:] }
        let rows = try await context.database.read { try await $0.listUserProfilesByIDs(ids: unique) }
        return Dictionary(try rows.map { ($0.id, try UserRecord($0)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The wallets of each owner, oldest first (User.wallets).
    static func walletsByOwner(_ owners: [UUID], context: APIContext) async throws -> [UUID: [WalletRecord]] {
        let unique = ReadConnections.unique(owners)
        guard !unique.isEmpty else { return [:] }
        let rows = try await context.database.read { try await $0.listWalletsByOwners(ownerIds: unique) }
        var byOwner: [UUID: [WalletRecord]] = [:]
        for row in rows {
            let wallet = try WalletRecord(row)
            if let owner = wallet.ownerID { byOwner[owner, default: []].append(wallet) }
        }
        return byOwner
    }

    /// The entries of each transaction the viewer may see (Transaction.entries): all for an admin, else those on
    /// the viewer's own wallets. Without a viewer (not reachable today), none.
    static func entries(of transactions: [TransactionRecord], viewer: Viewer?, context: APIContext) async throws
        -> [[LedgerEntrySource]]
    {
        let ids = ReadConnections.unique(transactions.map(\.id))
        guard !ids.isEmpty, let viewer else { return transactions.map { _ in [] } }
        let rows = try await context.database.read { try await $0.listEntriesForTransactions(transactionIds: ids) }
        var byTransaction: [UUID: [EntryRecord]] = [:]
        for row in rows where viewer.isAdmin || row.walletOwnerId == viewer.id {
            byTransaction[row.ledgerEntry.transactionId, default: []].append(EntryRecord(row.ledgerEntry, walletOwnerID: row.walletOwnerId))
        }
        return transactions.map { transaction in
            (byTransaction[transaction.id] ?? []).map { LedgerEntrySource(record: $0, assetID: transaction.assetID) }
        }
    }

    /// The counterparty of each transaction, for the viewer: for a transfer, the receiver when the viewer sent
    /// it, the sender when the viewer received it, and the receiver for anyone else (an admin); nil otherwise, and nil without a viewer.
    static func counterparties(of transactions: [TransactionRecord], viewer: Viewer?, context: APIContext)
        async throws -> [CounterpartySource?]
    {
        let ids = ReadConnections.unique(transactions.filter { $0.type == .transfer }.map(\.id))
        guard !ids.isEmpty else { return transactions.map { _ in nil } }
        let rows = try await context.database.read { try await $0.listTransferParties(transactionIds: ids) }
        let byTransaction = Dictionary(grouping: rows, by: \.transactionId)
        return transactions.map { transaction in
            guard transaction.type == .transfer, let parties = byTransaction[transaction.id],
                let sender = parties.first(where: { $0.amount < 0 }),
                let receiver = parties.first(where: { $0.amount > 0 })
            else { return nil }
            // Without a viewer (a sign-in payload) there is no perspective to answer from: nothing.
            guard let viewer else { return nil }
            let other = viewer.id == sender.userId ? receiver : viewer.id == receiver.userId ? sender : receiver
            return CounterpartySource(username: other.username, name: other.name)
        }
    }

    /// The asset of each entry: carried by a `LedgerEntrySource`; for a bare `EntryRecord`, through its wallet.
    static func entryAssets(_ parents: [any Sendable], context: APIContext) async throws -> [(EntryRecord, AssetRecord)] {
        var records: [EntryRecord] = []
        var assetIDs: [UUID?] = []
        for parent in parents {
            if let source = parent as? LedgerEntrySource {
                records.append(source.record)
                assetIDs.append(source.assetID)
            } else if let record = parent as? EntryRecord {
                records.append(record)
                assetIDs.append(nil)
            } else {
                throw CorruptRow(description: "a LedgerEntry source is a \(type(of: parent))")
            }
        }
        let missing = zip(records, assetIDs).filter { $0.1 == nil }.map(\.0.walletID)
        let walletAssets = Dictionary(
            try await wallets(missing, context: context).map { ($0.id, $0.assetID) }, uniquingKeysWith: { a, _ in a })
        var result: [(EntryRecord, AssetRecord)] = []
        for (record, assetID) in zip(records, assetIDs) {
            guard let id = assetID ?? walletAssets[record.walletID] else {
                throw CorruptRow(description: "entry \(record.id) has no wallet")
            }
            result.append((record, try await context.asset(id)))
        }
        return result
    }
}
