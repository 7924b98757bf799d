/// Durations as operators write them: whole seconds (`3600`), or Go's notation, a sequence of decimal numbers
/// each with a unit, `ns`, `us` (or `µs`), `ms`, `s`, `m` or `h` (`24h`, `1h30m`, `1.5h`, `500ms`). Units may come
/// in any order, as in Go. Exact to the nanosecond, with integer arithmetic.
enum DurationText {
    /// The duration `text` names, or nil when it is malformed, negative or beyond `Int64` nanoseconds.
    static func parse(_ text: String) -> Duration? {
        let scalars = Array(text.lowercased().unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        if scalars.allSatisfy(isDigit) {
            guard let seconds = Int64(text), seconds <= Int64.max / 1_000_000_000 else { return nil }
            return .seconds(seconds)
        }
        var total: Int64 = 0
        var index = 0
        while index < scalars.count {
            // The number: digits, optionally a point and more digits; at least one digit in all.
            var whole: Int64 = 0
            var fraction: [Int64] = []
            var digits = 0
            while index < scalars.count, isDigit(scalars[index]) {
                let (times, overflow) = whole.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                whole = times + Int64(scalars[index].value - 48)
                digits += 1
                index += 1
            }
            if index < scalars.count, scalars[index] == "." {
                index += 1
                while index < scalars.count, isDigit(scalars[index]) {
                    if fraction.count < 18 { fraction.append(Int64(scalars[index].value - 48)) }
                    digits += 1
                    index += 1
                }
            }
            guard digits > 0 else { return nil }
            // The unit.
            var unit = ""
            while index < scalars.count, !isDigit(scalars[index]), scalars[index] != "." {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let nanoseconds = unitNanoseconds[unit] else { return nil }
            let (wholePart, wholeOverflow) = whole.multipliedReportingOverflow(by: nanoseconds)
            guard !wholeOverflow else { return nil }
            // fraction × unit, digit by digit: each digit's weight divides the unit exactly or rounds down.
            var fractionPart: Int64 = 0
            var weight = nanoseconds
            for digit in fraction {
                weight /= 10
                fractionPart += digit * weight
            }
            let (sum, sumOverflow) = total.addingReportingOverflow(wholePart)
            guard !sumOverflow else { return nil }
            let (next, nextOverflow) = sum.addingReportingOverflow(fractionPart)
            guard !nextOverflow else { return nil }
            total = next
        }
        return .nanoseconds(total)
    }

    private static let unitNanoseconds: [String: Int64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
}
