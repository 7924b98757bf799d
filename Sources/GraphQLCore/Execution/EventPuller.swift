import Synchronization

/// Holds the iterator of a subscription's event sequence so that `AsyncThrowingStream(unfolding:)` can pull from
/// it one event at a time.
///
/// `@unchecked Sendable` because the iterator is mutable state. It is sound because calls never overlap: the one
/// consumer, `GraphQLResponseStream.Iterator`, awaits each `next()` before asking again, and an overlapping call
/// (a second iterator of the same stream) is refused by `busy` instead of touching the iterator.
final class EventPuller<Events: AsyncSequence>: @unchecked Sendable where Events.Element == FieldValue {
    private var iterator: Events.AsyncIterator
    private let busy = Mutex(false)

    init(_ events: Events) {
        iterator = events.makeAsyncIterator()
    }

    /// The next event, or nil at the end of the sequence.
    func next() async throws -> FieldValue? {
        guard busy.withLock({ busy in defer { busy = true }; return !busy }) else { throw ConcurrentIteration() }
        defer { busy.withLock { $0 = false } }
        return try await iterator.next()
    }

    /// A subscription's event stream was iterated from two places at once.
    struct ConcurrentIteration: Error {}
}
