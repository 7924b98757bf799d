/// A business outcome that stops an operation: a stable ``ErrorCode``, the input field it concerns, and a
/// detail for logs and for the few codes whose message needs one (the fields an idempotency conflict
/// differs in). When a ledger operation throws it, nothing was written.
///
/// It never carries SQL, secrets or another user's balance.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: ErrorCode
    /// The path of the input field at fault, e.g. `["amount"]`, when there is one.
    public let field: [String]?
    /// Extra facts safe to show the initiator, e.g. the differing fields of an idempotency conflict.
    public let detail: String?

    public init(_ code: ErrorCode, field: [String]? = nil, detail: String? = nil) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    /// The client message in `language`, with the detail appended when there is one.
    public func message(in language: MessageLanguage) -> String {
        guard let detail else { return code.message(in: language) }
        return code.message(in: language) + " (" + detail + ")"
    }

    public var description: String {
        var text = code.rawValue
        if let field { text += " at " + field.joined(separator: ".") }
        if let detail { text += ": " + detail }
        return text
    }
}
