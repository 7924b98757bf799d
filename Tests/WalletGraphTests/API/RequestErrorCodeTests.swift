import GraphQLCore
import Testing

import WalletGraph

/// Every code is spelled once: the business catalogue, the request-level codes and the engine's own are disjoint,
/// and the typed values the API and the server use name them.
@Suite struct RequestErrorCodeTests {
    @Test("no code is spelled twice across the business, request-level and engine catalogues")
    func catalogsAreDisjoint() {
        let engine: [GraphQLCore.ErrorCode] = [
            .parseFailed, .validationFailed, .badUserInput, .queryTooComplex, .internalServerError,
        ]
        let all = WalletGraph.ErrorCode.allCases.map(\.rawValue) + RequestErrorCode.allCases.map(\.rawValue)
            + engine.map(\.rawValue)
        #expect(Set(all).count == all.count)
        #expect(RequestErrorCode.allCases.allSatisfy { $0.rawValue.allSatisfy { $0.isUppercase || $0 == "_" } })
    }

    @Test("the API's typed codes are the catalogue's")
    func typedCodes() {
        let forbidden: GraphQLCore.ErrorCode = APIError.Code.forbidden.graphQLCode
        #expect(forbidden.rawValue == WalletGraph.ErrorCode.forbidden.rawValue)
        #expect(APIError.Code.rateLimited.graphQLCode.rawValue == RequestErrorCode.rateLimited.rawValue)
        #expect(APIError.Code.unauthenticated.graphQLCode.rawValue == RequestErrorCode.unauthenticated.rawValue)
        #expect(APIError.Code.badUserInput.graphQLCode == GraphQLCore.ErrorCode.badUserInput)
    }
}
