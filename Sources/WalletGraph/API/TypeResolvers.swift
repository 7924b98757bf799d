import Foundation
import GraphQLCore
import WalletGraphQueries

// Owned by the read side: fields of Asset, User, Wallet, Transaction, Counterparty, LedgerEntry, the
// connections, PageInfo, ReconcileReport, and Node's type resolution. Sources: AssetRecord, UserRecord,
// WalletRecord, TransactionRecord, EntryRecord (or LedgerEntrySource, which carries the entry's asset).
//
// Every field that reads the database is a batch resolver: one statement for all parents of a level. Amounts
// need their asset's scale, which comes from the process's asset cache (no statement on a hit).
extension WalletAPI {
    static func bindTypeResolvers(into map: inout ResolverMap<APIContext>) {
        map.resolveType("Node") { source, _ in
            switch source {
            case is AssetRecord: "Asset"
            case is UserRecord: "User"
            case is WalletRecord: "Wallet"
            case is TransactionRecord: "Transaction"
            case is LedgerEntrySource, is EntryRecord: "LedgerEntry"
            case is DisbursementMethodRecord: "DisbursementMethod"
            case is DisbursementRecord: "Disbursement"
            case is EventRecord: "Event"
            case is WebhookEndpointRecord: "WebhookEndpoint"
            default: nil
            }
        }
        bindAsset(into: &map)
        bindUser(into: &map)
        bindWallet(into: &map)
        bindTransaction(into: &map)
        bindLedgerEntry(into: &map)
        bindConnections(into: &map)
        bindReconcileReport(into: &map)
        bindDisbursementTypes(into: &map)
        bindEventResolvers(into: &map)
        bindWebhookResolvers(into: &map)
    }

    private static func bindAsset(into map: inout ResolverMap<APIContext>) {
        map.field("Asset", "id") { .string(GlobalID.encode(.asset, try $0.parent(as: AssetRecord.self).id)) }
        map.field("Asset", "code") { .string(try $0.parent(as: AssetRecord.self).code) }
        map.field("Asset", "name") { .string(try $0.parent(as: AssetRecord.self).name) }
        map.field("Asset", "scale") { .int(try $0.parent(as: AssetRecord.self).scale) }
    }

    private static func bindUser(into map: inout ResolverMap<APIContext>) {
        map.field("User", "id") { .string(GlobalID.encode(.user, try $0.parent(as: UserRecord.self).id)) }
        map.field("User", "username") { .string(try $0.parent(as: UserRecord.self).username) }
        map.field("User", "name") { .string(try $0.parent(as: UserRecord.self).name) }
        map.field("User", "email") { .string(try privateUser($0).email) }
        map.field("User", "phone") { .string(try privateUser($0).phone) }
        map.field("User", "role") { .string(try $0.parent(as: UserRecord.self).role.graphQLName) }
        map.field("User", "createdAt") { .string(DateTimeFormat.format(try $0.parent(as: UserRecord.self).createdAt)) }
        map.batch("User", "wallets") { input in
            let users = try input.parents(as: UserRecord.self)
            let byOwner = try await ReadLoaders.walletsByOwner(users.map(\.id), context: input.context)
            return try users.map { user in
                _ = try privateUser(user, context: input.context)
                return .list(byOwner[user.id] ?? []) { .object($0) }
            }
        }
    }

    /// A user whose private fields (email, phone, wallets) the viewer may read: their own, or any for an admin.
    /// Only such users are ever returned; this is a second line. Without a viewer, the user is the one a
    /// sign-up or sign-in payload just authenticated.
    private static func privateUser(_ input: ResolverInput<APIContext>) throws -> UserRecord {
        try privateUser(try input.parent(as: UserRecord.self), context: input.context)
    }

    private static func privateUser(_ user: UserRecord, context: APIContext) throws -> UserRecord {
        if let viewer = context.viewer, viewer.id != user.id, !viewer.isAdmin {
            throw APIError(.forbidden, language: context.language)
        }
        return user
    }

    private static func bindWallet(into map: inout ResolverMap<APIContext>) {
        map.field("Wallet", "id") { .string(GlobalID.encode(.wallet, try $0.parent(as: WalletRecord.self).id)) }
        map.field("Wallet", "label") { .string(try $0.parent(as: WalletRecord.self).label) }
        map.field("Wallet", "version") { .string(String(try $0.parent(as: WalletRecord.self).version)) }
        map.field("Wallet", "status") { .string(try $0.parent(as: WalletRecord.self).status.graphQLName) }
        map.field("Wallet", "isDefault") { .bool(try $0.parent(as: WalletRecord.self).isDefault) }
        map.field("Wallet", "createdAt") {
            .string(DateTimeFormat.format(try $0.parent(as: WalletRecord.self).createdAt))
        }
        map.batch("Wallet", "asset") { input in
            var values: [FieldValue] = []
            for wallet in try input.parents(as: WalletRecord.self) {
                values.append(.object(try await input.context.asset(wallet.assetID)))
            }
            return values
        }
        map.batch("Wallet", "balance") { input in
            var values: [FieldValue] = []
            for wallet in try input.parents(as: WalletRecord.self) {
                let asset = try await input.context.asset(wallet.assetID)
                values.append(.string(DecimalAmount.format(wallet.balance, scale: asset.scale)))
            }
            return values
        }
        // The owner for the owner themself or an admin; null for anyone else and for a system wallet.
        map.batch("Wallet", "owner") { input in
            let wallets = try input.parents(as: WalletRecord.self)
            let viewer = input.context.viewer
            let readable = wallets.map { wallet -> UUID? in
                guard let owner = wallet.ownerID, let viewer, viewer.isAdmin || viewer.id == owner else { return nil }
                return owner
            }
            let users = try await ReadLoaders.users(readable.compactMap { $0 }, context: input.context)
            return readable.map { owner in owner.flatMap { users[$0] }.map { .object($0) } ?? .null }
        }
        map.batch("Wallet", "transactions") { input in
            let wallets = try input.parents(as: WalletRecord.self)
            let pages = try await ReadConnections.walletTransactions(
                wallets, arguments: input.arguments, context: input.context, viewer: input.context.viewer)
            return pages.map { .object($0) }
        }
        map.batch("Wallet", "entries") { input in
            let wallets = try input.parents(as: WalletRecord.self)
            let pages = try await ReadConnections.walletEntries(wallets, arguments: input.arguments, context: input.context)
            return pages.map { .object($0) }
        }
    }

