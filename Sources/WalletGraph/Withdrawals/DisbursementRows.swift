import Foundation
import WalletGraphQueries

/// The columns of every generated `SELECT * FROM disbursement_methods` row.
protocol DisbursementMethodColumns {
    var id: UUID { get }
    var userId: UUID { get }
    var type: String { get }
    var provider: String { get }
    var bankCode: String? { get }
    var accountNumber: String { get }
    var accountHolderName: String { get }
    var isDefault: Bool { get }
    var createdAt: Date { get }
    var updatedAt: Date { get }
    var removedAt: Date? { get }
}

extension InsertDisbursementMethodRow: DisbursementMethodColumns {}
extension GetActiveDisbursementMethodRow: DisbursementMethodColumns {}
extension GetDefaultDisbursementMethodRow: DisbursementMethodColumns {}
extension NewestActiveDisbursementMethodRow: DisbursementMethodColumns {}
extension MarkDefaultDisbursementMethodRow: DisbursementMethodColumns {}
extension RemoveDisbursementMethodRow: DisbursementMethodColumns {}

extension DisbursementMethodRecord {
    init(_ row: some DisbursementMethodColumns) throws {
        guard let type = DisbursementType(rawValue: row.type), let provider = DisbursementProvider(rawValue: row.provider)
        else { throw CorruptRow(description: "disbursement method \(row.id) has type \(row.type), provider \(row.provider)") }
        self.init(
            id: row.id, userID: row.userId, type: type, provider: provider, bankCode: row.bankCode,
            accountNumber: row.accountNumber, accountHolderName: row.accountHolderName, isDefault: row.isDefault,
            createdAt: row.createdAt, updatedAt: row.updatedAt, removedAt: row.removedAt)
    }
}

/// The columns of every generated `SELECT * FROM disbursements` row.
protocol DisbursementColumns {
    var id: UUID { get }
    var referenceId: String { get }
    var userId: UUID { get }
    var walletId: UUID { get }
    var methodId: UUID { get }
    var assetId: UUID { get }
    var amount: Int64 { get }
    var fee: Int64 { get }
    var status: String { get }
    var description: String? { get }
    var failureReason: String? { get }
    var clearingWalletId: UUID { get }
    var holdTransactionId: UUID { get }
    var settlementTransactionId: UUID? { get }
    var refundTransactionId: UUID? { get }
    var remainingBalance: Int64 { get }
    var processedBy: UUID? { get }
    var resolvedBy: UUID? { get }
    var createdAt: Date { get }
    var updatedAt: Date { get }
    var processingAt: Date? { get }
    var resolvedAt: Date? { get }
}

extension InsertDisbursementRow: DisbursementColumns {}
extension GetDisbursementByHoldRow: DisbursementColumns {}
extension LockDisbursementByReferenceRow: DisbursementColumns {}
extension MarkDisbursementProcessingRow: DisbursementColumns {}
extension MarkDisbursementCompletedRow: DisbursementColumns {}
extension MarkDisbursementFailedRow: DisbursementColumns {}

extension DisbursementRecord {
    init(_ row: some DisbursementColumns) throws {
        guard let status = DisbursementStatus(rawValue: row.status) else {
            throw CorruptRow(description: "disbursement \(row.id) has status \(row.status)")
        }
        self.init(
            id: row.id, referenceID: row.referenceId, userID: row.userId, walletID: row.walletId,
            methodID: row.methodId, assetID: row.assetId, amount: row.amount, fee: row.fee, status: status,
            description: row.description, failureReason: row.failureReason, clearingWalletID: row.clearingWalletId,
            holdTransactionID: row.holdTransactionId, settlementTransactionID: row.settlementTransactionId,
            refundTransactionID: row.refundTransactionId, remainingBalance: row.remainingBalance,
            processedBy: row.processedBy, resolvedBy: row.resolvedBy, createdAt: row.createdAt,
            updatedAt: row.updatedAt, processingAt: row.processingAt, resolvedAt: row.resolvedAt)
    }
}

extension LockWalletRow: WalletColumns {}
