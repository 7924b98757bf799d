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
        let database = RequestDatabase(pool: services.pool)
        let viewer: Viewer
        switch await lookUpViewer(authorization: request.authorization, database: database) {
        case .success(let found?):
            viewer = found
        case .success(nil):
            return .refused(refusal(.unauthenticated, APIError(.unauthenticated, language: request.language)))
        case .failure(let error):
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

    /// The signed-in user of `authorization` (`Bearer <token>`): nil when the token is missing, malformed,
    /// expired, signed otherwise, or revoked (a password change, a deleted user). A WebSocket checks its
    /// `connection_init` token with this.
    public func viewerID(authorization: String?) async -> UUID? {
        guard case .success(let viewer?) = await lookUpViewer(authorization: authorization, database: RequestDatabase(pool: services.pool))
        else { return nil }
        return viewer.id
    }

    private func lookUpViewer(authorization: String?, database: RequestDatabase) async -> Result<Viewer?, any Error> {
        guard let authorization, let token = Self.bearerToken(authorization),
            let verified = try? await services.tokens.verify(token)
        else { return .success(nil) }
        do {
            let row = try await database.read { try await $0.getUser(id: verified.userID) }
            guard let row, row.tokenVersion == verified.tokenVersion, let role = Role(rawValue: row.role) else {
                return .success(nil)
            }
            return .success(Viewer(id: row.id, username: row.username, role: role, tokenVersion: row.tokenVersion))
        } catch {
            return .failure(error)
        }
    }

    private func refusal(_ outcome: APIOutcome, _ error: APIError) -> APIResponse {
        let presented = WalletErrorPresenter.present(error)
        var response = APIResponse(outcome: outcome, body: GraphQLResponse.requestError([presented]).bytes, statementCount: 0)
        response.errorCodes = [presented.code.rawValue]
        return response
    }
}
