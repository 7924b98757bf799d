import Foundation

/// Checks and normalises what a user types as a payout account (docs/withdrawals.md).
///
/// - A bank account is ASCII digits of the bank's length (BCA 10, Mandiri 13, BNI 10, BRI 15, CIMB Niaga 13,
///   Permata 10, BSI 10). Spaces and hyphens between groups are dropped.
/// - An e-wallet account is the holder's Indonesian mobile number, stored as `+628…` with 9 to 12 digits
///   after `+62`. `+628…`, `628…` and `08…` are accepted, with spaces and hyphens.
public enum AccountNumber {
    /// The stored form of `text` for `provider`, or ``ErrorCode/invalidAccountNumber``.
    public static func normalized(_ text: String, provider: DisbursementProvider) throws(DomainError) -> String {
        let invalid = DomainError(
            .invalidAccountNumber, field: ["accountNumber"], detail: expectation(for: provider))
        guard text.utf8.count <= 64 else { throw invalid }
        var compact = String(text.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
        if let digits = provider.accountDigits {
            guard compact.utf8.count == digits, compact.utf8.allSatisfy(isDigit) else { throw invalid }
            return compact
        }
        if compact.hasPrefix("+62") {
            compact.removeFirst(3)
        } else if compact.hasPrefix("62") {
            compact.removeFirst(2)
        } else if compact.hasPrefix("0") {
            compact.removeFirst(1)
        } else {
            throw invalid
        }
        guard compact.hasPrefix("8"), (9...12).contains(compact.utf8.count), compact.utf8.allSatisfy(isDigit) else {
            throw invalid
        }
        return "+62" + compact
    }

    /// `number` with every character but the last four replaced by `*`.
    public static func masked(_ number: String) -> String {
        let characters = Array(number)
        let shown = min(4, characters.count)
        return String(repeating: "*", count: characters.count - shown) + String(characters.suffix(shown))
    }

    /// The trimmed holder name, or ``ErrorCode/invalidInput``: 1 to 100 characters of letters, spaces and
    /// `.,'-`, with at least one letter.
    public static func holderName(_ text: String) throws(DomainError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let allowed = trimmed.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
                || scalar == " " || ".,'-".unicodeScalars.contains(scalar)
        }
        guard (1...100).contains(trimmed.unicodeScalars.count), allowed,
            trimmed.unicodeScalars.contains(where: { $0.properties.isAlphabetic })
        else {
            throw DomainError(
                .invalidInput, field: ["accountHolderName"],
                detail: "1 to 100 characters: letters, spaces and . , ' -")
        }
        return trimmed
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func expectation(for provider: DisbursementProvider) -> String {
        if let digits = provider.accountDigits { return "\(provider.rawValue) account numbers have \(digits) digits" }
        return "an Indonesian mobile number such as +6281234567890"
    }
}
