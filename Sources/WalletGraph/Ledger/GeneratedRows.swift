import Foundation
import WalletGraphQueries

/// The columns every generated `SELECT * FROM wallets` row has; each query has its own row type, and this
/// protocol lets one conversion serve them all.
protocol WalletColumns {
    var id: UUID { get }
    var ownerId: UUID? { get }
    var assetId: UUID { get }
    var label: String { get }
    var kind: String { get }
    var purpose: String? { get }
    var shard: Int32 { get }
    var allowNegative: Bool { get }
    var balance: Int64 { get }
    var version: Int64 { get }
    var status: String { get }
    var isDefault: Bool { get }
    var createdAt: Date { get }
    var updatedAt: Date { get }
}

extension CreateWalletRow: WalletColumns {}
extension GetWalletRow: WalletColumns {}
extension ListWalletsByIDsRow: WalletColumns {}
extension ListWalletsByOwnerRow: WalletColumns {}
extension ListSystemWalletsRow: WalletColumns {}
extension GetDefaultWalletByUsernameRow: WalletColumns {}
extension LockUserWalletsRow: WalletColumns {}
extension LockFreeSystemShardRow: WalletColumns {}
extension LockSystemShardRow: WalletColumns {}
extension SetWalletStatusRow: WalletColumns {}
extension MarkDefaultWalletRow: WalletColumns {}

/// A stored value that is not one of its enum's cases: the schema's CHECK constraints make it impossible,
/// so it means the database was changed behind the ledger's back.
struct CorruptRow: Error, CustomStringConvertible {
    let description: String
}

extension WalletRecord {
    init(_ row: some WalletColumns) throws {
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

protocol TransactionColumns {
    var id: UUID { get }
    var type: String { get }
    var status: String { get }
    var assetId: UUID { get }
    var amount: Int64 { get }
    var description: String? { get }
    var initiatorId: UUID? { get }
    var idempotencyKey: String? { get }
    var createdAt: Date { get }
    var updatedAt: Date { get }
}

extension GetTransactionRow: TransactionColumns {}
extension ListTransactionsByIDsRow: TransactionColumns {}

extension TransactionRecord {
    init(_ row: some TransactionColumns) throws {
        guard let type = TransactionType(rawValue: row.type), let status = TransactionStatus(rawValue: row.status) else {
            throw CorruptRow(description: "transaction \(row.id) has type \(row.type), status \(row.status)")
        }
        self.init(
            id: row.id, type: type, status: status, assetID: row.assetId, amount: row.amount,
            description: row.description, initiatorID: row.initiatorId, idempotencyKey: row.idempotencyKey,
            createdAt: row.createdAt, updatedAt: row.updatedAt)
    }
}

protocol EntryColumns {
    var id: UUID { get }
    var transactionId: UUID { get }
    var line: Int32 { get }
    var walletId: UUID { get }
    var walletOwnerId: UUID? { get }
    var amount: Int64 { get }
    var balanceAfter: Int64 { get }
    var walletVersion: Int64 { get }
    var createdAt: Date { get }
}

extension ListEntriesForTransactionsRow: EntryColumns {}

extension EntryRecord {
    init(_ row: some EntryColumns) {
        self.init(
            id: row.id, transactionID: row.transactionId, line: Int(row.line), walletID: row.walletId, walletOwnerID: row.walletOwnerId,
            amount: row.amount, balanceAfter: row.balanceAfter, walletVersion: row.walletVersion,
            createdAt: row.createdAt)
    }
}
