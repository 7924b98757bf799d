import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraphServer

/// Caps a client meets over HTTP: `MAX_WALLETS_PER_USER`, also when requests race for the last place.
@Suite("End to end: limits")
struct EndToEndLimitsTests {
    static let create = #"mutation($a: String!) { createWallet(input: {assetCode: $a}) { wallet { id } userErrors { code message } } }"#

    @Test("a user's wallets stop at MAX_WALLETS_PER_USER with WALLET_LIMIT_REACHED, also under a burst", arguments: Engine.all)
    func walletLimit(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["MAX_WALLETS_PER_USER": "3"]) { server in
            let dewi = try await server.signUp("dewi")
            for asset in ["IDR", "GOLD", "IDR"] {
                let answer = try await server.graphql(Self.create, variables: ["a": asset], token: dewi)
                #expect(answer.userErrorCodes("createWallet").isEmpty, "\(answer.body)")
            }
            let before = try await server.footprint()
            let refused = try await server.graphql(Self.create, variables: ["a": "GOLD"], token: dewi)
            #expect(refused.status == 200)
            #expect(refused.userErrorCodes("createWallet") == ["WALLET_LIMIT_REACHED"], "\(refused.body)")
            #expect(refused.objectID("createWallet", "wallet") == nil)
            #expect(try await server.footprint() == before)
            #expect(try await server.wallets(dewi).count == 3)

            // Twelve at once from a fresh user: exactly three wallets, nine refusals, nothing else.
            let eko = try await server.signUp("eko")
            let codes = try await server.withConnections(12) { connections in
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for (index, connection) in connections.enumerated() {
                        group.addTask {
                            let answer = try await connection.graphql(
                                Self.create, variables: ["a": index % 2 == 0 ? "IDR" : "GOLD"], token: eko)
                            guard answer.status == 200 else { return ["HTTP \(answer.status)"] }
                            return answer.userErrorCodes("createWallet")
                        }
                    }
                    var all: [[String]] = []
                    for try await codes in group { all.append(codes) }
                    return all
                }
            }
            #expect(codes.filter(\.isEmpty).count == 3)
            #expect(codes.filter { $0 == ["WALLET_LIMIT_REACHED"] }.count == 9, "\(codes)")
            #expect(try await server.wallets(eko).count == 3)
        }
    }
}
