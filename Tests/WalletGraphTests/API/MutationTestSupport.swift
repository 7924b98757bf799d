import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

import WalletGraph

/// The wallet API in process over a fresh ``LedgerFixture``: requests go through `WalletAPI.execute` exactly as
/// the HTTP server sends them, without sockets.
struct MutationHarness: Sendable {
    let f: LedgerFixture
    let api: WalletAPI

    /// A token for a fixture user (created at token version 0), without a password round trip.
    func token(_ user: Initiator) async throws -> String {
        try await api.services.tokens.issue(userID: user.userID, tokenVersion: 0).token
    }

    /// Runs `query` with `variables` (plain JSON values) as the holder of `token`.
    func run(
        _ query: String, _ variables: [String: Any] = [:], token: String? = nil, language: MessageLanguage = .english,
        clientAddress: String? = nil
    ) async throws -> MutationResult {
        let json = try JSONSerialization.data(withJSONObject: variables)
        let request = GraphQLRequest(query: query, variables: try GraphQLRequest.decodeVariables(Array(json)))
        let response = await api.execute(
            APIRequest(
                graphQL: request, authorization: token.map { "Bearer \($0)" }, language: language, requestID: "t",
                clientAddress: clientAddress))
        let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        return MutationResult(outcome: response.outcome, body: body)
    }

    /// What a failed mutation must leave unchanged: every transaction and entry, and these wallets' balances.
    func state(_ wallets: [WalletRecord]) async throws -> LedgerState {
        var balances: [Int64] = []
        for wallet in wallets { balances.append(try await f.reload(wallet).balance) }
        return LedgerState(footprint: try await f.footprint(), balances: balances)
    }

    /// The wallet's balance now.
    func balance(_ wallet: WalletRecord) async throws -> Int64 { try await f.reload(wallet).balance }

    struct LedgerState: Equatable, Sendable {
        let footprint: LedgerFixture.Footprint
        let balances: [Int64]
    }
}

/// A parsed API response.
struct MutationResult {
    let outcome: APIOutcome
    let body: [String: Any]

    /// The payload object of mutation field `name` (nil when the field is null).
    func payload(_ name: String) -> [String: Any]? {
        (body["data"] as? [String: Any])?[name] as? [String: Any]
    }

    /// The `userErrors` of `name`'s payload as (code, field) pairs.
    func userErrors(_ name: String) -> [UserErrorSeen] {
        let list = payload(name)?["userErrors"] as? [[String: Any]] ?? []
        return list.map {
            UserErrorSeen(
                code: $0["code"] as? String ?? "?", field: $0["field"] as? [String], message: $0["message"] as? String ?? "")
        }
    }

    /// The codes of the top-level errors.
    var errorCodes: [String] {
        (body["errors"] as? [[String: Any]] ?? []).map { ($0["extensions"] as? [String: Any])?["code"] as? String ?? "?" }
    }

    /// The id of `name`'s payload's object `key` (`transaction`, `wallet`, `asset`, `user`).
    func objectID(_ name: String, _ key: String) -> String? {
        (payload(name)?[key] as? [String: Any])?["id"] as? String
    }
}

/// One userError as the client sees it.
struct UserErrorSeen: Equatable, CustomStringConvertible {
    let code: String
    let field: [String]?
    let message: String

    var description: String { "\(code) at \(field?.joined(separator: ".") ?? "-")" }
}

/// Expects exactly one userError with `code` at `field` on `name`'s payload, and a null object.
func expectUserError(
    _ result: MutationResult, _ name: String, _ code: WalletGraph.ErrorCode, field: [String]?,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let errors = result.userErrors(name)
    #expect(result.outcome == .executed, "\(result.body)", sourceLocation: sourceLocation)
    #expect(result.errorCodes.isEmpty, "\(result.body)", sourceLocation: sourceLocation)
    #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
    #expect(errors.first?.code == code.rawValue, "\(errors)", sourceLocation: sourceLocation)
    #expect(errors.first?.field == field, "\(errors)", sourceLocation: sourceLocation)
}

/// Expects the mutation to have failed as a whole with the top-level error `code` (data null).
func expectTopLevelError(
    _ result: MutationResult, _ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    #expect(result.errorCodes == [code], "\(result.body)", sourceLocation: sourceLocation)
    #expect(result.body["data"] is NSNull, "\(result.body)", sourceLocation: sourceLocation)
}

/// Runs `body` with an API over a fresh ledger (self top-up as given, 4 shards) and `throttle`.
func withMutationAPI(
    _ engine: Engine, allowSelfTopUp: Bool = true, throttle: SignInThrottle = SignInThrottle(),
    _ body: (MutationHarness) async throws -> Void
) async throws {
    try await withLedger(engine, configuration: LedgerConfiguration(allowSelfTopUp: allowSelfTopUp, systemShards: 4)) {
        f in
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let services = APIServices(
            pool: f.pool, ledger: f.ledger, accounts: f.accounts, tokens: try await TokenService(secret: secret),
            passwords: PasswordHasher(), signInThrottle: throttle)
        try await body(MutationHarness(f: f, api: try WalletAPI(services: services)))
    }
}

/// The opaque id of a wallet.
func walletGID(_ wallet: WalletRecord) -> String { GlobalID.encode(.wallet, wallet.id) }

/// The transaction UUID behind an opaque id.
func transactionUUID(_ id: String?) -> UUID? { id.flatMap { GlobalID.decode($0, as: .transaction) } }

/// GraphQL documents the tests send.
enum MutationDocuments {
    /// `topUp`, `spend` or `grantBonus` with `input`.
    static func money(_ name: String) -> String {
        "mutation($input: WalletAmountInput!) { \(name)(input: $input) { transaction { id } userErrors { code message field } } }"
    }

    /// The input of a top-up, spend or bonus.
    static func amount(_ wallet: String, _ amount: Any, key: String = UUID().uuidString) -> [String: Any] {
        ["input": ["walletId": wallet, "amount": amount, "idempotencyKey": key]]
    }

    static let transfer =
        "mutation($input: TransferInput!) { transfer(input: $input) { transaction { id } userErrors { code message field } } }"
}
