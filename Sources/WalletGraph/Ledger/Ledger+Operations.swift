import Foundation
import WalletGraphQueries

/// Top-up, spend, bonus and transfer: each one balanced, locked, idempotent transaction.
extension Ledger {
    /// Credits `request.walletID` from the asset's funding wallet (money that arrived at the bank).
    /// Operators and admins may top up any user wallet; users their own, when self top-up is on.
    public func topUp(_ request: MoneyRequest, by initiator: Initiator) async throws -> LedgerReceipt {
        try await postSingle(request, operation: "topUp", type: .topUp, system: .funding, into: true, by: initiator) {
            wallet throws(DomainError) in
            try Authority.checkTopUp(initiator, wallet: wallet, allowSelfTopUp: configuration.allowSelfTopUp)
        }
    }

    /// Debits the initiator's own wallet into the asset's redemption wallet (value spent in the product).
    public func spend(_ request: MoneyRequest, by initiator: Initiator) async throws -> LedgerReceipt {
        try await postSingle(request, operation: "spend", type: .spend, system: .redemption, into: false, by: initiator) {
            wallet throws(DomainError) in
            try Authority.checkDebit(initiator, wallet: wallet, field: "walletId")
        }
    }

    /// Credits a user wallet from the asset's bonus-expense wallet. Admins only.
    public func grantBonus(_ request: MoneyRequest, by initiator: Initiator) async throws -> LedgerReceipt {
        try Authority.requireAdmin(initiator)
        return try await postSingle(
            request, operation: "grantBonus", type: .bonus, system: .bonusExpense, into: true, by: initiator
        ) { wallet throws(DomainError) in
            try Authority.checkPayee(wallet: wallet, field: "walletId")
        }
    }

    /// One user wallet against a shard of a system wallet: into the user wallet (`into`) or out of it, after
    /// `authorize` accepted the locked wallet.
    private func postSingle(
        _ request: MoneyRequest, operation: String, type: TransactionType, system purpose: SystemPurpose, into: Bool,
        by initiator: Initiator, authorize: (WalletState) throws(DomainError) -> Void
    ) async throws -> LedgerReceipt {
        let description = RequestChecks.normalized(request.description)
        try RequestChecks.check(amount: request.amount, description: description)
        var normalized = request
        normalized.description = description
        let idempotent = try normalized.idempotent(operation)
        let header = PostingHeader(type: type, status: .completed, amount: request.amount, description: description)
        return try await post(header, request: idempotent, initiator: initiator) { queries, _ in
            let wallet = try await lockedUserWallet(request.walletID, field: "walletId", queries)
            try authorize(wallet.state)
            let system = try await lockSystemWallet(asset: wallet.assetID, purpose: purpose, queries)
            let leg = into
                ? PostingLeg(debit: system.id, credit: wallet.id, amount: request.amount)
                : PostingLeg(debit: wallet.id, credit: system.id, amount: request.amount)
            return try PostingPlanner.plan(
                legs: [leg], wallets: [wallet.id: wallet.state, system.id: system.state], fields: [wallet.id: "walletId"])
        }
    }

    /// Moves money from the initiator's wallet to another user wallet, given by id or as a user's default wallet
    /// in the source's asset. A destination the initiator cannot pay is ``ErrorCode/walletNotFound``, whatever
    /// the reason, so the answer reveals nothing about other users.
    public func transfer(_ request: TransferRequest, by initiator: Initiator) async throws -> LedgerReceipt {
        let description = RequestChecks.normalized(request.description)
        try RequestChecks.check(amount: request.amount, description: description)
        var normalized = request
        normalized.description = description
        switch request.destination {
        case .wallet(let to) where to == request.fromWalletID:
            throw DomainError(.sameWallet, field: ["toWalletId"])
        case .username(let text):
            // The fingerprint sees the username as the lookup does; an invalid one cannot name a wallet.
            normalized.destination = .username((try? UserProfile.normalizedUsername(text)) ?? text)
        default:
            break
        }
        let idempotent = try normalized.idempotent()
        let header = PostingHeader(type: .transfer, status: .completed, amount: request.amount, description: description)
        return try await post(header, request: idempotent, initiator: initiator) { queries, _ in
            let (destination, field) = try await resolve(request, initiator: initiator, queries)
            let wallets = try await lockUserWallets([request.fromWalletID, destination], queries)
            guard let source = wallets[request.fromWalletID] else {
                throw DomainError(.walletNotFound, field: ["fromWalletId"])
            }
            try Authority.checkDebit(initiator, wallet: source.state, field: "fromWalletId")
            guard let payee = wallets[destination] else { throw DomainError(.walletNotFound, field: [field]) }
            try Authority.checkPayee(wallet: payee.state, field: field)
            return try PostingPlanner.plan(
                legs: [PostingLeg(debit: source.id, credit: payee.id, amount: request.amount)],
                wallets: [source.id: source.state, payee.id: payee.state],
                fields: [source.id: "fromWalletId", payee.id: field])
        }
    }

    /// The destination wallet's id and the input field it came from. A username is looked up in the source's
    /// asset (a wallet's asset never changes, so reading it before locking is safe).
    private func resolve(
        _ request: TransferRequest, initiator: Initiator, _ queries: Queries
    ) async throws -> (UUID, String) {
        switch request.destination {
        case .wallet(let id):
            return (id, "toWalletId")
        case .username(let text):
            guard let username = try? UserProfile.normalizedUsername(text) else {
                throw DomainError(.walletNotFound, field: ["toUsername"])
            }
            guard let source = try await queries.getWallet(id: request.fromWalletID) else {
                throw DomainError(.walletNotFound, field: ["fromWalletId"])
            }
            try Authority.checkDebit(initiator, wallet: try WalletRecord(source).state, field: "fromWalletId")
            guard let payee = try await queries.getDefaultWalletByUsername(username: username, assetId: source.assetId)
            else { throw DomainError(.walletNotFound, field: ["toUsername"]) }
            if payee.id == source.id { throw DomainError(.sameWallet, field: ["toUsername"]) }
            return (payee.id, "toUsername")
        }
    }

    /// Locks one user wallet; a missing one or a system wallet is ``ErrorCode/walletNotFound``.
    func lockedUserWallet(_ id: UUID, field: String, _ queries: Queries) async throws -> WalletRecord {
        guard let wallet = try await lockUserWallets([id], queries)[id], wallet.kind == .user else {
            throw DomainError(.walletNotFound, field: [field])
        }
        return wallet
    }
}
