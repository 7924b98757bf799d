import Foundation

/// What a user may do. Stored lowercase in `users.role`.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// Holds wallets; moves only their own money.
    case user
    /// Payment-gateway and bank callbacks: tops up any wallet, records disbursement outcomes.
    case `operator`
    /// Reads everything, grants bonuses, creates assets, freezes wallets, runs reconcile.
    case admin
}

/// Who asks for an operation: the user id (idempotency keys are scoped to it) and the role it holds now.
public struct Initiator: Sendable, Hashable {
    public let userID: UUID
    public let role: Role

    public init(userID: UUID, role: Role) {
        self.userID = userID
        self.role = role
    }
}
