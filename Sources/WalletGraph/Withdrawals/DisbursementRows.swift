import Foundation
import WalletGraphQueries

extension DisbursementMethodRecord {
    init(_ row: DisbursementMethod) throws {
        guard let type = DisbursementType(rawValue: row.type), let provider = DisbursementProvider(rawValue: row.provider)
        else { throw CorruptRow(description: "disbursement method \(row.id) has type \(row.type), provider \(row.provider)") }
        self.init(
            id: row.id, userID: row.userId, type: type, provider: provider, bankCode: row.bankCode,
            accountNumber: row.accountNumber, accountHolderName: row.accountHolderName, isDefault: row.isDefault,
            createdAt: row.createdAt, updatedAt: row.updatedAt, removedAt: row.removedAt)
    }
}

extension DisbursementRecord {
    init(_ row: Disbursement) throws {
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

