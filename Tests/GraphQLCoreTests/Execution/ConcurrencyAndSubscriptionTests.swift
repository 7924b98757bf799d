import Synchronization
import Testing
@testable import GraphQLCore

/// Many requests at once through one engine give exactly the right answers, with the document cache both
/// shared and evicting; and subscriptions end cleanly on source errors and on consumer cancellation.
@Suite struct ConcurrencyAndSubscriptionTests {
    struct Ctx: Sendable { let user: Int }
    struct Item: Sendable { let id: Int }

    static let sdl = """
        type Query { items(n: Int!): [Item!]! me: Int }
        type Item { id: Int! double: Int! label: String }
        type Subscription { ticks(from: Int!): Int! }
        """

    /// Counts the source streams still running.
    final class Sources: Sendable {
        let running = Mutex(0)
        let stopped = Mutex(0)
    }

    static func engine(cacheSize: Int = 512, sources: Sources = Sources()) throws -> GraphQLEngine<Ctx> {
        try makeEngine(sdl, configuration: GraphQLEngineConfiguration(documentCacheSize: cacheSize)) { (r: inout ResolverMap<Ctx>) in
            r.asyncField("Query", "items") { input in
                await Task.yield()
                return .list((0..<input.arguments.int("n")!).map { .object(Item(id: $0)) })
            }
            r.field("Query", "me") { .int($0.context.user) }
            r.field("Item", "id") { .int(try $0.parent(as: Item.self).id) }
            r.asyncField("Item", "double") { input in
                await Task.yield()
                return .int(try input.parent(as: Item.self).id * 2)
            }
            r.batch("Item", "label") { input in
                await Task.yield()
                return try input.parents(as: Item.self).map { $0.id == 1 ? .error(GraphQLError("no 1", code: .badUserInput)) : .string("L\($0.id)") }
            }
            r.subscription("ticks") { input in
                let from = input.arguments.int("from")!
                if from == 13 { throw GraphQLError("unlucky", code: .badUserInput) }
                return AsyncThrowingStream<FieldValue, any Error> { continuation in
                    sources.running.withLock { $0 += 1 }
                    let task = Task {
                        var n = from
                        while !Task.isCancelled {
                            if n == 103 { continuation.finish(throwing: GraphQLError("source broke", code: .badUserInput)); return }
                            continuation.yield(n == 101 ? .null : .int(n))
                            n += 1
                            try? await Task.sleep(for: .milliseconds(1))
                        }
                    }
                    continuation.onTermination = { _ in
                        task.cancel()
                        sources.running.withLock { $0 -= 1 }
                        sources.stopped.withLock { $0 += 1 }
                    }
                }
            }
        }
    }

    static func expected(_ n: Int, user: Int) -> String {
        let items = (0..<n).map { #"{"id":\#($0),"double":\#($0 * 2),"label":\#($0 == 1 ? "null" : "\"L\($0)\"")}"# }
        let errors = n > 1 ? #","errors":[{"message":"no 1","locations":[{"line":1,"column":30}],"path":["items",1,"label"],"extensions":{"code":"BAD_USER_INPUT"}}]"# : ""
        return #"{"data":{"me":\#(user),"items":[\#(items.joined(separator: ","))]}\#(errors)}"#
    }

    @Test(arguments: [512, 3])
    func twoHundredConcurrentRequestsGetExactlyTheirOwnAnswers(cacheSize: Int) async throws {
        let engine = try Self.engine(cacheSize: cacheSize)
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for request in 0..<200 {
                group.addTask {
                    // Eight distinct documents: with a cache of 3 they keep evicting one another.
                    let n = request % 8
                    let query = "{ me items(n: \(n)) { id double label } }"
                    let response = await engine.execute(GraphQLRequest(query: query), context: Ctx(user: request))
                    return (request, response.json)
                }
            }
            var all: [(Int, String)] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 200)
        for (request, json) in results {
            #expect(json == Self.expected(request % 8, user: request))
        }
        #expect(engine.cachedDocumentCount <= cacheSize)
    }

    @Test func subscriptionVariablesEventErrorsAndAThrowingSourceEndTheStreamWithAnError() async throws {
        let sources = Sources()
        let engine = try Self.engine(sources: sources)
        let request = GraphQLRequest(query: "subscription S($from: Int!) { ticks(from: $from) }", variables: ["from": .int(100)])
        guard case .events(let stream) = await engine.subscribe(request, context: Ctx(user: 1)) else {
            Issue.record("expected events"); return
        }
        var bodies: [String] = []
        for await response in stream { bodies.append(response.json) }
        #expect(bodies == [
            #"{"data":{"ticks":100}}"#,
            #"{"data":null,"errors":[{"message":"Cannot return null for non-nullable field Subscription.ticks.","locations":[{"line":1,"column":31}],"path":["ticks"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#,
            #"{"data":{"ticks":102}}"#,
            #"{"data":null,"errors":[{"message":"source broke","locations":[{"line":1,"column":31}],"path":["ticks"],"extensions":{"code":"BAD_USER_INPUT"}}]}"#,
        ])
        #expect(sources.running.withLock { $0 } == 0)
        let refused = await engine.subscribe(GraphQLRequest(query: request.query, variables: ["from": .int(13)]), context: Ctx(user: 1))
        guard case .requestError(let response) = refused else { Issue.record("expected a request error"); return }
        #expect(response.errors.map(\.message) == ["unlucky"])
    }

    @Test func cancellingTheConsumerStopsTheSource() async throws {
        let sources = Sources()
        let engine = try Self.engine(sources: sources)
        guard case .events(let stream) = await engine.subscribe(GraphQLRequest(query: "subscription { ticks(from: 0) }"), context: Ctx(user: 1)) else {
            Issue.record("expected events"); return
        }
        let consumer = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        while sources.running.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        try await Task.sleep(for: .milliseconds(20))
        consumer.cancel()
        _ = await consumer.value
        for _ in 0..<2_000 where sources.stopped.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(sources.stopped.withLock { $0 } == 1)
        #expect(sources.running.withLock { $0 } == 0)
    }
}
