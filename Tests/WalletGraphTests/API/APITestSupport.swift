import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// The wallet API in process over a ``LedgerFixture``: tokens for its users, and requests answered as parsed JSON.
struct APIHarness: Sendable {
    let fixture: LedgerFixture
    let api: WalletAPI

    /// A bearer token for `user`.
    func token(_ user: Initiator) async throws -> String {
        try await api.services.tokens.issue(userID: user.userID, tokenVersion: 0).token
    }

    /// Runs `query` as `token` (none: anonymous).
    func run(_ query: String, _ variables: [String: InputValue] = [:], token: String?) async throws -> APIResult {
        let response = await api.execute(
            APIRequest(
                graphQL: GraphQLRequest(query: query, variables: variables),
                authorization: token.map { "Bearer \($0)" }, requestID: "t"))
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return APIResult(outcome: response.outcome, json: object, statementCount: response.statementCount)
    }

    /// Runs `query` as `user`.
    func run(_ query: String, _ variables: [String: InputValue] = [:], as user: Initiator) async throws -> APIResult {
        try await run(query, variables, token: try await token(user))
    }
}

/// A parsed GraphQL response.
struct APIResult: @unchecked Sendable {
    let outcome: APIOutcome
    let json: [String: Any]
    let statementCount: Int

    var data: [String: Any]? { json["data"] as? [String: Any] }
    var errors: [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }
    /// The `extensions.code` of each error.
    var errorCodes: [String] { errors.compactMap { ($0["extensions"] as? [String: Any])?["code"] as? String } }

    /// The value at a dotted path under `data`, e.g. `"wallet.balance"` or `"transactions.edges"`.
    subscript(path: String) -> Any? { JSONPath.value(in: data, at: path) }

    func string(_ path: String) -> String? { self[path] as? String }
    func list(_ path: String) -> [[String: Any]] { self[path] as? [[String: Any]] ?? [] }
    func bool(_ path: String) -> Bool? { self[path] as? Bool }
    func int(_ path: String) -> Int? { self[path] as? Int }
    /// True when the path is present and null.
    func isNull(_ path: String) -> Bool { data != nil && self[path] == nil }
}

/// Runs `body` with an API over a fresh ledger on `engine`.
func withAPI(_ engine: Engine, _ body: (APIHarness) async throws -> Void) async throws {
    try await withLedger(engine) { fixture in
        var secret = [UInt8](repeating: 0, count: 32)
        for index in secret.indices { secret[index] = UInt8.random(in: 0...255) }
        let services = APIServices(
            pool: fixture.pool, ledger: fixture.ledger, accounts: fixture.accounts,
            tokens: try await TokenService(secret: secret), passwords: PasswordHasher())
        try await body(APIHarness(fixture: fixture, api: try WalletAPI(services: services)))
    }
}

extension LedgerFixture {
    /// Transfers `amount` from `from` to `to`'s wallet, as `from`'s owner.
    @discardableResult
    func transfer(_ amount: Int64, from: WalletRecord, to: WalletRecord, by owner: Initiator) async throws
        -> LedgerReceipt
    {
        try await ledger.transfer(
            TransferRequest(
                fromWalletID: from.id, destination: .wallet(to.id), amount: amount,
                idempotencyKey: "transfer-\(UUID())"),
            by: owner)
    }
}

/// Global ids, as clients see them.
func gid(_ wallet: WalletRecord) -> String { GlobalID.encode(.wallet, wallet.id) }
func gid(_ transaction: TransactionRecord) -> String { GlobalID.encode(.transaction, transaction.id) }

// Literal variables in tests: `["first": 10, "after": "…", "types": ["SPEND"]]`.
extension InputValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral
{
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: InputValue...) { self = .list(elements) }
}
