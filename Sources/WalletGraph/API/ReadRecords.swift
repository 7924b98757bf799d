import Foundation
import GraphQLCore
import WalletGraphQueries

// The read side's conversions: generated rows to records, domain enums to the schema's enum names.

extension TransactionType {
    /// The schema's name. Optional so that a type added to the domain before the schema shows as an internal
    /// error rather than a wrong name; today every type has one.
    var graphQLName: String? {
        switch self {
        case .topUp: "TOP_UP"
        case .spend: "SPEND"
        case .bonus: "BONUS"
        case .transfer: "TRANSFER"
        case .withdrawal: "WITHDRAWAL"
        case .withdrawalSettlement: "WITHDRAWAL_SETTLEMENT"
        case .withdrawalRefund: "WITHDRAWAL_REFUND"
        }
    }

    init?(graphQLName: String) {
        guard let type = Self.allCases.first(where: { $0.graphQLName == graphQLName }) else { return nil }
        self = type
    }
}

extension TransactionStatus {
    var graphQLName: String { rawValue.uppercased() }
}

extension WalletStatus {
    var graphQLName: String { rawValue.uppercased() }
}

extension Role {
    var graphQLName: String { rawValue.uppercased() }
}

/// A value the schema cannot show (a domain enum case added without its schema value). Internal.
struct UnrepresentableValue: Error, CustomStringConvertible {
    let description: String
}

extension UserRecord {
    init(_ row: UserProfileRow) throws {
        guard let role = Role(rawValue: row.role) else {
            throw CorruptRow(description: "user \(row.id) has role \(row.role)")
        }
        self.init(
            id: row.id, username: row.username, name: row.name, email: row.email, phone: row.phone, nik: row.nik,
            role: role, tokenVersion: row.tokenVersion, createdAt: row.createdAt)
    }
}

extension Viewer {
    /// What the viewer may read: nil for an admin (everything), else the viewer's id (their own wallets).
    var readScope: UUID? { isAdmin ? nil : id }

    /// Whether the viewer may read a wallet owned by `owner` (nil: a system wallet).
    func mayRead(walletOwnedBy owner: UUID?) -> Bool { isAdmin || (owner != nil && owner == id) }
}
