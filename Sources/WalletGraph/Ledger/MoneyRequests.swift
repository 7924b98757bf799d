import Foundation

/// A top-up, spend or bonus: `amount` into or out of one wallet.
public struct MoneyRequest: Sendable, Hashable {
    public var walletID: UUID
    public var amount: RequestedAmount
    public var idempotencyKey: String
    public var description: String?

    public init(walletID: UUID, amount: RequestedAmount, idempotencyKey: String, description: String? = nil) {
        self.walletID = walletID
        self.amount = amount
        self.idempotencyKey = idempotencyKey
        self.description = description
    }

    /// A request of `amount` minor units.
    public init(walletID: UUID, amount: Int64, idempotencyKey: String, description: String? = nil) {
        self.init(walletID: walletID, amount: .minorUnits(amount), idempotencyKey: idempotencyKey, description: description)
    }
}

/// Where a transfer goes: a wallet by id, or a user's default wallet in the source's asset.
public enum PaymentDestination: Sendable, Hashable {
    case wallet(UUID)
    case username(String)
}

/// A transfer of `amount` (at the source's asset scale) between two user wallets.
public struct TransferRequest: Sendable, Hashable {
    public var fromWalletID: UUID
    public var destination: PaymentDestination
    public var amount: RequestedAmount
    public var idempotencyKey: String
    public var description: String?

    public init(
        fromWalletID: UUID, destination: PaymentDestination, amount: RequestedAmount, idempotencyKey: String,
        description: String? = nil
    ) {
        self.fromWalletID = fromWalletID
        self.destination = destination
        self.amount = amount
        self.idempotencyKey = idempotencyKey
        self.description = description
    }

    /// A transfer of `amount` minor units.
    public init(
        fromWalletID: UUID, destination: PaymentDestination, amount: Int64, idempotencyKey: String,
        description: String? = nil
    ) {
        self.init(
            fromWalletID: fromWalletID, destination: destination, amount: .minorUnits(amount),
            idempotencyKey: idempotencyKey, description: description)
    }
}

extension MoneyRequest {
    /// The canonical request, with the amount in minor units at `scale` (the wallet's asset's; nil when the
    /// wallet does not exist).
    func idempotent(_ operation: String, scale: Int?) throws(DomainError) -> IdempotentRequest {
        try IdempotentRequest(
            key: idempotencyKey, operation: operation,
            fields: [
                "walletId": walletID.uuidString.lowercased(), "amount": amount.fingerprintText(scale: scale),
                "description": description ?? "",
            ])
    }
}

extension TransferRequest {
    /// The canonical request, with the amount in minor units at `scale` (the source's asset's; nil when the
    /// source does not exist).
    func idempotent(scale: Int?) throws(DomainError) -> IdempotentRequest {
        var fields = [
            "fromWalletId": fromWalletID.uuidString.lowercased(), "amount": amount.fingerprintText(scale: scale),
            "description": description ?? "",
        ]
        switch destination {
        case .wallet(let id): fields["toWalletId"] = id.uuidString.lowercased()
        case .username(let name): fields["toUsername"] = name
        }
        return try IdempotentRequest(key: idempotencyKey, operation: "transfer", fields: fields)
    }
}

/// Checks what can be checked without the database, before the idempotency key is looked up: the request's own
/// syntax (a positive decimal amount, a description that fits).
enum RequestChecks {
    static let maximumDescriptionLength = 500

    static func check(amount: RequestedAmount, description: String?) throws(DomainError) {
        try amount.checkSyntax()
        try check(description: description)
    }

    /// A description that fits: at most 500 characters, no control or bidi control characters.
    static func check(description: String?) throws(DomainError) {
        if let description {
            let scalars = description.unicodeScalars
            guard scalars.count <= maximumDescriptionLength,
                !scalars.contains(where: { ($0.isControl && $0 != "\n" && $0 != "\t") || isBidiControl($0) })
            else {
                throw DomainError(
                    .invalidInput, field: ["description"],
                    detail: "at most \(maximumDescriptionLength) characters, no control or bidi control characters")
            }
        }
    }

    /// The bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make stored text read
    /// differently from what it is ("Trojan Source"). Other format characters, such as the zero-width joiner of
    /// emoji sequences, stay allowed.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// An empty description is no description.
    static func normalized(_ description: String?) -> String? {
        guard let description, !description.isEmpty else { return nil }
        return description
    }
}
