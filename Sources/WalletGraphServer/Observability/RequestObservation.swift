import Foundation
import GraphQLCore
import Synchronization
import WalletGraph

/// What a route learned about its request, for the request's log line and metrics: the operation, the user,
/// statements and error codes. The route fills it in; ``RequestIDMiddleware`` reads it once the response is made.
public final class RequestObservation: Sendable {
    public struct Snapshot: Sendable {
        public var isGraphQL = false
        public var operationType: String?
        public var operationName: String?
        public var userID: UUID?
        public var statements = 0
        public var errorCodes: [String] = []
        public var weight = 0
    }

    private let state = Mutex(Snapshot())

    public init() {}

    /// Records the API's answer.
    func record(_ response: APIResponse) {
        state.withLock { snapshot in
            snapshot.isGraphQL = true
            snapshot.operationType = response.operationType?.rawValue
            snapshot.operationName = response.operationName
            snapshot.userID = response.userID
            snapshot.statements = response.statementCount
            snapshot.errorCodes = response.errorCodes
            snapshot.weight = response.weight
        }
    }

    /// Records a GraphQL request refused before the API saw it (bad JSON, a persisted-query miss).
    func recordRefused(codes: [String]) {
        state.withLock { snapshot in
            snapshot.isGraphQL = true
            snapshot.errorCodes = codes
        }
    }

    var snapshot: Snapshot { state.withLock { $0 } }
}
