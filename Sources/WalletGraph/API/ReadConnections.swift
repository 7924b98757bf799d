import Foundation
import GraphQLCore
import WalletGraphQueries

/// Loads connection pages: Query.transactions (one statement), and Wallet.transactions / Wallet.entries for every
/// wallet of one execution level at once (one statement per level, ranked per wallet).
enum ReadConnections {
    /// Query.transactions: the viewer's transactions (all of them for an admin).
    static func transactions(_ arguments: Arguments, context: APIContext, viewer: Viewer) async throws
        -> TransactionConnectionSource
    {
        let page = try PageRequest(arguments, language: context.language)
        let filter = try TransactionFilterInput(arguments.object("filter"))
        if filter.matchesNothing { return .empty() }
        let scope = viewer.readScope
        let count = CountTransactionsMatchingParams(
            viewerId: scope, walletId: filter.walletID, types: filter.types, statuses: filter.statuses,
            createdAfter: filter.createdAfter, createdBefore: filter.createdBefore, minTable: filter.minTable,
            maxTable: filter.maxTable)
        let records: [TransactionRecord] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listTransactionsOldest(
                    ListTransactionsOldestParams(
                        viewerId: scope, walletId: filter.walletID, types: filter.types, statuses: filter.statuses,
                        createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                        minTable: filter.minTable, maxTable: filter.maxTable, afterCreatedAt: page.after?.createdAt,
                        afterId: page.after?.id, beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id,
                        pageSize: page.fetchLimit)
                ).map(TransactionRecord.init)
            }
            return try await queries.listTransactionsNewest(
                ListTransactionsNewestParams(
                    viewerId: scope, walletId: filter.walletID, types: filter.types, statuses: filter.statuses,
                    createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                    minTable: filter.minTable, maxTable: filter.maxTable, afterCreatedAt: page.after?.createdAt,
                    afterId: page.after?.id, beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id,
                    pageSize: page.fetchLimit)
            ).map(TransactionRecord.init)
        }
        let (rows, info) = page.page(records) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
        return TransactionConnectionSource(rows, pageInfo: info, count: .all(count))
    }

    /// Wallet.transactions for `wallets` (each already visible to the viewer), in their order.
    static func walletTransactions(
        _ wallets: [WalletRecord], arguments: Arguments, context: APIContext, viewer: Viewer?
    ) async throws -> [TransactionConnectionSource] {
        let page = try PageRequest(arguments, language: context.language)
        let filter = try TransactionFilterInput(arguments.object("filter"))
        // Without a viewer (a sign-up payload's new user), a `walletId` filter cannot be checked: it matches nothing.
        if filter.matchesNothing || wallets.isEmpty || (viewer == nil && filter.walletID != nil) {
            return wallets.map { _ in .empty() }
        }
        let ids = unique(wallets.map(\.id))
        // A `walletId` filter must name a wallet of the viewer's (any wallet, for an admin).
        let scope = viewer?.readScope
        let count = CountWalletTransactionsParams(
            walletIds: [], walletId: filter.walletID, viewerId: scope, types: filter.types,
            statuses: filter.statuses, createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
            minTable: filter.minTable, maxTable: filter.maxTable)
        let rows: [(UUID, TransactionRecord)] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listWalletTransactionsOldest(
                    ListWalletTransactionsOldestParams(
                        walletIds: ids, walletId: filter.walletID, viewerId: scope, types: filter.types,
                        statuses: filter.statuses, createdAfter: filter.createdAfter,
                        createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable,
                        afterCreatedAt: page.after?.createdAt, afterId: page.after?.id,
                        beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id, perWallet: page.fetchLimit)
                ).map { ($0.pageWalletId, try TransactionRecord($0)) }
            }
            return try await queries.listWalletTransactionsNewest(
                ListWalletTransactionsNewestParams(
                    walletIds: ids, walletId: filter.walletID, viewerId: scope, types: filter.types,
                    statuses: filter.statuses, createdAfter: filter.createdAfter,
                    createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable,
                    afterCreatedAt: page.after?.createdAt, afterId: page.after?.id,
                    beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id, perWallet: page.fetchLimit)
            ).map { ($0.pageWalletId, try TransactionRecord($0)) }
        }
        let byWallet = Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
        return wallets.map { wallet in
            let (kept, info) = page.page(byWallet[wallet.id] ?? []) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
            return TransactionConnectionSource(kept, pageInfo: info, count: .wallet(wallet.id, count))
        }
    }

    /// Wallet.entries for `wallets` (each already visible to the viewer), in their order.
    static func walletEntries(_ wallets: [WalletRecord], arguments: Arguments, context: APIContext) async throws
        -> [LedgerEntryConnectionSource]
    {
        let page = try PageRequest(arguments, language: context.language)
        guard !wallets.isEmpty else { return [] }
        let ids = unique(wallets.map(\.id))
        let entries: [EntryRecord] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listWalletEntriesOldest(
                    ListWalletEntriesOldestParams(
                        walletIds: ids, afterCreatedAt: page.after?.createdAt, afterId: page.after?.id,
                        beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id, perWallet: page.fetchLimit)
                ).map(EntryRecord.init)
            }
            return try await queries.listWalletEntriesNewest(
                ListWalletEntriesNewestParams(
                    walletIds: ids, afterCreatedAt: page.after?.createdAt, afterId: page.after?.id,
                    beforeCreatedAt: page.before?.createdAt, beforeId: page.before?.id, perWallet: page.fetchLimit)
            ).map(EntryRecord.init)
        }
        let byWallet = Dictionary(grouping: entries, by: \.walletID)
        return wallets.map { wallet in
            let (kept, info) = page.page(byWallet[wallet.id] ?? []) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
            return LedgerEntryConnectionSource(
                kept.map { LedgerEntrySource(record: $0, assetID: wallet.assetID) }, pageInfo: info,
                walletID: wallet.id)
        }
    }

    /// totalCount of transaction connections of one level: Query.transactions counts alone; the wallets' counts
    /// with the same filter share one grouped statement.
    static func transactionCounts(_ sources: [TransactionConnectionSource], context: APIContext) async throws -> [Int] {
        var results = [Int?](repeating: nil, count: sources.count)
        var walletGroups: [CountWalletTransactionsParams: [(index: Int, walletID: UUID)]] = [:]
        for (index, source) in sources.enumerated() {
            switch source.count {
            case .nothing: results[index] = 0
            case .all(let params):
                let total = try await context.database.read { try await $0.countTransactionsMatching(params) }
                results[index] = Int(total ?? 0)
            case .wallet(let walletID, let params): walletGroups[params, default: []].append((index, walletID))
            }
        }
        for (params, members) in walletGroups {
            var batched = params
            batched.walletIds = unique(members.map(\.walletID))
            let rows = try await context.database.read { try await $0.countWalletTransactions(batched) }
            let totals = Dictionary(rows.map { ($0.walletId, Int($0.total)) }, uniquingKeysWith: { a, _ in a })
            for member in members { results[member.index] = totals[member.walletID] ?? 0 }
        }
        return results.map { $0 ?? 0 }
    }

    /// totalCount of entry connections of one level, in one statement.
    static func entryCounts(_ sources: [LedgerEntryConnectionSource], context: APIContext) async throws -> [Int] {
        let ids = unique(sources.map(\.walletID))
        guard !ids.isEmpty else { return [] }
        let rows = try await context.database.read { try await $0.countWalletEntries(walletIds: ids) }
        let totals = Dictionary(rows.map { ($0.walletId, Int($0.total)) }, uniquingKeysWith: { a, _ in a })
        return sources.map { totals[$0.walletID] ?? 0 }
    }

    static func unique(_ ids: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return ids.filter { seen.insert($0).inserted }
    }
}
