import Foundation
import WalletGraphQueries

// Records from the generated table models (one struct per table, which every query returning exactly that
// table's columns shares; `sqlc.embed` nests one in a wider row).

/// A stored value that is not one of its enum's cases: the schema's CHECK constraints make it impossible,
/// so it means the database was changed behind the ledger's back.
struct CorruptRow: Error, CustomStringConvertible {
    let description: String
}

extension WalletRecord {
    init(_ row: Wallet) throws {
        guard let kind = WalletKind(rawValue: row.kind), let status = WalletStatus(rawValue: row.status) else {
            throw CorruptRow(description: "wallet \(row.id) has kind \(row.kind), status \(row.status)")
        }
        let purpose = try row.purpose.map { text in
            guard let purpose = SystemPurpose(rawValue: text) else {
                throw CorruptRow(description: "wallet \(row.id) has purpose \(text)")
            }
            return purpose
        }
        self.init(
            id: row.id, ownerID: row.ownerId, assetID: row.assetId, label: row.label, kind: kind, purpose: purpose,
            shard: Int(row.shard), allowNegative: row.allowNegative, balance: row.balance, version: row.version,
            status: status, isDefault: row.isDefault, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }
}

extension TransactionRecord {
    init(_ row: Transaction) throws {
        guard let type = TransactionType(rawValue: row.type), let status = TransactionStatus(rawValue: row.status) else {
            throw CorruptRow(description: "transaction \(row.id) has type \(row.type), status \(row.status)")
        }
        self.init(
            id: row.id, type: type, status: status, assetID: row.assetId, amount: row.amount,
            description: row.description, initiatorID: row.initiatorId, idempotencyKey: row.idempotencyKey,
            createdAt: row.createdAt, updatedAt: row.updatedAt)
    }
}

extension EntryRecord {
    /// `walletOwnerID` comes from the entry's wallet (queries join it): who may see the entry.
    init(_ row: LedgerEntry, walletOwnerID: UUID?) {
        self.init(
            id: row.id, transactionID: row.transactionId, line: Int(row.line), walletID: row.walletId, walletOwnerID: walletOwnerID,
            amount: row.amount, balanceAfter: row.balanceAfter, walletVersion: row.walletVersion,
            createdAt: row.createdAt)
    }
}
