import Foundation
import GraphQLCore
import WalletGraphQueries

// The withdrawals' read-side sources: generated rows as records, the quote and connection sources, and who may
// see a withdrawal.

extension Viewer {
    /// Operators and admins: the back office, which sees every withdrawal (and the method it pays to).
    var isStaff: Bool { role == .operator || role == .admin }

    /// Whether the viewer may see `disbursement`: their own, or any for the back office.
    func maySee(_ disbursement: DisbursementRecord) -> Bool { isStaff || disbursement.userID == id }
}

/// A `DisbursementQuote`: the ledger's quote and the wallet's asset (scale and code).
struct DisbursementQuoteSource: Sendable, Hashable {
    let quote: WithdrawalQuote
    let asset: AssetRecord
}

/// A `DisbursementEdge`.
struct DisbursementEdgeSource: Sendable, Hashable {
    let cursor: String
    let node: DisbursementRecord
}

/// How to count a disbursement connection's matches, run only when `totalCount` is selected.
enum DisbursementCountQuery: Sendable, Hashable {
    case nothing
    /// A user's own withdrawals.
    case user(CountUserDisbursementsParams)
    /// Everyone's (operators and admins).
    case all(DisbursementFilterInput)
}

/// A `DisbursementConnection`: one page, its page info, and how to count the whole.
struct DisbursementConnectionSource: Sendable, Hashable {
    let edges: [DisbursementEdgeSource]
    let pageInfo: PageInfoSource
    let count: DisbursementCountQuery

    init(_ records: [DisbursementRecord], pageInfo: PageInfoSource, count: DisbursementCountQuery) {
        edges = records.map {
            DisbursementEdgeSource(cursor: PageCursor(createdAt: $0.createdAt, id: $0.id).encoded, node: $0)
        }
        self.pageInfo = pageInfo
        self.count = count
    }
}

/// `DisbursementFilter`, checked. An omitted field, a null, or an empty list is no constraint.
struct DisbursementFilterInput: Sendable, Hashable {
    var statuses: [String]?
    var createdAfter: Date?
    var createdBefore: Date?

    init(_ value: InputValue?) throws {
        guard let value, case .object(let fields) = value else { return }
        if let items = fields["statuses"]?.listValue, !items.isEmpty {
            statuses = try items.compactMap(\.stringValue).map { name in
                // The engine validated the enum; anything else is a programming error (internal).
                guard let status = DisbursementStatus(rawValue: name) else {
                    throw TransactionFilterInput.UnknownEnumValue(value: name)
                }
                return status.rawValue
            }
        }
        // The DateTime scalar has already checked and normalised these.
        createdAfter = fields["createdAfter"]?.stringValue.flatMap(DateTimeFormat.parse)
        createdBefore = fields["createdBefore"]?.stringValue.flatMap(DateTimeFormat.parse)
    }
}
