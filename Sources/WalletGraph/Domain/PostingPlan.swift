import Foundation

/// One movement of money inside a transaction: `amount` leaves `debit` and arrives in `credit`.
public struct PostingLeg: Sendable, Hashable {
    public let debit: UUID
    public let credit: UUID
    public let amount: Int64

    public init(debit: UUID, credit: UUID, amount: Int64) {
        self.debit = debit
        self.credit = credit
        self.amount = amount
    }
}

/// An entry the ledger will write: the wallet, the signed amount, and the wallet's balance and version after it.
public struct PlannedEntry: Sendable, Hashable {
    public let walletID: UUID
    public let walletOwnerID: UUID?
    public let amount: Int64
    public let balanceAfter: Int64
    public let walletVersion: Int64
}

/// The entries of one transaction, in order: for each leg, its debit and then its credit. They sum to zero.
public struct PostingPlan: Sendable, Hashable {
    public let assetID: UUID
    public let entries: [PlannedEntry]

    /// The final balance and version of each wallet the plan touches.
    public var finalStates: [UUID: (balance: Int64, version: Int64)] {
        var states: [UUID: (Int64, Int64)] = [:]
        for entry in entries { states[entry.walletID] = (entry.balanceAfter, entry.walletVersion) }
        return states
    }
}
