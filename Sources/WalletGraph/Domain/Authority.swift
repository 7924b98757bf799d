import Foundation

/// Who may do what to which wallet: pure rules over the initiator and the wallets' owners.
///
/// A wallet the initiator may not act on is reported as ``ErrorCode/walletNotFound``, exactly as a missing one,
/// so that ids reveal nothing about other users' wallets. ``ErrorCode/forbidden`` is only for operations the
/// initiator's role cannot perform at all.
public enum Authority {
    /// Whether `initiator` may top up `wallet`: operators and admins any user wallet; users their own, when
    /// self top-up is on.
    public static func checkTopUp(_ initiator: Initiator, wallet: WalletState, allowSelfTopUp: Bool) throws(DomainError) {
        guard wallet.kind == .user else { throw DomainError(.walletNotFound, field: ["walletId"]) }
        switch initiator.role {
        case .operator, .admin:
            return
        case .user:
            guard wallet.ownerID == initiator.userID else { throw DomainError(.walletNotFound, field: ["walletId"]) }
            guard allowSelfTopUp else { throw DomainError(.forbidden, detail: "self top-up is disabled") }
        }
    }

    /// Whether `initiator` may take money out of `wallet` (spend, transfer from, withdraw): only its owner, in any role.
    public static func checkDebit(_ initiator: Initiator, wallet: WalletState, field: String) throws(DomainError) {
        guard wallet.kind == .user, wallet.ownerID == initiator.userID else {
            throw DomainError(.walletNotFound, field: [field])
        }
    }

    /// Whether `wallet` may receive a payment from a user: any user wallet, as an account number may.
    public static func checkPayee(wallet: WalletState, field: String) throws(DomainError) {
        guard wallet.kind == .user else { throw DomainError(.walletNotFound, field: [field]) }
    }

    /// Whether `initiator` may record what happened to a withdrawal (processing, completed, failed): operators
    /// and admins.
    public static func requireOperator(_ initiator: Initiator) throws(DomainError) {
        guard initiator.role == .operator || initiator.role == .admin else { throw DomainError(.forbidden) }
    }

    /// Whether `initiator` may grant bonuses, create assets, freeze wallets and run reconcile: admins only.
    public static func requireAdmin(_ initiator: Initiator) throws(DomainError) {
        guard initiator.role == .admin else { throw DomainError(.forbidden) }
    }
}
