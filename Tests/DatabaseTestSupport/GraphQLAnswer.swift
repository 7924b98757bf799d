import Foundation

/// A GraphQL response as a test reads it, however it travelled: in process through `WalletAPI.execute`
/// (`Transport` holds the API's outcome) or over HTTP (`Transport` holds status and headers). The transport's
/// fields read as the answer's own (`answer.status`, `answer.outcome`).
@dynamicMemberLookup
public struct GraphQLAnswer<Transport: Sendable>: @unchecked Sendable {
    public let transport: Transport
    /// The body as received, for messages.
    public let body: String
    /// The body decoded as a JSON object (empty when it is not one).
    public let json: [String: Any]

    public init(transport: Transport, body: [UInt8]) {
        self.transport = transport
        self.body = String(decoding: body, as: UTF8.self)
        json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    public subscript<Value>(dynamicMember field: KeyPath<Transport, Value>) -> Value { transport[keyPath: field] }

    /// The value at a dotted path under `data`: `"wallet.balance"`, list items by index (`"edges.0.node"`).
    public func data(_ path: String) -> Any? { JSONPath.value(in: json["data"], at: path) }

    public func string(_ path: String) -> String? { data(path) as? String }
    public func list(_ path: String) -> [[String: Any]] { data(path) as? [[String: Any]] ?? [] }
    public func bool(_ path: String) -> Bool? { data(path) as? Bool }
    public func int(_ path: String) -> Int? { data(path) as? Int }
    /// True when `data` is there and the path is null (or missing).
    public func isNull(_ path: String) -> Bool { json["data"] is [String: Any] && data(path) == nil }
    /// True when the whole `data` is null.
    public var dataIsNull: Bool { json["data"] is NSNull }

    /// The top-level errors.
    public var errors: [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }
    /// `errors[].extensions.code`, in order.
    public var errorCodes: [String] {
        errors.map { ($0["extensions"] as? [String: Any])?["code"] as? String ?? "?" }
    }
    public var errorMessages: [String] { errors.compactMap { $0["message"] as? String } }

    /// The payload object of mutation field `name` (nil when it is null).
    public func payload(_ name: String) -> [String: Any]? { data(name) as? [String: Any] }

    /// The `userErrors` of `name`'s payload.
    public func userErrors(_ name: String) -> [SeenUserError] {
        (payload(name)?["userErrors"] as? [[String: Any]] ?? []).map {
            SeenUserError(
                code: $0["code"] as? String ?? "?", field: $0["field"] as? [String], message: $0["message"] as? String ?? "")
        }
    }

    /// The codes of `name`'s payload's `userErrors`.
    public func userErrorCodes(_ name: String) -> [String] { userErrors(name).map(\.code) }

    /// The `id` of object `key` (`transaction`, `wallet`, …) in `name`'s payload.
    public func objectID(_ name: String, _ key: String) -> String? {
        (payload(name)?[key] as? [String: Any])?["id"] as? String
    }
}

/// One entry of a payload's `userErrors`, as the client sees it.
public struct SeenUserError: Equatable, Sendable, CustomStringConvertible {
    public let code: String
    public let field: [String]?
    public let message: String

    public var description: String { "\(code) at \(field?.joined(separator: ".") ?? "-")" }
}
