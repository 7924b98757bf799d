import DatabaseTestSupport
import Foundation
import GraphQLCore
import Synchronization
import Testing

@testable import WalletGraph
@testable import WalletGraphServer

/// Floods of expensive requests over HTTP, beside a normal client whose latency is printed: heavy operations (many
/// aliased `totalCount`s, each costed as the count it runs) are held to `HEAVY_REQUESTS_MAX` at once and the rest
/// are 503 at once, so they never take every database connection.
@Suite("End to end: floods")
struct EndToEndFloodTests {
    final class Tally: Sendable {
        let normal = Mutex<[Duration]>([])
        let normalFailures = Mutex<[String]>([])
        let flood = Mutex<[String: Int]>([:])
        let stop = Atomic<Bool>(false)
    }

    @Test("a flood of aliased heavy counts leaves a normal client its answers; heavy ones past the gate are 503", arguments: Engine.all)
    func heavyCountFlood(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            let (token, wallet) = try await EndToEndTimeoutTests.newWallet(server, "vera")
            for index in 0..<200 {
                let answer = try await server.graphql(
                    EndToEndTimeoutTests.topUp, variables: ["w": wallet, "a": "\(index + 1)", "k": "history-\(index)"],
                    token: token)
                guard answer.objectID("topUp", "transaction") != nil else { throw E2EFailure("topUp: \(answer.body)") }
            }
            // Forty counts over the whole history, each with another filter so none is a repeat of another.
            let heavy = "{ " + (0..<40).map {
                "c\($0): transactions(first: 1, filter: {minAmount: \"\($0 + 1)\"}) { totalCount }"
            }.joined(separator: " ") + " }"
            let sample = try await server.graphql(heavy, token: token)
            #expect(sample.int("c0.totalCount") == 200 && sample.int("c39.totalCount") == 161, "\(sample.body.prefix(300))")
            // Costed as forty counts, not forty fields: heavy.
            guard case .ready(let operation) = server.app.api.engine.prepare(GraphQLRequest(query: heavy)) else {
                throw E2EFailure("the heavy query did not prepare")
            }
            #expect(WalletAPI.weight(operation) >= 40 * 200)
            let gate = server.app.api.heavyRequests
            #expect(WalletAPI.weight(operation) >= gate.threshold)
            // A home screen (every wallet, MAX_WALLETS_PER_USER of them, with a counted page) is not heavy; 25
            // aliased counts are.
            let screen = "{ wallets { transactions(first: 10) { totalCount edges { node { id amount type } } } } }"
            let aliased = "{ " + (0..<25).map { "c\($0): transactions(first: 1) { totalCount }" }.joined(separator: " ") + " }"
            for (query, heavy) in [(screen, false), (aliased, true)] {
                guard case .ready(let prepared) = server.app.api.engine.prepare(GraphQLRequest(query: query)) else {
                    throw E2EFailure("did not prepare: \(query)")
                }
                #expect((WalletAPI.weight(prepared) >= gate.threshold) == heavy, "\(query): \(WalletAPI.weight(prepared))")
            }
            #expect(gate.limit < server.app.pool.statistics.capacity, "the gate leaves connections for the rest")

            let tally = Tally()
            let clock = ContinuousClock()
            try await server.withConnections(13) { connections in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for connection in connections.dropFirst() {
                        group.addTask {
                            while !tally.stop.load(ordering: .relaxed) {
                                let answer = try await connection.graphql(heavy, token: token)
                                let kind = answer.status == 200 && answer.errors.isEmpty
                                    ? "answered" : "\(answer.status) \(answer.errorCodes.joined(separator: ","))"
                                tally.flood.withLock { $0[kind, default: 0] += 1 }
                            }
                        }
                    }
                    group.addTask {
                        // The flooders stop when this ends, thrown or not.
                        defer { tally.stop.store(true, ordering: .relaxed) }
                        let normal = connections[0]
                        let deadline = clock.now + .seconds(4)
                        while clock.now < deadline {
                            let sent = clock.now
                            let answer = try await normal.graphql(
                                "query($w: ID!) { wallet(id: $w) { balance } }", variables: ["w": wallet], token: token)
                            let took = clock.now - sent
                            tally.normal.withLock { $0.append(took) }
                            if answer.status != 200 || !answer.errors.isEmpty || answer.string("wallet.balance") == nil {
                                tally.normalFailures.withLock { $0.append("\(answer.status) \(answer.body.prefix(200))") }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let latencies = tally.normal.withLock { $0 }.sorted()
            let flood = tally.flood.withLock { $0 }
            #expect(tally.normalFailures.withLock { $0 }.isEmpty, "\(tally.normalFailures.withLock { $0 }.prefix(3))")
            #expect(latencies.count >= 20, "the normal client got only \(latencies.count) answers in 4 s")
            #expect((flood["503 SERVICE_UNAVAILABLE"] ?? 0) > 0, "12 heavy clients never met the gate (\(gate.limit)): \(flood)")
            #expect(flood.keys.allSatisfy { $0 == "answered" || $0 == "503 SERVICE_UNAVAILABLE" }, "\(flood)")
            let p50 = latencies[latencies.count / 2], p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
            print("heavy-count flood (\(engine)): normal client \(latencies.count) reads in 4 s, p50 \(p50), p99 \(p99), max \(latencies.last!); 12 flooders: \(flood), gate \(gate.limit) of \(server.app.pool.statistics.capacity) connections")
        }
    }
}
