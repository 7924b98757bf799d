import Foundation
import GraphQLCore

/// `TransactionFilter`, checked and turned into the parameters of the transaction page queries (reads.sql).
/// An omitted field, a null, or an empty list is no constraint.
struct TransactionFilterInput: Sendable, Hashable {
    /// `walletId`; `matchesNothing` is set instead when the id is not a wallet id at all.
    var walletID: UUID?
    /// True when the filter can match nothing (an id that is not a wallet's): the page is empty, unqueried.
    var matchesNothing = false
    var types: [String]?
    var statuses: [String]?
    var createdAfter: Date?
    var createdBefore: Date?
    var minTable: String?
    var maxTable: String?

    init(_ value: InputValue?) throws {
        guard let value, case .object(let fields) = value else { return }
        if let text = fields["walletId"]?.stringValue {
            if let id = GlobalID.decode(text, as: .wallet) { walletID = id } else { matchesNothing = true }
        }
        types = try Self.list(fields["types"]) { name in
            guard let type = TransactionType(graphQLName: name) else { throw UnknownEnumValue(value: name) }
            return type.rawValue
        }
        statuses = try Self.list(fields["statuses"]) { name in
            guard let status = TransactionStatus(rawValue: name.lowercased()) else { throw UnknownEnumValue(value: name) }
            return status.rawValue
        }
        // The scalars have already checked and normalised these.
        createdAfter = fields["createdAfter"]?.stringValue.flatMap(DateTimeFormat.parse)
        createdBefore = fields["createdBefore"]?.stringValue.flatMap(DateTimeFormat.parse)
        minTable = fields["minAmount"]?.stringValue.flatMap { AmountBounds($0)?.table(rounding: .up) }
        maxTable = fields["maxAmount"]?.stringValue.flatMap { AmountBounds($0)?.table(rounding: .down) }
    }

    private static func list(_ value: InputValue?, _ transform: (String) throws -> String) throws -> [String]? {
        guard let items = value?.listValue, !items.isEmpty else { return nil }
        return try items.compactMap { $0.stringValue }.map(transform)
    }

    /// The engine validated the enum already; a value outside it is a programming error (internal).
    struct UnknownEnumValue: Error { let value: String }
}

/// An amount bound of a filter, converted to minor units at every scale an asset can have.
///
/// A bound is a decimal in the transaction's own asset. At scale `s` it is `ceil(bound × 10^s)` for a minimum
/// and `floor(bound × 10^s)` for a maximum, so `minAmount: "0.5"` keeps an IDR (scale 0) amount of 1 and up,
/// and a GOLD (scale 4) amount of 0.5000 and up. A value beyond the 64-bit range saturates at `Int64.min` or
/// `Int64.max`, which every stored amount lies within.
///
/// The 19 thresholds (scales 0…18) travel as one text parameter, 20 characters each (a sign and 19
/// zero-padded digits), and the query picks its asset's with
/// `CAST(substr(@min_table, a.scale * 20 + 1, 20) AS bigint)`: one portable comparison on both engines.
struct AmountBounds: Sendable, Hashable {
    enum Rounding { case up, down }

    static let width = 20

    let negative: Bool
    let integerDigits: [UInt8]
    let fractionDigits: [UInt8]

    /// Parses `-?digits(.digits)?` (the Decimal scalar's normal form); nil otherwise.
    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let integer = point.map { bytes[..<$0] } ?? bytes
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !integer.isEmpty, point == nil || !fraction.isEmpty, integer.allSatisfy(isDigit),
            fraction.allSatisfy(isDigit)
        else { return nil }
        integerDigits = integer.map { $0 - UInt8(ascii: "0") }
        fractionDigits = fraction.map { $0 - UInt8(ascii: "0") }
    }

    /// The bound in minor units at `scale`, rounded as asked, saturated to the 64-bit range.
    func minorUnits(scale: Int, rounding: Rounding) -> Int64 {
        // The magnitude, truncated, and whether anything was cut off.
        var magnitude: UInt64 = 0
        var overflow = false
        let digits = integerDigits + (0..<scale).map { $0 < fractionDigits.count ? fractionDigits[$0] : 0 }
        for digit in digits {
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { overflow = true; break }
            magnitude = next
        }
        let remainder = fractionDigits.dropFirst(scale).contains { $0 != 0 }
        // Truncation rounds toward zero: away from zero is down for a negative bound, up for a positive one.
        if remainder, !overflow, (rounding == .up) != negative {
            let (next, o) = magnitude.addingReportingOverflow(1)
            if o { overflow = true } else { magnitude = next }
        }
        if negative {
            if overflow || magnitude > UInt64(Int64.max) + 1 { return .min }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        if overflow || magnitude > UInt64(Int64.max) { return .max }
        return Int64(magnitude)
    }

    /// The thresholds for scales 0…18 as fixed-width text.
    func table(rounding: Rounding) -> String {
        (0...DecimalAmount.maximumScale).map { scale in
            Self.fixedWidth(minorUnits(scale: scale, rounding: rounding))
        }.joined()
    }

    /// `-0000000000000000042` / `+0000000000000001000`: a sign, then 19 digits.
    static func fixedWidth(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "+") + String(repeating: "0", count: width - 1 - digits.count) + digits
    }
}
