import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// How an in-process request ended, in an ``APIAnswer``.
struct InProcess: Sendable {
    let outcome: APIOutcome
    /// SQL statements the request ran after the viewer lookup.
    let statementCount: Int
}

/// A response from `WalletAPI.execute`.
typealias APIAnswer = GraphQLAnswer<InProcess>

/// The wallet API in process over a fresh ``LedgerFixture``: requests go through `WalletAPI.execute` exactly as
/// the HTTP server sends them, without sockets.
struct APIHarness: Sendable {
    let f: LedgerFixture
    let api: WalletAPI

    /// A token for a fixture user (created at token version 0), without a password round trip.
    func token(_ user: Initiator) async throws -> String {
        try await api.services.tokens.issue(userID: user.userID, tokenVersion: 0).token
    }

    /// Runs `query` with `variables` (plain JSON values) as the holder of `token` (none: anonymous).
    func run(
        _ query: String, _ variables: [String: Any] = [:], token: String? = nil, language: MessageLanguage = .english,
        clientAddress: String? = nil
    ) async throws -> APIAnswer {
        let json = try JSONSerialization.data(withJSONObject: variables)
        let request = GraphQLRequest(query: query, variables: try GraphQLRequest.decodeVariables(Array(json)))
        return await run(request, token: token, language: language, clientAddress: clientAddress)
    }

    /// Runs `query` with engine-typed `variables` as `user`.
    func run(_ query: String, _ variables: [String: InputValue], as user: Initiator) async throws -> APIAnswer {
        await run(GraphQLRequest(query: query, variables: variables), token: try await token(user))
    }

    /// Runs `query` as `user`.
    func run(_ query: String, as user: Initiator) async throws -> APIAnswer {
        try await run(query, [:], as: user)
    }

    private func run(
        _ request: GraphQLRequest, token: String?, language: MessageLanguage = .english, clientAddress: String? = nil
    ) async -> APIAnswer {
        let response = await api.execute(
            APIRequest(
                graphQL: request, authorization: token.map { "Bearer \($0)" }, language: language, requestID: "t",
                clientAddress: clientAddress))
        return APIAnswer(
            transport: InProcess(outcome: response.outcome, statementCount: response.statementCount), body: response.body)
    }

    /// Everything written so far (``Footprint``).
    func footprint() async throws -> Footprint { try await f.footprint() }

    /// The wallet's balance now.
    func balance(_ wallet: WalletRecord) async throws -> Int64 { try await f.reload(wallet).balance }
}

/// Runs `body` with an API over a fresh ledger (self top-up as given, 4 shards) and `throttle`.
func withAPI(
    _ engine: Engine, allowSelfTopUp: Bool = true, throttle: SignInThrottle = SignInThrottle(),
    _ body: (APIHarness) async throws -> Void
) async throws {
    try await withLedger(engine, configuration: LedgerConfiguration(allowSelfTopUp: allowSelfTopUp, systemShards: 4)) {
        f in
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
        let services = APIServices(
            pool: f.pool, ledger: f.ledger, accounts: f.accounts, tokens: try await TokenService(secret: secret),
            passwords: PasswordHasher(), signInThrottle: throttle)
        try await body(APIHarness(f: f, api: try WalletAPI(services: services)))
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
