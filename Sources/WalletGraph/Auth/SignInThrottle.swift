import Foundation
import Synchronization

/// Limits failed sign-ins per username and per client address, in memory (per process): after `limit`
/// failures within `window`, further attempts are RATE_LIMITED until the window moves on. A success clears the
/// username's count. Guessing passwords therefore costs time, while bcrypt's cost bounds each guess's CPU.
public final class SignInThrottle: Sendable {
    private struct Bucket {
        var failures: [Date] = []
    }
    public let limit: Int
    public let window: TimeInterval
    private let buckets = Mutex([String: Bucket]())

    public init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Whether an attempt for these keys may proceed now.
    public func allows(_ keys: [String], now: Date) -> Bool {
        buckets.withLock { buckets in
            keys.allSatisfy { key in
                let recent = (buckets[key]?.failures ?? []).filter { now.timeIntervalSince($0) < window }
                buckets[key] = recent.isEmpty ? nil : Bucket(failures: recent)
                return recent.count < limit
            }
        }
    }

    public func recordFailure(_ keys: [String], now: Date) {
        buckets.withLock { buckets in
            for key in keys {
                var bucket = buckets[key] ?? Bucket()
                bucket.failures.removeAll { now.timeIntervalSince($0) >= window }
                bucket.failures.append(now)
                buckets[key] = bucket
            }
            // Bound memory under a flood of distinct keys: forget the stalest half.
            if buckets.count > 100_000 {
                let stale = buckets.sorted { ($0.value.failures.last ?? .distantPast) < ($1.value.failures.last ?? .distantPast) }
                for (key, _) in stale.prefix(buckets.count / 2) { buckets[key] = nil }
            }
        }
    }

    public func recordSuccess(_ keys: [String]) {
        buckets.withLock { buckets in for key in keys { buckets[key] = nil } }
    }
}
