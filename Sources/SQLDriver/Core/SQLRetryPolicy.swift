/// Whether and how ``SQLPool/withTransaction(_:retry:isolation:_:)`` reruns a transaction that failed with a
/// retryable error (``SQLError/isRetryable``: deadlock, serialization failure, busy).
///
/// The whole body runs again, so it must not have effects outside the database that cannot be repeated.
public struct SQLRetryPolicy: Sendable, Hashable {
    /// Attempts in all, including the first.
    public var maxAttempts: Int
    /// The delay before the second attempt; it doubles each time, with ±50% jitter so that the
    /// transactions that collided do not collide again.
    public var baseDelay: Duration

    public init(maxAttempts: Int, baseDelay: Duration = .milliseconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
    }

    /// One attempt: errors reach the caller as they are.
    public static let none = SQLRetryPolicy(maxAttempts: 1)
    /// Up to 5 attempts, starting at 5 ms.
    public static let standard = SQLRetryPolicy(maxAttempts: 5)

    /// The delay before attempt `attempt + 1`, after `attempt` failed.
    func delay(after attempt: Int) -> Duration {
        let factor = Double(1 << min(attempt - 1, 16)) * Double.random(in: 0.5...1.5)
        return baseDelay * factor
    }
}
