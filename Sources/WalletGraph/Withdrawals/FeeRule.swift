/// One row of the fee schedule (`disbursement_fees`): a flat part plus a percentage of the amount, raised to
/// a minimum and capped at a maximum. All integer arithmetic in minor units (docs/withdrawals.md):
///
///     fee = clamp(flatFee + ceil(amount × percentBasisPoints / 10,000), minimumFee, maximumFee)
///
/// The percentage part rounds up to the next whole minor unit, so a fee is never under its stated rate.
public struct FeeRule: Sendable, Hashable {
    public let flatFee: Int64
    /// Hundredths of a percent: 150 is 1.5 %.
    public let percentBasisPoints: Int64
    public let minimumFee: Int64
    /// No cap when nil.
    public let maximumFee: Int64?

    public init(flatFee: Int64, percentBasisPoints: Int64 = 0, minimumFee: Int64 = 0, maximumFee: Int64? = nil) {
        self.flatFee = flatFee
        self.percentBasisPoints = percentBasisPoints
        self.minimumFee = minimumFee
        self.maximumFee = maximumFee
    }

    /// The rule with its amounts (written in whole rupiah) in minor units of an asset with `scale` decimal
    /// places; the percentage does not change.
    public func inMinorUnits(scale: Int) -> FeeRule {
        FeeRule(
            flatFee: WithdrawalPolicy.minorUnits(flatFee, scale: scale), percentBasisPoints: percentBasisPoints,
            minimumFee: WithdrawalPolicy.minorUnits(minimumFee, scale: scale),
            maximumFee: maximumFee.map { WithdrawalPolicy.minorUnits($0, scale: scale) })
    }

    /// The fee for withdrawing `amount` (positive). An amount so large that the fee leaves `Int64` is
    /// ``ErrorCode/invalidAmount``.
    public func fee(for amount: Int64) throws(DomainError) -> Int64 {
        guard amount > 0 else { throw DomainError(.invalidAmount, field: ["amount"], detail: "must be greater than zero") }
        let outOfRange = DomainError(.invalidAmount, field: ["amount"], detail: "the fee is out of range")
        let (scaled, overflow) = amount.multipliedReportingOverflow(by: percentBasisPoints)
        if overflow { throw outOfRange }
        // ceil(scaled / 10,000) for scaled >= 0, without the overflow of adding 9,999 first.
        let percentPart = scaled / 10_000 + (scaled % 10_000 == 0 ? 0 : 1)
        let (sum, sumOverflow) = flatFee.addingReportingOverflow(percentPart)
        if sumOverflow { throw outOfRange }
        var fee = max(sum, minimumFee)
        if let maximumFee { fee = min(fee, maximumFee) }
        return fee
    }
}
