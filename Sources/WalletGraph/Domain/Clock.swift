import Foundation

/// The source of "now" for everything the ledger stores; tests substitute a fixed or stepping clock.
///
/// Times are rounded to whole microseconds, the precision both engines store (with the driver's own
/// arithmetic), so that a value returned from an operation equals the same value read back later.
public struct LedgerClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system clock.
    public static let system = LedgerClock { Date() }

    /// Now, to the microsecond.
    public func now() -> Date {
        // The same arithmetic as the driver's, from the reference date, so the value survives a round trip.
        let microseconds = (read().timeIntervalSinceReferenceDate * 1_000_000).rounded()
        return Date(timeIntervalSinceReferenceDate: microseconds / 1_000_000)
    }
}
