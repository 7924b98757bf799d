import Foundation
import GraphQLCore

extension WalletAPI {
    /// The answer to a subscription request: a stream of responses, or a refusal before anything was subscribed.
    public enum SubscriptionAnswer: Sendable {
        case events(GraphQLResponseStream)
        case refused(APIResponse)
    }

    /// Starts a subscription for the holder of `request.authorization` (a transport such as graphql-transport-ws
    /// calls this once per `subscribe` message). The token and the viewer are checked as for ``execute(_:)``;
    /// each event's fields read the pool, outside any snapshot, with the same visibility rules as queries.
    public func subscribe(_ request: APIRequest) async -> SubscriptionAnswer {
        guard let authorization = request.authorization, let token = Self.bearerToken(authorization),
            let verified = try? await services.tokens.verify(token)
        else {
            return .refused(refusal(.unauthenticated, APIError(.unauthenticated, language: request.language)))
        }
        let database = RequestDatabase(pool: services.pool)
        let viewer: Viewer
        do {
            let row = try await database.read { try await $0.getUser(id: verified.userID) }
            guard let row, row.tokenVersion == verified.tokenVersion, let role = Role(rawValue: row.role) else {
                return .refused(refusal(.unauthenticated, APIError(.unauthenticated, language: request.language)))
            }
            viewer = Viewer(id: row.id, username: row.username, role: role, tokenVersion: row.tokenVersion)
        } catch {
            let refused =
                WalletErrorPresenter.refusal(error, deadlinePassed: false, language: request.language)
                ?? APIError(.internalServerError, language: request.language)
            return .refused(refusal(.unavailable(retryAfterSeconds: 1), refused))
        }
        let context = APIContext(
            services: services, viewer: viewer, language: request.language, requestID: request.requestID,
            clientAddress: request.clientAddress, database: database)
        switch await engine.subscribe(request.graphQL, context: context) {
        case .requestError(let response):
            var answer = APIResponse(outcome: .requestError, body: response.bytes, statementCount: 0)
            answer.errorCodes = response.errors.map(\.code.rawValue)
            answer.userID = viewer.id
            return .refused(answer)
        case .events(let stream):
            return .events(stream)
        }
    }

    private func refusal(_ outcome: APIOutcome, _ error: APIError) -> APIResponse {
        let presented = WalletErrorPresenter.present(error)
        var response = APIResponse(outcome: outcome, body: GraphQLResponse.requestError([presented]).bytes, statementCount: 0)
        response.errorCodes = [presented.code.rawValue]
        return response
    }
}
