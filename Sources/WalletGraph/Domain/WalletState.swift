import Foundation

/// A wallet as a money operation sees it once it holds the wallet's lock: the facts the planner decides on.
public struct WalletState: Sendable, Hashable {
    public let id: UUID
    public let ownerID: UUID?
    public let assetID: UUID
    public let kind: WalletKind
    public let purpose: SystemPurpose?
    public let allowNegative: Bool
    public let status: WalletStatus
    public let balance: Int64
    public let version: Int64

    public init(
        id: UUID, ownerID: UUID?, assetID: UUID, kind: WalletKind, purpose: SystemPurpose? = nil,
        allowNegative: Bool = false, status: WalletStatus = .active, balance: Int64, version: Int64
    ) {
        self.id = id
        self.ownerID = ownerID
        self.assetID = assetID
        self.kind = kind
        self.purpose = purpose
        self.allowNegative = allowNegative
        self.status = status
        self.balance = balance
        self.version = version
    }
}
