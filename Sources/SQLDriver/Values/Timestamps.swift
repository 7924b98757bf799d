import Foundation

/// Conversions between `Date` and the integer microseconds both engines store.
///
/// SQLite keeps microseconds since 1970-01-01T00:00:00Z in an INTEGER column; PostgreSQL's binary
/// `timestamptz` is microseconds since 2000-01-01. Both are exact integers, so a value written on
/// one engine reads back identically on either, and orders correctly as a number.
///
/// `Date` is a Double of seconds since 2001, so whole microseconds survive a round trip exactly for
/// dates within about ±285 years of 2001 (roughly 1716 to 2286); beyond that they round.
enum Timestamps {
    /// Seconds from 1970-01-01 to Foundation's reference date, 2001-01-01.
    static let unixToReferenceSeconds: Int64 = 978_307_200
    /// Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let unixToPostgresMicros: Int64 = 946_684_800_000_000

    /// `date` rounded to the nearest microsecond since 1970, or nil when it is not representable.
    static func unixMicros(_ date: Date) -> Int64? {
        // Working from the reference date keeps the Double's magnitude, and so its rounding error, small.
        let micros = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard micros.isFinite, abs(micros) < 9.0e18 else { return nil }
        let (sum, overflow) = Int64(micros).addingReportingOverflow(unixToReferenceSeconds * 1_000_000)
        return overflow ? nil : sum
    }

    /// The date `micros` microseconds after 1970-01-01.
    static func date(unixMicros micros: Int64) -> Date {
        let sinceReference = micros &- unixToReferenceSeconds * 1_000_000
        return Date(timeIntervalSinceReferenceDate: Double(sinceReference) / 1_000_000)
    }
}