    private static func bindTransaction(into map: inout ResolverMap<APIContext>) {
        map.field("Transaction", "id") {
            .string(GlobalID.encode(.transaction, try $0.parent(as: TransactionRecord.self).id))
        }
        map.field("Transaction", "idempotencyKey") { .optional(try $0.parent(as: TransactionRecord.self).idempotencyKey) }
        map.field("Transaction", "type") { input in
            let transaction = try input.parent(as: TransactionRecord.self)
            guard let name = transaction.type.graphQLName else {
                throw UnrepresentableValue(description: "transaction \(transaction.id) has type \(transaction.type)")
            }
            return .string(name)
        }
        map.field("Transaction", "status") { .string(try $0.parent(as: TransactionRecord.self).status.graphQLName) }
        map.field("Transaction", "description") { .optional(try $0.parent(as: TransactionRecord.self).description) }
        map.field("Transaction", "createdAt") {
            .string(DateTimeFormat.format(try $0.parent(as: TransactionRecord.self).createdAt))
        }
        map.batch("Transaction", "amount") { input in
            var values: [FieldValue] = []
            for transaction in try input.parents(as: TransactionRecord.self) {
                let asset = try await input.context.asset(transaction.assetID)
                values.append(.string(DecimalAmount.format(transaction.amount, scale: asset.scale)))
            }
            return values
        }
        map.batch("Transaction", "asset") { input in
            var values: [FieldValue] = []
            for transaction in try input.parents(as: TransactionRecord.self) {
                values.append(.object(try await input.context.asset(transaction.assetID)))
            }
            return values
        }
        map.batch("Transaction", "entries") { input in
            let transactions = try input.parents(as: TransactionRecord.self)
            let entries = try await ReadLoaders.entries(
                of: transactions, viewer: input.context.viewer, context: input.context)
            return entries.map { .list($0) { .object($0) } }
        }
        map.batch("Transaction", "counterparty") { input in
            let transactions = try input.parents(as: TransactionRecord.self)
            let parties = try await ReadLoaders.counterparties(
                of: transactions, viewer: input.context.viewer, context: input.context)
            return parties.map { $0.map { .object($0) } ?? .null }
        }
        map.field("Counterparty", "username") { .string(try $0.parent(as: CounterpartySource.self).username) }
        map.field("Counterparty", "name") { .string(try $0.parent(as: CounterpartySource.self).name) }
    }

    private static func bindLedgerEntry(into map: inout ResolverMap<APIContext>) {
        map.field("LedgerEntry", "id") { .string(GlobalID.encode(.ledgerEntry, try entryRecord($0).id)) }
        map.field("LedgerEntry", "walletVersion") { .string(String(try entryRecord($0).walletVersion)) }
        map.field("LedgerEntry", "createdAt") { .string(DateTimeFormat.format(try entryRecord($0).createdAt)) }
        map.batch("LedgerEntry", "amount") { input in
            try await ReadLoaders.entryAssets(input.parents, context: input.context).map { entry, asset in
                .string(DecimalAmount.format(entry.amount, scale: asset.scale))
            }
        }
        map.batch("LedgerEntry", "balanceAfter") { input in
            try await ReadLoaders.entryAssets(input.parents, context: input.context).map { entry, asset in
                .string(DecimalAmount.format(entry.balanceAfter, scale: asset.scale))
            }
        }
        // Entries are shown only on wallets the viewer may read, so their wallets and transactions are readable.
        map.batch("LedgerEntry", "wallet") { input in
            let entries = try input.parents.map { try entryRecord($0, info: input.info) }
            return try await ReadLoaders.wallets(entries.map(\.walletID), context: input.context).map { .object($0) }
        }
        map.batch("LedgerEntry", "transaction") { input in
            let entries = try input.parents.map { try entryRecord($0, info: input.info) }
            let ids = ReadConnections.unique(entries.map(\.transactionID))
            let rows = try await input.context.database.read { try await $0.listTransactionsByIDs(ids: ids) }
            let byID = Dictionary(
                try rows.map { ($0.id, try TransactionRecord($0)) }, uniquingKeysWith: { a, _ in a })
            return try entries.map { entry in
                guard let transaction = byID[entry.transactionID] else {
                    throw CorruptRow(description: "entry \(entry.id) has no transaction")
                }
                return .object(transaction)
            }
        }
    }

    private static func entryRecord(_ input: ResolverInput<APIContext>) throws -> EntryRecord {
        try entryRecord(input.parent, info: input.info)
    }

    private static func entryRecord(_ parent: any Sendable, info: FieldInfo) throws -> EntryRecord {
        if let source = parent as? LedgerEntrySource { return source.record }
        if let record = parent as? EntryRecord { return record }
        throw CorruptRow(description: "\(info.parentType).\(info.fieldName): parent is a \(type(of: parent))")
    }
}
