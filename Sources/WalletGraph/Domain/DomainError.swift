/// A business outcome that stops an operation: a stable ``ErrorCode``, the input field it concerns, and a
/// detail for logs. When a ledger operation throws it, nothing was written.
///
/// It never carries SQL, secrets or another user's balance.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: ErrorCode
    /// The path of the input field at fault, e.g. `["amount"]`, when there is one.
    public let field: [String]?
    /// For ``ErrorCode/idempotencyConflict``: the request fields whose values differ from the first request's.
    public let differingFields: [String]
    /// English text for logs and developers; not part of the client message.
    public let detail: String?

    public init(_ code: ErrorCode, field: [String]? = nil, differingFields: [String] = [], detail: String? = nil) {
        self.code = code
        self.field = field
        self.differingFields = differingFields
        self.detail = detail
    }

    /// The client message in `language`; an idempotency conflict names the differing fields.
    public func message(in language: MessageLanguage) -> String {
        let base = code.message(in: language)
        guard !differingFields.isEmpty else { return base }
        let list = differingFields.joined(separator: ", ")
        return base + (language == .indonesian ? " (berbeda pada: \(list))" : " (differs in: \(list))")
    }

    public var description: String {
        var text = code.rawValue
        if let field { text += " at " + field.joined(separator: ".") }
        if !differingFields.isEmpty { text += " differing in " + differingFields.joined(separator: ", ") }
        if let detail { text += ": " + detail }
        return text
    }
}
