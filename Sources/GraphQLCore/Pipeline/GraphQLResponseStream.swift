/// The responses of one subscription, one per source event, produced on demand.
///
/// The stream is pull-based: an event is taken from the source only when the consumer asks for the next
/// response, and it is executed in the consumer's task. Nothing is buffered in between, so a slow consumer (a
/// websocket client that reads slowly) slows the source down instead of letting memory grow. Cancelling the
/// consuming task, or dropping the iterator, ends the source.
///
/// A source that throws ends the stream with one error response (masked like a resolver error).
public struct GraphQLResponseStream: AsyncSequence, Sendable {
    /// Each element is one executed event.
    public typealias Element = GraphQLResponse
    /// The stream never throws: errors are responses.
    public typealias Failure = Never

    let source: AsyncThrowingStream<FieldValue, any Error>
    let execute: @Sendable (FieldValue) async -> GraphQLResponse
    let fail: @Sendable (any Error) -> GraphQLResponse

    /// Starts iterating. The source should be iterated once: a second iterator shares it.
    public func makeAsyncIterator() -> Iterator {
        Iterator(source: source.makeAsyncIterator(), execute: execute, fail: fail)
    }

    /// Pulls one source event per `next()` and executes it.
    public struct Iterator: AsyncIteratorProtocol {
        var source: AsyncThrowingStream<FieldValue, any Error>.Iterator
        let execute: @Sendable (FieldValue) async -> GraphQLResponse
        let fail: @Sendable (any Error) -> GraphQLResponse
        var finished = false

        /// The response to the source's next event, or nil once the source ended (or the task was cancelled).
        public mutating func next() async -> GraphQLResponse? {
            guard !finished else { return nil }
            do {
                guard let event = try await source.next(), !Task.isCancelled else {
                    finished = true
                    return nil
                }
                return await execute(event)
            } catch {
                finished = true
                return Task.isCancelled ? nil : fail(error)
            }
        }
    }
}
