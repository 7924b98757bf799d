import Foundation
import GraphQLCore

/// The API's custom scalars. Resolvers return them already formatted (`.string`); inputs reach resolvers as
/// checked, normalised strings.
enum APIScalars {
    static func bind<Context>(into map: inout ResolverMap<Context>) {
        map.scalar("Decimal", ScalarCoercion(parseValue: parseDecimal))
        map.scalar("DateTime", ScalarCoercion(parseValue: parseDateTime))
        map.scalar("BigInt", ScalarCoercion(parseValue: parseBigInt))
    }

    /// The custom scalars with their literal checks, so that a bad literal (`amount: 1.5`) is a validation failure
    /// (HTTP 400), as graphql-js reports it, rather than an error while executing.
    static let literalChecked: [ScalarType] = [
        ScalarType(name: "Decimal", checkLiteral: checkDecimalLiteral),
        ScalarType(name: "DateTime", checkLiteral: checkDateTimeLiteral),
        ScalarType(name: "BigInt", checkLiteral: checkBigIntLiteral),
    ]

    @Sendable static func checkDecimalLiteral(_ value: Value) -> String? {
        switch value.kind {
        case .variable, .null, .int: return nil
        case .string(let text, _):
            return isDecimalText(text) ? nil : "Decimal must be digits with an optional '-' and fraction, e.g. \"1500\" or \"0.25\""
        case .float: return "Decimal cannot be a floating-point number: send it as a string, e.g. \"0.25\""
        default: return "Decimal must be a string or an integer"
        }
    }

    @Sendable static func checkDateTimeLiteral(_ value: Value) -> String? {
        switch value.kind {
        case .variable, .null: return nil
        case .string(let text, _):
            return DateTimeFormat.parse(text) == nil ? "DateTime must be RFC 3339, e.g. \"2026-11-21T09:30:00.123456Z\"" : nil
        default: return "DateTime must be a string"
        }
    }

    @Sendable static func checkBigIntLiteral(_ value: Value) -> String? {
        switch value.kind {
        case .variable, .null: return nil
        case .string(let text, _), .int(let text): return Int64(text) == nil ? "BigInt must be a 64-bit integer" : nil
        default: return "BigInt must be a 64-bit integer, as a string of digits"
        }
    }

    /// An integer too large for the engine's `Int` arrives as a whole float; it is still an exact integer the
    /// client wrote, and as money it is out of range: this text makes `DecimalAmount.parse` say INVALID_AMOUNT.
    static let overflowingInteger = "99999999999999999999"

    /// A decimal string (`-`? digits (`.` digits)?, no exponent) or an integer; other numbers are refused, because
    /// a float cannot carry money exactly. Length is bounded only by the request body limit, so that any amount
    /// too large to hold is INVALID_AMOUNT, not a type error.
    @Sendable static func parseDecimal(_ value: InputValue) throws -> InputValue {
        switch value {
        case .int(let number): return .string(String(number))
        case .float(let number) where number.rounded() == number && abs(number) >= 9.2e18:
            return .string(number < 0 ? "-" + overflowingInteger : overflowingInteger)
        case .string(let text):
            guard isDecimalText(text) else {
                throw CoercionFailure("Decimal must be a string of digits with an optional '-' and fraction, e.g. \"1500\" or \"0.25\"; got \"\(text.prefix(40))\"")
            }
            return .string(text)
        case .float:
            throw CoercionFailure("Decimal cannot be a floating-point number: send it as a string, e.g. \"0.25\"")
        default:
            throw CoercionFailure("Decimal must be a string or an integer")
        }
    }

    static func isDecimalText(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return false }
        var index = bytes[0] == UInt8(ascii: "-") ? 1 : 0
        var digits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1; digits += 1 }
        guard digits > 0 else { return false }
        if index == bytes.count { return true }
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        var fraction = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1; fraction += 1 }
        return fraction > 0 && index == bytes.count
    }

    /// An RFC 3339 instant with `Z` or an offset, normalised to the API's UTC form.
    @Sendable static func parseDateTime(_ value: InputValue) throws -> InputValue {
        guard case .string(let text) = value, let date = DateTimeFormat.parse(text) else {
            throw CoercionFailure("DateTime must be an RFC 3339 string such as \"2026-11-21T09:30:00.123456Z\"")
        }
        return .string(DateTimeFormat.format(date))
    }

    /// A 64-bit integer as a decimal string, or an integer.
    @Sendable static func parseBigInt(_ value: InputValue) throws -> InputValue {
        switch value {
        case .int(let number): return .string(String(number))
        case .string(let text) where Int64(text) != nil: return .string(String(Int64(text)!))
        default: throw CoercionFailure("BigInt must be a 64-bit integer, as a string of digits")
        }
    }
}

/// RFC 3339 in UTC with exactly six fraction digits, without DateFormatter (not cheap, and not needed).
public enum DateTimeFormat {
    /// `2026-11-21T09:30:00.123456Z`; the instant is rounded to the microsecond.
    public static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or `±HH:MM` (a lower-case `t`/`z` too). Fractions
    /// beyond microseconds are truncated.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.count <= 40 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + length) {
                guard index < b.count, b[index] >= 48, b[index] <= 57 else { return nil }
                value = value * 10 + Int64(b[index] - 48)
            }
            return value
        }
        guard let year = number(0, 4), b[4] == UInt8(ascii: "-"), let month = number(5, 2), b[7] == UInt8(ascii: "-"),
            let day = number(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = number(11, 2), b[13] == UInt8(ascii: ":"), let minute = number(14, 2),
            b[16] == UInt8(ascii: ":"), let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < b.count, b[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(b[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0, digits <= 9 else { return nil }
            for _ in min(digits, 6)..<6 { micros *= 10 }
        }
        guard index < b.count else { return nil }
        var offsetSeconds: Int64 = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHours = number(index + 1, 2), index + 3 < b.count, b[index + 3] == UInt8(ascii: ":"),
                let offsetMinutes = number(index + 4, 2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
