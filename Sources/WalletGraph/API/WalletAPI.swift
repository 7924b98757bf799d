import Foundation
import GraphQLCore
import Logging
import SQLDriver
import WalletGraphQueries

/// One HTTP request as the API sees it.
public struct APIRequest: Sendable {
    public enum Method: Sendable { case get, post }
    public var graphQL: GraphQLRequest
    public var method: Method
    /// The `Authorization` header's value, verbatim (nil when absent).
    public var authorization: String?
    public var language: MessageLanguage
    public var requestID: String
    public var clientAddress: String?

    public init(
        graphQL: GraphQLRequest, method: Method = .post, authorization: String? = nil,
        language: MessageLanguage = .english, requestID: String, clientAddress: String? = nil
    ) {
        self.graphQL = graphQL
        self.method = method
        self.authorization = authorization
        self.language = language
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}

/// How a request ended, as far as the API knows. The server gives each its HTTP meaning, in one place.
public enum APIOutcome: Sendable, Hashable {
    /// The operation executed (its response may still carry field errors).
    case executed
    /// A request error: the document did not parse or validate, or its variables did not coerce.
    case requestError
    /// The token is not valid (malformed, expired, signed otherwise, or revoked).
    case unauthenticated
    /// A mutation (or subscription) over GET.
    case methodNotAllowed
    /// Over a rate limit; a retry may pass after this many seconds.
    case rateLimited(retryAfterSeconds: Int)
    /// Overloaded (`SERVICE_UNAVAILABLE`): no database connection could be had; a retry may pass after this many
    /// seconds.
    case unavailable(retryAfterSeconds: Int)
    /// Past `REQUEST_TIMEOUT` before the operation could run (`TIMEOUT`).
    case timedOut
    /// A failure outside execution (the database, for one); logged, and masked for the client.
    case failed
}

/// The answer: how the request ended and its GraphQL response body, and what the server logs and counts about it.
public struct APIResponse: Sendable {
    public var outcome: APIOutcome
    public let body: [UInt8]
    /// SQL statements this request ran (after the viewer lookup), for tests and logs.
    public let statementCount: Int
    /// The operation's kind and name, when the document selected one.
    public var operationType: OperationType?
    public var operationName: String?
    /// The signed-in user, when the token was valid.
    public var userID: UUID?
    /// The `extensions.code` of each top-level error, in order.
    public var errorCodes: [String] = []
    /// The weight charged to the rate limits (the operation's cost, money mutations more).
    public var weight: Int = 0
    /// Nothing ran for lack of a database connection (``WalletAPI/shedWhole(_:type:)``): answered as 503.
    public var shedWhole = false

    public init(outcome: APIOutcome, body: [UInt8], statementCount: Int) {
        self.outcome = outcome
        self.body = body
        self.statementCount = statementCount
    }
}

/// The wallet GraphQL API: the schema, its resolvers and the per-request pipeline (token → viewer → snapshot or
/// not → execute). Knows nothing of HTTP; the server maps `APIResponse` onto it.
public final class WalletAPI: Sendable {
    public let services: APIServices
    public let engine: GraphQLEngine<APIContext>
    /// Request rate limits, charged before anything runs.
    public let rateLimiter: RequestRateLimiter
    /// `REQUEST_TIMEOUT`: a request still running this long after it reached the API is cancelled (`TIMEOUT`).
    public let requestTimeout: Duration?
    /// How many heavy operations may run at once (`HEAVY_REQUEST_COST`, `HEAVY_REQUESTS_MAX`).
    public let heavyRequests: HeavyRequestGate

    /// Fields whose resolver does far more than read a row, and their cost in the complexity analysis (1 for any
    /// other field): each `totalCount` counts every match over a whole history, about as much work as reading a
    /// few pages of 10 (a page of 10 transactions with three fields costs 41), and aliases that repeat it with
    /// other filters run it again. A home screen of 20 wallets with a counted page each stays under
    /// `HEAVY_REQUEST_COST` (4,841); 25 aliased counts pass it.
    public static let fieldCosts = [
        "TransactionConnection.totalCount": 200, "LedgerEntryConnection.totalCount": 200,
        "DisbursementConnection.totalCount": 200,
    ]

