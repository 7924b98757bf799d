import Foundation

/// The limits of withdrawals (seed 000): per withdrawal, per user and day, and how long a hold may wait.
///
/// The amounts are whole units of the asset (rupiah), as the seed and `DAILY_WITHDRAWAL_LIMIT` write them; the
/// ledger converts them to the asset's minor units with ``limits(scale:)``, so IDR at scale 0 (the demo) or 2
/// (ISO 4217) has the same limits in rupiah.
public struct WithdrawalPolicy: Sendable, Hashable {
    /// The smallest withdrawal, in IDR minor units (Rp 10,000).
    public var minimum: Int64
    /// The largest withdrawal (Rp 50,000,000).
    public var maximum: Int64
    /// What one user may withdraw per calendar day in Asia/Jakarta, fees excluded, counting every withdrawal
    /// that has not failed (`DAILY_WITHDRAWAL_LIMIT`, Rp 100,000,000 by default).
    public var dailyLimit: Int64
    /// How long a withdrawal may stay `PENDING` before the sweeper fails and refunds it
    /// (`DISBURSEMENT_HOLD_TIMEOUT`, 24 hours by default). `PROCESSING` ones are never swept.
    public var holdTimeout: Duration
    /// The asset withdrawals pay out in.
    public var assetCode: String

    public init(
        minimum: Int64 = 10_000, maximum: Int64 = 50_000_000, dailyLimit: Int64 = 100_000_000,
        holdTimeout: Duration = .seconds(24 * 3600), assetCode: String = "IDR"
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.dailyLimit = dailyLimit
        self.holdTimeout = holdTimeout
        self.assetCode = assetCode
    }

    /// The minimum, maximum and daily limit in minor units of an asset with `scale` decimal places.
    public func limits(scale: Int) -> (minimum: Int64, maximum: Int64, dailyLimit: Int64) {
        (Self.minorUnits(minimum, scale: scale), Self.minorUnits(maximum, scale: scale),
         Self.minorUnits(dailyLimit, scale: scale))
    }

    /// `whole` units in minor units of an asset with `scale` decimal places; `Int64.max` when that does not fit
    /// (a limit beyond every balance).
    public static func minorUnits(_ whole: Int64, scale: Int) -> Int64 {
        var value = whole
        for _ in 0..<max(0, scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return value < 0 ? .min : .max }
            value = next
        }
        return value
    }

    /// Western Indonesian Time: UTC+7 all year (Indonesia has no daylight saving).
    static let jakartaOffsetSeconds: Int64 = 7 * 3600

    /// The start of the Asia/Jakarta calendar day that contains `instant`.
    public static func startOfJakartaDay(containing instant: Date) -> Date {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down)) + jakartaOffsetSeconds
        let dayStart = seconds - ((seconds % 86_400) + 86_400) % 86_400
        return Date(timeIntervalSince1970: TimeInterval(dayStart - jakartaOffsetSeconds))
    }

    /// The instant before which a `PENDING` withdrawal has waited too long, at `now`.
    func holdDeadline(now: Date) -> Date {
        let (seconds, attoseconds) = holdTimeout.components
        return now.addingTimeInterval(-(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18))
    }
}
