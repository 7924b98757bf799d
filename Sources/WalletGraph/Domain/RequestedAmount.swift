/// A money request's amount as the caller gave it: minor units already (code inside the product), or the decimal
/// text a client sent, which becomes minor units only at the wallet's asset scale.
///
/// The API forwards the client's text untouched, so that the only check made before the idempotency key is looked
/// up is of the text itself (``checkSyntax()``: a decimal, greater than zero). Whether it fits the asset (its
/// fraction digits, the `Int64` range) is decided inside the ledger's transaction, after the key lookup
/// (docs/ledger.md, "Exactly once").
public enum RequestedAmount: Sendable, Hashable {
    case minorUnits(Int64)
    case decimal(String)

    /// What can be said without knowing the asset: the amount is a decimal and greater than zero.
    public func checkSyntax() throws(DomainError) {
        switch self {
        case .minorUnits(let value):
            guard value > 0 else { throw Self.notPositive }
        case .decimal(let text):
            guard let sign = Self.sign(of: text) else {
                throw DomainError(.invalidAmount, field: ["amount"], detail: "not a decimal number")
            }
            guard sign > 0 else { throw Self.notPositive }
        }
    }

    /// The minor units at `scale`, or ``ErrorCode/invalidAmount`` (more fraction digits than the scale, beyond
    /// `Int64`, or not positive).
    public func minorUnits(scale: Int) throws(DomainError) -> Int64 {
        let value: Int64
        switch self {
        case .minorUnits(let units):
            value = units
        case .decimal(let text):
            do {
                value = try DecimalAmount.parse(text, scale: scale)
            } catch {
                throw DomainError(.invalidAmount, field: ["amount"], detail: "\(error)")
            }
        }
        guard value > 0 else { throw Self.notPositive }
        return value
    }

    /// The amount as the idempotency fingerprint records it: the minor units when they are known at `scale`
    /// (nil when the wallet does not exist), else the text as sent. A stored request always holds minor units
    /// (only executed requests keep their key), so an amount that does not fit can never match one.
    public func fingerprintText(scale: Int?) -> String {
        switch self {
        case .minorUnits(let units):
            return String(units)
        case .decimal(let text):
            guard let scale, let units = try? DecimalAmount.parse(text, scale: scale) else { return text }
            return String(units)
        }
    }

    /// The sign of a decimal text (`-`? digits (`.` digits)?): 1, 0 for any spelling of zero, -1; nil when the
    /// text is not a decimal. Scans the text once; no arithmetic, so no length can overflow.
    static func sign(of text: String) -> Int? {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let integerPart = point.map { bytes[..<$0] } ?? bytes
        let fractionPart = point.map { bytes[($0 + 1)...] } ?? []
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !integerPart.isEmpty, point == nil || !fractionPart.isEmpty, integerPart.allSatisfy(isDigit),
            fractionPart.allSatisfy(isDigit)
        else { return nil }
        let zero = integerPart.allSatisfy { $0 == UInt8(ascii: "0") } && fractionPart.allSatisfy { $0 == UInt8(ascii: "0") }
        if zero { return 0 }
        return negative ? -1 : 1
    }

    private static let notPositive = DomainError(.invalidAmount, field: ["amount"], detail: "must be greater than zero")
}
