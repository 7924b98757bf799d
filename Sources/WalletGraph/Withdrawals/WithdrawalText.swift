import Foundation

// The withdrawals' pure text rules: the stored failure reason, the sweeper's duration wording, and a
// withdrawal's canonical request for its idempotency key.

extension Ledger {
    /// A failure reason as stored: trimmed, 1 to 500 characters, no control or bidi control characters.
    static func failureReason(_ text: String) throws(DomainError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(trimmed.unicodeScalars.count),
            !trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control || RequestChecks.isBidiControl($0)
            })
        else {
            throw DomainError(
                .invalidInput, field: ["reason"], detail: "1 to 500 characters, no control or bidi control characters")
        }
        return trimmed
    }

    static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds != 0 || seconds == 0 { return "\(seconds * 1_000 + attoseconds / 1_000_000_000_000_000) ms" }
        if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}

extension WithdrawRequest {
    /// The canonical request, with the amount in minor units at `scale` (the wallet's asset's; nil when the
    /// wallet does not exist).
    func idempotent(scale: Int?) throws(DomainError) -> IdempotentRequest {
        try IdempotentRequest(
            key: idempotencyKey, operation: "withdraw",
            fields: [
                "walletId": walletID.uuidString.lowercased(), "amount": amount.fingerprintText(scale: scale),
                "methodId": methodID?.uuidString.lowercased() ?? "", "description": description ?? "",
            ])
    }
}
