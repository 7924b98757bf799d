import Foundation

/// Validates the legs of a money movement against the locked wallets and plans its entries. A pure function
/// of its inputs: it reads no clock and does no I/O, so every rule is testable alone.
///
/// Checked, in this order, for each leg: the amount is positive; both wallets were locked; they differ; they
/// hold the same asset; both are active; the debit stays at or above zero unless its wallet may go negative;
/// and neither balance nor version leaves the `Int64` range. Who may ask is ``Authority``'s question, not this.
public enum PostingPlanner {
    /// The entries for `legs` over `wallets` (keyed by id), or the first rule they break. `fields` names the
    /// input field each wallet came from, for the error's `field`.
    public static func plan(
        legs: [PostingLeg], wallets: [UUID: WalletState], fields: [UUID: String] = [:]
    ) throws(DomainError) -> PostingPlan {
        func field(_ id: UUID) -> [String]? { fields[id].map { [$0] } }
        guard !legs.isEmpty else { throw DomainError(.invalidAmount, field: ["amount"]) }
        var assetID: UUID?
        var balances: [UUID: Int64] = [:]
        var versions: [UUID: Int64] = [:]
        var entries: [PlannedEntry] = []
        entries.reserveCapacity(legs.count * 2)

        for leg in legs {
            guard leg.amount > 0 else { throw DomainError(.invalidAmount, field: ["amount"], detail: "must be greater than zero") }
            guard let debit = wallets[leg.debit] else { throw DomainError(.walletNotFound, field: field(leg.debit)) }
            guard let credit = wallets[leg.credit] else { throw DomainError(.walletNotFound, field: field(leg.credit)) }
            guard debit.id != credit.id else { throw DomainError(.sameWallet, field: field(credit.id)) }
            let planAsset = assetID ?? debit.assetID
            assetID = planAsset
            guard debit.assetID == credit.assetID, debit.assetID == planAsset else {
                throw DomainError(.assetMismatch, field: field(credit.id))
            }
            for wallet in [debit, credit] where wallet.status != .active {
                throw DomainError(.walletFrozen, field: field(wallet.id), detail: wallet.kind == .system ? "system wallet" : nil)
            }

            let debitBalance = balances[debit.id] ?? debit.balance
            let (afterDebit, debitOverflow) = debitBalance.subtractingReportingOverflow(leg.amount)
            if debitOverflow {
                throw DomainError(.invalidAmount, field: ["amount"], detail: "the resulting balance is out of range")
            }
            if afterDebit < 0 && !debit.allowNegative { throw DomainError(.insufficientBalance, field: ["amount"]) }
            let creditBalance = balances[credit.id] ?? credit.balance
            let (afterCredit, creditOverflow) = creditBalance.addingReportingOverflow(leg.amount)
            if creditOverflow {
                throw DomainError(.invalidAmount, field: ["amount"], detail: "the resulting balance is out of range")
            }

            for (wallet, amount, after) in [(debit, -leg.amount, afterDebit), (credit, leg.amount, afterCredit)] {
                let (version, overflow) = (versions[wallet.id] ?? wallet.version).addingReportingOverflow(1)
                if overflow { throw DomainError(.invalidAmount, detail: "the wallet's version is out of range") }
                versions[wallet.id] = version
                balances[wallet.id] = after
                entries.append(
                    PlannedEntry(
                        walletID: wallet.id, walletOwnerID: wallet.ownerID, amount: amount, balanceAfter: after,
                        walletVersion: version))
            }
        }
        // Not empty, so the first leg set the asset.
        return PostingPlan(assetID: assetID ?? UUID(), entries: entries)
    }
}