    /// Root mutation fields that move money: each adds ``moneyMutationWeight`` to an operation's weight.
    public static let moneyMutations: Set<String> = [
        "topUp", "spend", "grantBonus", "transfer", "withdraw", "processDisbursement", "completeDisbursement",
        "failDisbursement",
    ]
    /// The lists without paging, costed by the bound the server keeps on them rather than the default 10: a user's
    /// wallets (at most `MAX_WALLETS_PER_USER` active ones) and payout methods.
    static func listSizes(_ configuration: LedgerConfiguration) -> [String: Int] {
        [
            "Query.wallets": configuration.maxWalletsPerUser, "User.wallets": configuration.maxWalletsPerUser,
            "Query.disbursementMethods": Ledger.maximumDisbursementMethods,
        ]
    }

    /// The extra weight of each money mutation in an operation, on top of its complexity cost.
    public static let moneyMutationWeight = 100
    /// The most an introspection-only operation weighs.
    public static let introspectionWeight = 100

    public init(
        services: APIServices, configuration: GraphQLEngineConfiguration = GraphQLEngineConfiguration(),
        rateLimits: RequestRateLimiter.Limits = .off, requestTimeout: Duration? = nil,
        heavyRequests: HeavyRequestGate = .off
    ) throws {
        self.services = services
        self.requestTimeout = requestTimeout
        self.heavyRequests = heavyRequests
        self.rateLimiter = RequestRateLimiter(limits: rateLimits)
        var configuration = configuration
        configuration.complexityLimits.fieldCosts.merge(Self.fieldCosts) { configured, _ in configured }
        if configuration.complexityLimits.connectionDefaultSize == nil {
            configuration.complexityLimits.connectionDefaultSize = PageRequest.defaultSize
        }
        configuration.complexityLimits.listSizes.merge(Self.listSizes(services.ledger.configuration)) { configured, _ in
            configured
        }
        if configuration.errorReporter == nil {
            let logger = services.logger
            configuration.errorReporter = { report in
                logger.error(
                    "resolver failed", metadata: [
                        "request_id": .string(report.requestID), "field": .string(report.field),
                        "path": .string(report.path), "error": .string(String(describing: report.error)),
                    ])
            }
        }
        engine = GraphQLEngine(schema: try Self.executableSchema(), configuration: configuration)
    }

    /// The schema with every resolver bound; throws (listing every unbound field) if one is missing.
    public static func executableSchema() throws -> ExecutableSchema<APIContext> {
        let schema = try SchemaBuilder.build(sdl: WalletSchema.sdl, scalars: APIScalars.literalChecked)
        var resolvers = ResolverMap<APIContext>()
        APIScalars.bind(into: &resolvers)
        bindQueryResolvers(into: &resolvers)
        bindTypeResolvers(into: &resolvers)
        bindMutationResolvers(into: &resolvers)
        resolvers.presentErrors { error, context in
            WalletErrorPresenter.present(error, language: context.language, deadlinePassed: context.deadline.hasPassed)
        }
        return try ExecutableSchema(schema: schema, resolvers: resolvers)
    }

    /// The schema in SDL, as `print-schema` and `GET /schema.graphql` serve it.
    public static func printedSchema() throws -> String {
        printSchema(try SchemaBuilder.build(sdl: WalletSchema.sdl))
    }

    /// Runs one request: prepare the operation (cached), refuse a mutation over GET, verify the token, charge
    /// the rate limits, then execute in a read snapshot (queries) or against the pool (mutations), within
    /// ``requestTimeout``.
    public func execute(_ request: APIRequest) async -> APIResponse {
        await RequestDeadline.run(timeout: requestTimeout) { deadline in
            var response = await self.execute(request, deadline: deadline)
            if response.outcome == .executed, response.shedWhole {
                // Nothing ran for lack of a connection: the client backs off as for a refusal before execution.
                response.outcome = .unavailable(retryAfterSeconds: 1)
            }
            return response
        }
    }

