import Foundation

/// How a withdrawal reaches the user: a bank account or an e-wallet. Stored as the API's enum value.
public enum DisbursementType: String, Sendable, Hashable, CaseIterable {
    case bankTransfer = "BANK_TRANSFER"
    case eWallet = "E_WALLET"
}

/// The banks and e-wallets a withdrawal can go to. Stored as the API's enum value.
public enum DisbursementProvider: String, Sendable, Hashable, CaseIterable {
    case bca = "BCA"
    case mandiri = "MANDIRI"
    case bni = "BNI"
    case bri = "BRI"
    case cimbNiaga = "CIMB_NIAGA"
    case permata = "PERMATA"
    case bsi = "BSI"
    case gopay = "GOPAY"
    case ovo = "OVO"
    case dana = "DANA"
    case linkAja = "LINKAJA"
    case shopeePay = "SHOPEEPAY"

    /// Whether the provider is a bank or an e-wallet.
    public var type: DisbursementType {
        switch self {
        case .bca, .mandiri, .bni, .bri, .cimbNiaga, .permata, .bsi: .bankTransfer
        case .gopay, .ovo, .dana, .linkAja, .shopeePay: .eWallet
        }
    }

    /// The bank's three-digit code in Indonesian interbank transfers (Bank Indonesia's sandi bank); nil for an
    /// e-wallet.
    public var bankCode: String? {
        switch self {
        case .bca: "014"
        case .mandiri: "008"
        case .bni: "009"
        case .bri: "002"
        case .cimbNiaga: "022"
        case .permata: "013"
        case .bsi: "451"
        case .gopay, .ovo, .dana, .linkAja, .shopeePay: nil
        }
    }

    /// How many digits the bank's account numbers have (docs/withdrawals.md); nil for an e-wallet, whose
    /// account is the holder's mobile number.
    public var accountDigits: Int? {
        switch self {
        case .bca: 10
        case .mandiri: 13
        case .bni: 10
        case .bri: 15
        case .cimbNiaga: 13
        case .permata: 10
        case .bsi: 10
        case .gopay, .ovo, .dana, .linkAja, .shopeePay: nil
        }
    }
}

/// Where a withdrawal stands. Stored as the API's enum value.
///
/// `PENDING` (held) → `PROCESSING` (handed to the provider) → `COMPLETED`; `PENDING` or `PROCESSING` →
/// `FAILED` (refunded in full). Nothing leaves `COMPLETED` or `FAILED`.
public enum DisbursementStatus: String, Sendable, Hashable, CaseIterable {
    case pending = "PENDING"
    case processing = "PROCESSING"
    case completed = "COMPLETED"
    case failed = "FAILED"
}

/// A user's payout account as stored. `accountNumber` is the full number: show clients
/// ``accountNumberMasked``.
public struct DisbursementMethodRecord: Sendable, Hashable {
    public let id: UUID
    public let userID: UUID
    public let type: DisbursementType
    public let provider: DisbursementProvider
    public let bankCode: String?
    public let accountNumber: String
    public let accountHolderName: String
    public let isDefault: Bool
    public let createdAt: Date
    public let updatedAt: Date
    /// When the user removed it; a removed method stays for the history of its withdrawals.
    public let removedAt: Date?

    /// The account number with all but its last four characters replaced by `*`.
    public var accountNumberMasked: String { AccountNumber.masked(accountNumber) }
}

/// A withdrawal as stored.
public struct DisbursementRecord: Sendable, Hashable {
    public let id: UUID
    /// The reference a user and the provider quote (a random UUID, lowercase).
    public let referenceID: String
    public let userID: UUID
    public let walletID: UUID
    public let methodID: UUID
    public let assetID: UUID
    /// What the user receives, in minor units.
    public let amount: Int64
    /// What the withdrawal costs on top of `amount`, fixed when it was held.
    public let fee: Int64
    public let status: DisbursementStatus
    public let description: String?
    public let failureReason: String?
    /// The payout-clearing shard that holds the money until the outcome.
    public let clearingWalletID: UUID
    public let holdTransactionID: UUID
    public let settlementTransactionID: UUID?
    public let refundTransactionID: UUID?
    /// The wallet's balance right after the hold.
    public let remainingBalance: Int64
    public let processedBy: UUID?
    public let resolvedBy: UUID?
    public let createdAt: Date
    public let updatedAt: Date
    public let processingAt: Date?
    public let resolvedAt: Date?

    /// What left the wallet: amount plus fee (never overflows: both were checked when it was held).
    public var totalDebit: Int64 { amount + fee }

    /// The ledger transactions of this withdrawal, in order: the hold, then the settlement or the refund.
    public var transactionIDs: [UUID] {
        [holdTransactionID] + [settlementTransactionID, refundTransactionID].compactMap { $0 }
    }

    /// A reference as stored (a lowercase UUID), or nil for any text that cannot be one: another spelling of a
    /// UUID matches, while anything else (too long, or a NUL that PostgreSQL text cannot hold) costs no statement.
    public static func reference(_ text: String) -> String? {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else { return nil }
        return uuid.uuidString.lowercased()
    }
}

/// A withdrawal and the ledger receipt of its hold. `receipt.replayed` is true when the idempotency key had
/// already been used for the same request and nothing new was written.
public struct WithdrawalReceipt: Sendable, Hashable {
    public let disbursement: DisbursementRecord
    public let receipt: LedgerReceipt
}

/// What a withdrawal of an amount would cost, before asking for it.
public struct WithdrawalQuote: Sendable, Hashable {
    /// The wallet's asset, whose scale the amounts are in.
    public let assetID: UUID
    public let fee: Int64
    public let totalDebit: Int64
    public let minimum: Int64
    public let maximum: Int64
    /// How much more the user may withdraw today (Asia/Jakarta), fees excluded; never negative.
    public let remainingToday: Int64
    /// The method the quote is for (the default one when none was named).
    public let method: DisbursementMethodRecord
}

/// A new payout account for the initiator.
public struct NewDisbursementMethod: Sendable, Hashable {
    public var type: DisbursementType
    public var provider: DisbursementProvider
    public var accountNumber: String
    public var accountHolderName: String
    /// Make it the default; the user's first method is the default whatever this says.
    public var isDefault: Bool

    public init(
        type: DisbursementType, provider: DisbursementProvider, accountNumber: String, accountHolderName: String,
        isDefault: Bool = false
    ) {
        self.type = type
        self.provider = provider
        self.accountNumber = accountNumber
        self.accountHolderName = accountHolderName
        self.isDefault = isDefault
    }
}

/// A withdrawal of `amount` from `walletID` to `methodID` (the default method when nil).
public struct WithdrawRequest: Sendable, Hashable {
    public var walletID: UUID
    public var amount: RequestedAmount
    public var methodID: UUID?
    public var idempotencyKey: String
    public var description: String?

    public init(
        walletID: UUID, amount: RequestedAmount, methodID: UUID? = nil, idempotencyKey: String,
        description: String? = nil
    ) {
        self.walletID = walletID
        self.amount = amount
        self.methodID = methodID
        self.idempotencyKey = idempotencyKey
        self.description = description
    }

    /// A withdrawal of `amount` minor units.
    public init(walletID: UUID, amount: Int64, methodID: UUID? = nil, idempotencyKey: String, description: String? = nil) {
        self.init(
            walletID: walletID, amount: .minorUnits(amount), methodID: methodID, idempotencyKey: idempotencyKey,
            description: description)
    }
}
