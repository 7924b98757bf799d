import Foundation

/// A wallet as stored.
public struct WalletRecord: Sendable, Hashable {
    public let id: UUID
    public let ownerID: UUID?
    public let assetID: UUID
    public let label: String
    public let kind: WalletKind
    public let purpose: SystemPurpose?
    public let shard: Int
    public let allowNegative: Bool
    public let balance: Int64
    public let version: Int64
    public let status: WalletStatus
    public let isDefault: Bool
    public let createdAt: Date
    public let updatedAt: Date

    /// The facts a money operation decides on.
    public var state: WalletState {
        WalletState(
            id: id, ownerID: ownerID, assetID: assetID, kind: kind, purpose: purpose, allowNegative: allowNegative,
            status: status, balance: balance, version: version)
    }
}

/// A transaction as stored.
public struct TransactionRecord: Sendable, Hashable {
    public let id: UUID
    public let type: TransactionType
    public let status: TransactionStatus
    public let assetID: UUID
    public let amount: Int64
    public let description: String?
    public let initiatorID: UUID?
    public let idempotencyKey: String?
    public let createdAt: Date
    public let updatedAt: Date
}

/// A ledger entry as stored, with its wallet's owner (nil for a system wallet).
public struct EntryRecord: Sendable, Hashable {
    public let id: UUID
    public let transactionID: UUID
    public let line: Int
    public let walletID: UUID
    public let walletOwnerID: UUID?
    public let amount: Int64
    public let balanceAfter: Int64
    public let walletVersion: Int64
    public let createdAt: Date
}

/// The result of a money operation: its transaction and entries. `replayed` is true when the idempotency key
/// had already been used for the same request and nothing new was written.
///
/// `entries` holds every entry, including the other party's and the system wallet's, with their balances:
/// show a client only ``visibleEntries(to:)``.
public struct LedgerReceipt: Sendable, Hashable {
    public let transaction: TransactionRecord
    public let entries: [EntryRecord]
    public let replayed: Bool

    /// The entries `initiator` may see: an admin all of them, anyone else those on their own wallets.
    public func visibleEntries(to initiator: Initiator) -> [EntryRecord] {
        initiator.role == .admin ? entries : entries.filter { $0.walletOwnerID == initiator.userID }
    }
}

/// An asset as stored.
public struct AssetRecord: Sendable, Hashable {
    public let id: UUID
    public let code: String
    public let name: String
    public let scale: Int
    public let createdAt: Date
}