    private func execute(_ request: APIRequest, deadline: RequestDeadline) async -> APIResponse {
        let prepared: PreparedOperation<APIContext>?
        var refusal: GraphQLResponse?
        switch engine.prepare(request.graphQL) {
        case .ready(let operation): prepared = operation
        case .refused(let response): (prepared, refusal) = (nil, response)
        }
        if let refusal, refusal.errors.count == 1,
            refusal.errors[0].message == GraphQLEngineMessages.subscriptionNeedsSubscribe
        {
            // A subscription is a stream (over GET or POST): it needs the WebSocket (WalletAPI.subscribe), not one HTTP answer.
            let message =
                request.language == .indonesian
                ? "Langganan (subscription) dilayani lewat WebSocket di /graphql dengan protokol graphql-transport-ws."
                : "Subscriptions are served over WebSocket at /graphql, with the graphql-transport-ws protocol."
            return refused(.requestError, APIError(.badUserInput, language: request.language, message: message), prepared)
        }
        let overGETRefused = request.method == .get && prepared?.type == .mutation
        if overGETRefused {
            return refused(.methodNotAllowed, APIError(.methodNotAllowed, language: request.language), prepared)
        }
        // A token is checked before anything runs: an invalid one is never treated as anonymous.
        var verified: TokenService.Verified?
        if let authorization = request.authorization {
            guard let token = Self.bearerToken(authorization) else { return unauthenticated(request, prepared) }
            do {
                verified = try await services.tokens.verify(token)
            } catch {
                return unauthenticated(request, prepared)
            }
        }
        let weight = prepared.map(Self.weight) ?? 1
        if case .limited(let seconds, _) = rateLimiter.admit(
            address: request.clientAddress, userID: verified?.userID, weight: weight)
        {
            let error = APIError(
                .rateLimited, language: request.language, message: APIError.retryMessage(after: seconds, in: request.language))
            var response = refused(.rateLimited(retryAfterSeconds: seconds), error, prepared)
            response.userID = verified?.userID
            response.weight = weight
            return response
        }
        guard var prepared else {
            let refusal = refusal ?? .requestError([])
            var response = APIResponse(outcome: .requestError, body: refusal.bytes, statementCount: 0)
            response.errorCodes = refusal.errors.map(\.code.rawValue)
            response.userID = verified?.userID
            response.weight = weight
            return response
        }
        prepared.requestID = request.requestID
        let operation = prepared
        let answer = await heavyRequests.run(weight: weight) {
            await runAdmitted(operation, request, verified: verified, deadline: deadline)
        }
        guard var response = answer else {
            var response = refused(
                .unavailable(retryAfterSeconds: 1), APIError(.serviceUnavailable, language: request.language), prepared)
            response.userID = verified?.userID
            response.weight = weight
            return response
        }
        response.describe(prepared, codes: nil)
        // A token whose user no longer accepts it (revoked, demoted) names nobody.
        if response.outcome != .unauthenticated { response.userID = verified?.userID }
        response.weight = weight
        return response
    }

    /// Executes a prepared, admitted operation: in one read snapshot (a query) or against the pool (a mutation).
    private func runAdmitted(
        _ prepared: PreparedOperation<APIContext>, _ request: APIRequest, verified: TokenService.Verified?,
        deadline: RequestDeadline
    ) async -> APIResponse {
        var response: APIResponse
        do {
            if prepared.type == .query {
                response = try await services.pool.withTransaction(.readOnlySnapshot) { [prepared] connection in
                    let database = RequestDatabase(snapshot: connection)
                    return try await run(prepared, request, verified: verified, database: database, deadline: deadline)
                }
            } else {
                response = try await run(
                    prepared, request, verified: verified, database: RequestDatabase(pool: services.pool), deadline: deadline)
            }
        } catch let failure as ViewerRejected {
            _ = failure
            return unauthenticated(request, prepared)
        } catch let error
            where WalletErrorPresenter.refusal(error, deadlinePassed: deadline.hasPassed, language: request.language) != nil
        {
            // Before the operation ran: no connection for the snapshot or the viewer lookup, no database, or out of
            // time.
            let refusal =
                WalletErrorPresenter.refusal(error, deadlinePassed: deadline.hasPassed, language: request.language)
                ?? APIError(.timeout, language: request.language)
            let outcome: APIOutcome = refusal.code == .serviceUnavailable ? .unavailable(retryAfterSeconds: 1) : .timedOut
            response = refused(outcome, refusal, nil)
        } catch {
            services.logger.error(
                "request failed", metadata: ["request_id": .string(request.requestID), "error": .string("\(error)")])
            response = refused(.failed, APIError(.internalServerError, language: request.language), nil)
        }
        return response
    }

