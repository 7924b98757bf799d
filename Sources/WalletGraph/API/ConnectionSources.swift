import Foundation
import WalletGraphQueries

// Object sources of the connection types and of the small types that have no record of their own.

/// A `LedgerEntry`: the stored entry and its wallet's asset (for the scale of its amounts). Resolvers also accept
/// a bare `EntryRecord`, whose asset they then load through its wallet.
struct LedgerEntrySource: Sendable, Hashable {
    let record: EntryRecord
    let assetID: UUID
}

/// A `TransactionEdge`.
struct TransactionEdgeSource: Sendable, Hashable {
    let cursor: String
    let node: TransactionRecord
}

/// A `LedgerEntryEdge`.
struct LedgerEntryEdgeSource: Sendable, Hashable {
    let cursor: String
    let node: LedgerEntrySource
}

/// How to count a transaction connection's matches, run only when `totalCount` is selected.
enum TransactionCountQuery: Sendable, Hashable {
    /// The filter matches nothing.
    case nothing
    /// An admin's Query.transactions (without a `walletId` filter, which counts as `.wallet`).
    case all(CountTransactionsMatchingParams)
    /// A user's Query.transactions.
    case user(CountUserTransactionsParams)
    /// Wallet.transactions of one wallet; `params.walletIds` is empty until the counts of a level are batched.
    case wallet(UUID, CountWalletTransactionsParams)
}

/// A `TransactionConnection`: one page, its page info, and how to count the whole.
struct TransactionConnectionSource: Sendable, Hashable {
    let edges: [TransactionEdgeSource]
    let pageInfo: PageInfoSource
    let count: TransactionCountQuery

    init(_ records: [TransactionRecord], pageInfo: PageInfoSource, count: TransactionCountQuery) {
        edges = records.map {
            TransactionEdgeSource(cursor: PageCursor(createdAt: $0.createdAt, id: $0.id).encoded, node: $0)
        }
        self.pageInfo = pageInfo
        self.count = count
    }

    static func empty(count: TransactionCountQuery = .nothing) -> TransactionConnectionSource {
        TransactionConnectionSource([], pageInfo: .empty, count: count)
    }
}

/// A `LedgerEntryConnection` of one wallet.
struct LedgerEntryConnectionSource: Sendable, Hashable {
    let edges: [LedgerEntryEdgeSource]
    let pageInfo: PageInfoSource
    let walletID: UUID

    init(_ entries: [LedgerEntrySource], pageInfo: PageInfoSource, walletID: UUID) {
        edges = entries.map {
            LedgerEntryEdgeSource(
                cursor: PageCursor(createdAt: $0.record.createdAt, id: $0.record.id).encoded, node: $0)
        }
        self.pageInfo = pageInfo
        self.walletID = walletID
    }
}

/// A `Counterparty`: the other party of a transfer, by name only.
struct CounterpartySource: Sendable, Hashable {
    let username: String
    let name: String
}
