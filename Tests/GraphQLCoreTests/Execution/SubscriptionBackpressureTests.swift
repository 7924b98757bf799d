import Synchronization
import Testing
@testable import GraphQLCore

/// A subscription's responses are pulled: the engine takes an event from the source only when the consumer asks
/// for the next response, so a slow consumer slows the source instead of letting buffers grow.
@Suite struct SubscriptionBackpressureTests {
    struct Ctx: Sendable {}

    /// Counts the events taken from an endless source, and whether the source saw the consumer go away.
    final class Source: Sendable {
        let pulled = Mutex(0)
        let cancelled = Mutex(false)
        /// Events after which the source waits (for cancellation) instead of producing.
        let stallAfter: Int

        init(stallAfter: Int = .max) { self.stallAfter = stallAfter }
    }

    static func engine(_ source: Source) throws -> GraphQLEngine<Ctx> {
        try makeEngine("type Query { ok: Boolean } type Subscription { ticks: Int! }") { (r: inout ResolverMap<Ctx>) in
            r.field("Query", "ok") { _ in true }
            r.subscription("ticks") { _ in
                AsyncStream<FieldValue>(unfolding: {
                    let n = source.pulled.withLock { pulled in pulled += 1; return pulled }
                    if n > source.stallAfter { try? await Task.sleep(for: .seconds(600)) }
                    // Let other tasks run, so an eager consumer cannot starve the test of threads.
                    await Task.yield()
                    return .int(n)
                }, onCancel: { source.cancelled.withLock { $0 = true } })
            }
        }
    }

    static let request = GraphQLRequest(query: "subscription { ticks }")

    @Test func theSourceIsPulledOnlyAsFastAsTheConsumerReads() async throws {
        let source = Source()
        guard case .events(let stream) = try await Self.engine(source).subscribe(Self.request, context: Ctx()) else {
            Issue.record("expected events"); return
        }
        var iterator = stream.makeAsyncIterator()
        for read in 1...5 {
            let response = try #require(await iterator.next())
            #expect(response.json == #"{"data":{"ticks":\#(read)}}"#)
            // A slow consumer: give any eager producer time to run ahead.
            for _ in 0..<200 { await Task.yield() }
            try await Task.sleep(for: .milliseconds(10))
            let pulled = source.pulled.withLock { $0 }
            #expect(pulled <= read + 1, "pulled \(pulled) events while the consumer read \(read)")
        }
    }

    @Test func cancellingAConsumerWaitingForAnEventCancelsTheSource() async throws {
        let source = Source(stallAfter: 2)
        guard case .events(let stream) = try await Self.engine(source).subscribe(Self.request, context: Ctx()) else {
            Issue.record("expected events"); return
        }
        let consumer = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        while source.pulled.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(1)) }
        consumer.cancel()
        #expect(await consumer.value == 2)
        for _ in 0..<2_000 where !source.cancelled.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
        #expect(source.cancelled.withLock { $0 })
    }
}