    /// An operation's rate-limit weight: its complexity cost, plus ``moneyMutationWeight`` per money mutation.
    /// An operation of introspection alone weighs at most ``introspectionWeight``: the engine answers it from a
    /// cache, and GraphiQL and client tooling send it on every load.
    static func weight(_ operation: PreparedOperation<APIContext>) -> Int {
        let fields = operation.rootFieldNames
        if !fields.isEmpty, fields.allSatisfy({ $0.hasPrefix("__") }) {
            return max(1, min(operation.complexity.cost, introspectionWeight))
        }
        var weight = max(1, operation.complexity.cost)
        if operation.type == .mutation {
            let money = operation.rootFieldNames.filter(moneyMutations.contains).count
            weight = weight.addingReportingOverflow(money * moneyMutationWeight).partialValue
        }
        return max(1, weight)
    }

    private struct ViewerRejected: Error {}

    private func run(
        _ prepared: PreparedOperation<APIContext>, _ request: APIRequest, verified: TokenService.Verified?,
        database: RequestDatabase, deadline: RequestDeadline
    ) async throws -> APIResponse {
        var viewer: Viewer?
        if let verified {
            let row = try await database.read { queries in try await queries.getUser(id: verified.userID) }
            guard let row, row.tokenVersion == verified.tokenVersion, let role = Role(rawValue: row.role) else {
                throw ViewerRejected()
            }
            viewer = Viewer(id: row.id, username: row.username, role: role, tokenVersion: row.tokenVersion)
        }
        let before = database.statementCount
        let context = APIContext(
            services: services, viewer: viewer, language: request.language, requestID: request.requestID,
            clientAddress: request.clientAddress, database: database, deadline: deadline)
        let response = await engine.execute(prepared, context: context)
        var answer = APIResponse(
            outcome: response.isRequestError ? .requestError : .executed, body: response.bytes,
            statementCount: database.statementCount - before)
        answer.errorCodes = response.errors.map(\.code.rawValue)
        answer.shedWhole = Self.shedWhole(response, type: prepared.type)
        return answer
    }

    /// Whether an executed operation did nothing but fail for lack of a connection (`SERVICE_UNAVAILABLE`), so
    /// that HTTP 503 and `Retry-After` are true of the whole request: a query (it only reads) with such an error,
    /// or a mutation every root field of which was refused at its own path. A mutation that ran one root field, or
    /// whose payload read failed after its write, is answered 200 with its errors: a 503 would invite a retry of
    /// what already happened (`createWallet` has no idempotency key).
    static func shedWhole(_ response: GraphQLResponse, type: OperationType) -> Bool {
        let code = GraphQLCore.ErrorCode.serviceUnavailable
        guard response.errors.contains(where: { $0.code == code }) else { return false }
        if type == .query { return true }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.bytes)) as? [String: Any] else {
            return false
        }
        guard let data = object["data"] as? [String: Any] else { return object["data"] is NSNull }
        let refusedRoots = Set(
            response.errors.compactMap { error -> String? in
                guard error.code == code, error.path.count == 1, case .key(let key) = error.path[0] else { return nil }
                return key
            })
        return !data.isEmpty && data.keys.allSatisfy(refusedRoots.contains)
    }

    private func unauthenticated(_ request: APIRequest, _ prepared: PreparedOperation<APIContext>?) -> APIResponse {
        refused(.unauthenticated, APIError(.unauthenticated, language: request.language), prepared)
    }

    /// A request refused before (or instead of) execution: `error` alone as a request error.
    private func refused(
        _ outcome: APIOutcome, _ refusal: APIError, _ prepared: PreparedOperation<APIContext>?
    ) -> APIResponse {
        let error = WalletErrorPresenter.present(refusal)
        var response = APIResponse(outcome: outcome, body: GraphQLResponse.requestError([error]).bytes, statementCount: 0)
        response.describe(prepared, codes: [error.code.rawValue])
        return response
    }

    /// The token of `Bearer <token>` (scheme case-insensitive), or nil.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1])
    }
}

extension APIResponse {
    /// Names the operation (when there was one) and, unless nil, sets the error codes.
    fileprivate mutating func describe(_ operation: PreparedOperation<APIContext>?, codes: [String]?) {
        operationType = operation?.type
        operationName = operation?.name
        if let codes { errorCodes = codes }
    }
}
