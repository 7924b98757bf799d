import Foundation
import GraphQLCore
import WalletGraphQueries

/// Loads connection pages: Query.transactions (one statement), and Wallet.transactions / Wallet.entries for every
/// wallet of one execution level at once (one statement per level, ranked per wallet). Every page query reads an
/// index from the cursor and stops after the page (reads.sql, docs/api.md "Query plans").
enum ReadConnections {
    /// Query.transactions: the viewer's transactions (all of them for an admin). A user's page is read through
    /// their own wallets' entries; an admin's walks every transaction by time, or, with a `walletId` filter, that
    /// wallet's entries (as Wallet.transactions does).
    static func transactions(_ arguments: Arguments, context: APIContext, viewer: Viewer) async throws
        -> TransactionConnectionSource
    {
        let page = try PageRequest(arguments, language: context.language)
        let filter = try TransactionFilterInput(arguments.object("filter"))
        if filter.matchesNothing { return .empty() }
        guard let viewerID = viewer.readScope else {
            if let walletID = filter.walletID {
                let rows = try await walletTransactionRows(
                    [walletID], page: page, filter: filter, walletFilter: nil, scope: nil, context: context)
                let (kept, info) = page.page(rows.map(\.1)) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
                let count = CountWalletTransactionsParams(
                    walletIds: [], walletId: nil, viewerId: nil, types: filter.types, statuses: filter.statuses,
                    createdAfter: filter.createdAfter, createdBefore: filter.createdBefore, minTable: filter.minTable,
                    maxTable: filter.maxTable)
                return TransactionConnectionSource(kept, pageInfo: info, count: .wallet(walletID, count))
            }
            return try await allTransactions(page: page, filter: filter, context: context)
        }
        let (upper, lower) = page.bounds
        let records: [TransactionRecord] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listUserTransactionsOldest(
                    ListUserTransactionsOldestParams(
                        viewerId: viewerID, walletId: filter.walletID, beforeCreatedAt: lower.createdAt,
                        afterCreatedAt: upper.createdAt, afterId: upper.id, beforeId: lower.id, types: filter.types,
                        statuses: filter.statuses, createdAfter: filter.createdAfter,
                        createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable,
                        pageSize: page.fetchLimit)
                ).map(TransactionRecord.init)
            }
            return try await queries.listUserTransactionsNewest(
                ListUserTransactionsNewestParams(
                    viewerId: viewerID, walletId: filter.walletID, afterCreatedAt: upper.createdAt, afterId: upper.id,
                    beforeCreatedAt: lower.createdAt, beforeId: lower.id, types: filter.types,
                    statuses: filter.statuses, createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                    minTable: filter.minTable, maxTable: filter.maxTable, pageSize: page.fetchLimit)
            ).map(TransactionRecord.init)
        }
        let (rows, info) = page.page(records) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
        let count = CountUserTransactionsParams(
            viewerId: viewerID, walletId: filter.walletID, types: filter.types, statuses: filter.statuses,
            createdAfter: filter.createdAfter, createdBefore: filter.createdBefore, minTable: filter.minTable,
            maxTable: filter.maxTable)
        return TransactionConnectionSource(rows, pageInfo: info, count: .user(count))
    }

    /// An admin's Query.transactions without a `walletId` filter: every transaction, by time.
    private static func allTransactions(page: PageRequest, filter: TransactionFilterInput, context: APIContext)
        async throws -> TransactionConnectionSource
    {
        let (upper, lower) = page.bounds
        let records: [TransactionRecord] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listTransactionsOldest(
                    ListTransactionsOldestParams(
                        afterCreatedAt: upper.createdAt, afterId: upper.id, beforeCreatedAt: lower.createdAt,
                        beforeId: lower.id, types: filter.types, statuses: filter.statuses,
                        createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                        minTable: filter.minTable, maxTable: filter.maxTable, pageSize: page.fetchLimit)
                ).map(TransactionRecord.init)
            }
            return try await queries.listTransactionsNewest(
                ListTransactionsNewestParams(
                    afterCreatedAt: upper.createdAt, afterId: upper.id, beforeCreatedAt: lower.createdAt,
                    beforeId: lower.id, types: filter.types, statuses: filter.statuses,
                    createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                    minTable: filter.minTable, maxTable: filter.maxTable, pageSize: page.fetchLimit)
            ).map(TransactionRecord.init)
        }
        let (rows, info) = page.page(records) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
        let count = CountTransactionsMatchingParams(
            types: filter.types, statuses: filter.statuses, createdAfter: filter.createdAfter,
            createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable)
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
        // A `walletId` filter must name a wallet of the viewer's (any wallet, for an admin).
        let scope = viewer?.readScope
        let count = CountWalletTransactionsParams(
            walletIds: [], walletId: filter.walletID, viewerId: scope, types: filter.types,
            statuses: filter.statuses, createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
            minTable: filter.minTable, maxTable: filter.maxTable)
        let rows = try await walletTransactionRows(
            unique(wallets.map(\.id)), page: page, filter: filter, walletFilter: filter.walletID, scope: scope,
            context: context)
        let byWallet = Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
        return wallets.map { wallet in
            let (kept, info) = page.page(byWallet[wallet.id] ?? []) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
            return TransactionConnectionSource(kept, pageInfo: info, count: .wallet(wallet.id, count))
        }
    }

    /// Up to a page (plus one) of each wallet's transactions, in query order, paired with the wallet's id; one
    /// statement. `walletFilter` (the filter's `walletId`) must be one of `scope`'s wallets unless `scope` is nil.
    private static func walletTransactionRows(
        _ ids: [UUID], page: PageRequest, filter: TransactionFilterInput, walletFilter: UUID?, scope: UUID?,
        context: APIContext
    ) async throws -> [(UUID, TransactionRecord)] {
        let (upper, lower) = page.bounds
        return try await context.database.read { queries in
            if page.backward {
                return try await queries.listWalletTransactionsOldest(
                    ListWalletTransactionsOldestParams(
                        walletIds: ids, beforeCreatedAt: lower.createdAt, afterCreatedAt: upper.createdAt,
                        afterId: upper.id, beforeId: lower.id, walletId: walletFilter, viewerId: scope,
                        types: filter.types, statuses: filter.statuses, createdAfter: filter.createdAfter,
                        createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable,
                        perWallet: page.fetchLimit)
                ).map { ($0.pageWalletId, try TransactionRecord($0.transaction)) }
            }
            return try await queries.listWalletTransactionsNewest(
                ListWalletTransactionsNewestParams(
                    walletIds: ids, afterCreatedAt: upper.createdAt, afterId: upper.id,
                    beforeCreatedAt: lower.createdAt, beforeId: lower.id, walletId: walletFilter, viewerId: scope,
                    types: filter.types, statuses: filter.statuses, createdAfter: filter.createdAfter,
                    createdBefore: filter.createdBefore, minTable: filter.minTable, maxTable: filter.maxTable,
                    perWallet: page.fetchLimit)
            ).map { ($0.pageWalletId, try TransactionRecord($0.transaction)) }
        }
    }

    /// Wallet.entries for `wallets` (each already visible to the viewer), in their order.
    static func walletEntries(_ wallets: [WalletRecord], arguments: Arguments, context: APIContext) async throws
        -> [LedgerEntryConnectionSource]
    {
        let page = try PageRequest(arguments, language: context.language)
        guard !wallets.isEmpty else { return [] }
        let ids = unique(wallets.map(\.id))
        let (upper, lower) = page.bounds
        let entries: [EntryRecord] = try await context.database.read { queries in
            if page.backward {
                return try await queries.listWalletEntriesOldest(
                    ListWalletEntriesOldestParams(
                        walletIds: ids, beforeCreatedAt: lower.createdAt, afterCreatedAt: upper.createdAt,
                        afterId: upper.id, beforeId: lower.id, perWallet: page.fetchLimit)
                ).map { EntryRecord($0.ledgerEntry, walletOwnerID: $0.walletOwnerId) }
            }
            return try await queries.listWalletEntriesNewest(
                ListWalletEntriesNewestParams(
                    walletIds: ids, afterCreatedAt: upper.createdAt, beforeCreatedAt: lower.createdAt,
                    afterId: upper.id, beforeId: lower.id, perWallet: page.fetchLimit)
            ).map { EntryRecord($0.ledgerEntry, walletOwnerID: $0.walletOwnerId) }
        }
        let byWallet = Dictionary(grouping: entries, by: \.walletID)
        return wallets.map { wallet in
            let (kept, info) = page.page(byWallet[wallet.id] ?? []) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
            return LedgerEntryConnectionSource(
                kept.map { LedgerEntrySource(record: $0, assetID: wallet.assetID) }, pageInfo: info,
                walletID: wallet.id)
        }
    }

    /// totalCount of transaction connections of one level: Query.transactions counts alone (aliases with the same
    /// filter count once); the wallets' counts with the same filter share one grouped statement.
    static func transactionCounts(_ sources: [TransactionConnectionSource], context: APIContext) async throws -> [Int] {
        var results = [Int?](repeating: nil, count: sources.count)
        var walletGroups: [CountWalletTransactionsParams: [(index: Int, walletID: UUID)]] = [:]
        var allCounts: [CountTransactionsMatchingParams: Int] = [:]
        var userCounts: [CountUserTransactionsParams: Int] = [:]
        for (index, source) in sources.enumerated() {
            switch source.count {
            case .nothing: results[index] = 0
            case .all(let params):
                if allCounts[params] == nil {
                    let total = try await context.database.read { try await $0.countTransactionsMatching(params) }
                    allCounts[params] = Int(total ?? 0)
                }
                results[index] = allCounts[params]
            case .user(let params):
                if userCounts[params] == nil {
                    let total = try await context.database.read { try await $0.countUserTransactions(params) }
                    userCounts[params] = Int(total ?? 0)
                }
                results[index] = userCounts[params]
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
