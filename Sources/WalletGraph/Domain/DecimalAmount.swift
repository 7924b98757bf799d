/// Exact conversion between an amount in minor units (`Int64`) and its decimal text at an asset's scale.
///
/// The text form is what the API shows and accepts: an optional `-`, digits, and an optional fraction of at
/// most `scale` digits; no exponent, no spaces, no `+`. Shown amounts always have exactly `scale` fraction
/// digits: `format(12345, scale: 4)` is `"1.2345"`, `format(-500, scale: 0)` is `"-500"`. No floating point is
/// ever involved.
public enum DecimalAmount {
    /// The largest scale an asset may have; 10^18 still fits in an `Int64`.
    public static let maximumScale = 18

    /// Why a text is not an amount.
    public enum ParseFailure: Error, Sendable, Hashable {
        /// Not of the form `-?digits(.digits)?`.
        case malformed
        /// More fraction digits than the scale allows.
        case tooManyFractionDigits
        /// Outside the range of `Int64` minor units.
        case outOfRange
    }

    /// The minor units that `text` denotes at `scale`.
    public static func parse(_ text: String, scale: Int) throws(ParseFailure) -> Int64 {
        guard (0...maximumScale).contains(scale) else { throw .outOfRange }
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let integerPart = point.map { bytes[..<$0] } ?? bytes
        let fractionPart = point.map { bytes[($0 + 1)...] } ?? []
        guard !integerPart.isEmpty, point == nil || !fractionPart.isEmpty,
            integerPart.allSatisfy(isDigit), fractionPart.allSatisfy(isDigit)
        else { throw .malformed }
        guard fractionPart.count <= scale else { throw .tooManyFractionDigits }

        // Accumulate as a negative number so that Int64.min is reachable, then flip.
        var value: Int64 = 0
        func push(_ digit: UInt8) throws(ParseFailure) {
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw .outOfRange }
            value = next
        }
        for digit in integerPart { try push(digit) }
        for digit in fractionPart { try push(digit) }
        for _ in 0..<(scale - fractionPart.count) { try push(UInt8(ascii: "0")) }
        if negative { return value }
        guard value != .min else { throw .outOfRange }
        return -value
    }

    /// The minor units of an integer amount in whole units (`7` at scale 2 is 700), for integer literals.
    public static func fromWholeUnits(_ units: Int64, scale: Int) throws(ParseFailure) -> Int64 {
        guard (0...maximumScale).contains(scale) else { throw .outOfRange }
        var value = units
        for _ in 0..<scale {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .outOfRange }
            value = next
        }
        return value
    }

    /// `minorUnits` as decimal text with exactly `scale` fraction digits.
    public static func format(_ minorUnits: Int64, scale: Int) -> String {
        let digits = String(minorUnits.magnitude)
        let sign = minorUnits < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<split] + "." + padded[split...]
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
