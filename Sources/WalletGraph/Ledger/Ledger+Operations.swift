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
    /// `authorize` accepted the locked wallet. Checked after the key lookup, in this order: the wallet exists,
    /// `authorize`, the amount at the wallet's scale, then ``PostingPlanner``'s rules.
    private func postSingle(
        _ request: MoneyRequest, operation: String, type: TransactionType, system purpose: SystemPurpose, into: Bool,
        by initiator: Initiator, authorize: (WalletState) throws(DomainError) -> Void
    ) async throws -> LedgerReceipt {
        let description = RequestChecks.normalized(request.description)
        try RequestChecks.check(amount: request.amount, description: description)
        var normalized = request
        normalized.description = description
        // Checked alone here, so that a bad key is refused before the transaction opens.
        _ = try normalized.idempotent(operation, scale: nil)
        var scale: Int?
        return try await post(
            canonical: { queries in
                scale = try await amountScale(request.amount, wallet: request.walletID, queries)
                return try normalized.idempotent(operation, scale: scale)
            }, initiator: initiator
        ) { queries, _ in
            let wallet = try await lockedUserWallet(request.walletID, field: "walletId", queries)
            try authorize(wallet.state)
            let amount = try minorUnits(request.amount, scale: scale, wallet: "walletId")
            let system = try await lockSystemWallet(asset: wallet.assetID, purpose: purpose, queries)
            let leg = into
                ? PostingLeg(debit: system.id, credit: wallet.id, amount: amount)
                : PostingLeg(debit: wallet.id, credit: system.id, amount: amount)
            let header = PostingHeader(type: type, status: .completed, amount: amount, description: description)
            return (
                header,
                try PostingPlanner.plan(
                    legs: [leg], wallets: [wallet.id: wallet.state, system.id: system.state],
                    fields: [wallet.id: "walletId"])
            )
        }
    }

    /// The scale `amount` is read at: its wallet's asset's, looked up only when the amount is a client's decimal
    /// text (minor units need no scale). Nil when the wallet does not exist.
    func amountScale(_ amount: RequestedAmount, wallet: UUID, _ queries: Queries) async throws -> Int? {
        guard case .decimal = amount else { return nil }
        return try await walletScale(wallet, queries)
    }

    /// Moves money from the initiator's wallet to another user wallet, given by id or as a user's default wallet
    /// in the source's asset. A destination the initiator cannot pay is ``ErrorCode/walletNotFound``, whatever
    /// the reason, so the answer reveals nothing about other users.
    ///
    /// After the key lookup, everything about the payer is checked before anything about the destination: the
    /// source is the initiator's, active, the amount fits its asset, and its balance covers the amount. Only then
    /// is the destination looked at, so that a payer cannot probe whether a wallet or username exists with an
    /// amount they do not have. A destination that is frozen, in another asset, or whose balance the credit would
    /// take beyond `Int64` is ``ErrorCode/walletNotFound`` too, unless it is the initiator's own wallet.
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
        _ = try normalized.idempotent(scale: nil)
        var scale: Int?
        return try await post(
            canonical: { queries in
                scale = try await amountScale(request.amount, wallet: request.fromWalletID, queries)
                return try normalized.idempotent(scale: scale)
            }, initiator: initiator
        ) { queries, _ in
            let (payeeID, field) = try await payeeCandidate(request, queries)
            let wallets = try await lockUserWallets([request.fromWalletID] + (payeeID.map { [$0] } ?? []), queries)
            guard let source = wallets[request.fromWalletID] else {
                throw DomainError(.walletNotFound, field: ["fromWalletId"])
            }
            try Authority.checkDebit(initiator, wallet: source.state, field: "fromWalletId")
            guard source.status == .active else { throw DomainError(.walletFrozen, field: ["fromWalletId"]) }
            let amount = try minorUnits(request.amount, scale: scale, wallet: "fromWalletId")
            guard amount <= source.balance || source.allowNegative else {
                throw DomainError(.insufficientBalance, field: ["amount"])
            }
            // The payer's side holds; now the destination.
            guard let payeeID, let payee = wallets[payeeID] else { throw DomainError(.walletNotFound, field: [field]) }
            if payee.id == source.id { throw DomainError(.sameWallet, field: [field]) }
            try Authority.checkPayee(wallet: payee.state, field: field)
            let hidden = payee.ownerID != initiator.userID
            func masked(_ error: DomainError) -> DomainError {
                hidden ? DomainError(.walletNotFound, field: [field]) : error
            }
            guard payee.assetID == source.assetID else { throw masked(DomainError(.assetMismatch, field: [field])) }
            guard payee.status == .active else { throw masked(DomainError(.walletFrozen, field: [field])) }
            guard !payee.balance.addingReportingOverflow(amount).overflow else {
                throw masked(DomainError(.invalidAmount, field: [field], detail: "the payee's balance would leave Int64"))
            }
            let header = PostingHeader(type: .transfer, status: .completed, amount: amount, description: description)
            return (
                header,
                try PostingPlanner.plan(
                    legs: [PostingLeg(debit: source.id, credit: payee.id, amount: amount)],
                    wallets: [source.id: source.state, payee.id: payee.state],
                    fields: [source.id: "fromWalletId", payee.id: field])
            )
        }
    }

    /// The destination's wallet id, if there is one, and the input field it came from. A username is looked up
    /// in the source's asset, without a lock (a wallet's asset never changes); the caller locks both wallets
    /// together, in id order. Nil for a username that names no one or is not a username at all, and for a missing
    /// source: the caller reports those in its own order.
    private func payeeCandidate(_ request: TransferRequest, _ queries: Queries) async throws -> (UUID?, String) {
        switch request.destination {
        case .wallet(let id):
            return (id, "toWalletId")
        case .username(let text):
            guard let username = try? UserProfile.normalizedUsername(text),
                let source = try await queries.getWallet(id: request.fromWalletID)
            else { return (nil, "toUsername") }
            let payee = try await queries.getDefaultWalletByUsername(username: username, assetId: source.assetId)
            return (payee?.id, "toUsername")
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
