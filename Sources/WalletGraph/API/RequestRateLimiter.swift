import Foundation
import Synchronization

/// A token-bucket rate: `perMinute` units flow in each minute, up to `burst` held.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    public let perMinute: Int
    public let burst: Int

    public init(perMinute: Int, burst: Int? = nil) {
        self.perMinute = max(1, perMinute)
        self.burst = max(1, burst ?? perMinute)
    }

    /// `PER_MINUTE` or `PER_MINUTE:BURST` (underscores allowed as digit separators); `0` is nil (no limit).
    /// Throws nothing: nil for `0`, and `.failure` for text that is not such a value.
    public static func parse(_ text: String) -> Result<RateLimit?, RateLimitSyntaxError> {
        let parts = text.replacingOccurrences(of: "_", with: "").split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let rate = Int(parts[0]), rate >= 0, rate <= 1_000_000_000 else {
            return .failure(RateLimitSyntaxError())
        }
        var burst: Int?
        if parts.count == 2 {
            guard let value = Int(parts[1]), value >= 1, value <= 1_000_000_000 else { return .failure(RateLimitSyntaxError()) }
            burst = value
        }
        if rate == 0 { return .success(nil) }
        return .success(RateLimit(perMinute: rate, burst: burst))
    }

    public var description: String { "\(perMinute)/min, burst \(burst)" }
}

/// A rate-limit setting that is not `PER_MINUTE[:BURST]`.
public struct RateLimitSyntaxError: Error, Sendable {}

/// Request rate limits per client address and per signed-in user: token buckets charged with each operation's
/// weight (its complexity cost; money mutations more), checked before any resolver runs.
///
/// Memory is bounded: at ``Limits/maxKeys`` buckets, full ones (clients idle long enough to have refilled)
/// are dropped first, then the least recently seen eighth. It fails open: a flood of fresh addresses pushes
/// out other buckets (which then start full) but never refuses a request for lack of room.
public final class RequestRateLimiter: Sendable {
    public struct Limits: Sendable, Hashable {
        public var perAddress: RateLimit?
        public var perUser: RateLimit?
        public var maxKeys: Int

        public init(perAddress: RateLimit?, perUser: RateLimit?, maxKeys: Int = 100_000) {
            self.perAddress = perAddress
            self.perUser = perUser
            self.maxKeys = max(8, maxKeys)
        }

        /// The defaults: per address 60,000 cost units a minute with a burst of 120,000 (the standard
        /// introspection query costs about 26,000; a screen of wallets and history a few hundred), per user
        /// 30,000 with a burst of 60,000.
        public static let standard = Limits(
            perAddress: RateLimit(perMinute: 60_000, burst: 120_000), perUser: RateLimit(perMinute: 30_000, burst: 60_000))
        /// No limits.
        public static let off = Limits(perAddress: nil, perUser: nil)
    }

    /// The answer for one request.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; the client may retry after this many whole seconds (at least 1).
        case limited(retryAfterSeconds: Int, scope: Scope)
    }

    /// Which bucket refused.
    public enum Scope: String, Sendable { case address, user }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private enum Key: Hashable {
        case address(String)
        case user(UUID)
    }

    private struct State {
        var buckets: [Key: Bucket] = [:]
        var evictions = 0
    }

    public let limits: Limits
    private let state = Mutex(State())

    public init(limits: Limits) {
        self.limits = limits
    }

    /// Whether either limit is on.
    public var isEnabled: Bool { limits.perAddress != nil || limits.perUser != nil }

    /// Charges `weight` units to the address's and the user's buckets when both hold enough; otherwise charges
    /// neither and says when to retry. A weight above a bucket's burst is charged as the burst (it passes when
    /// the bucket is full). `address` is the client's address text (an IPv6 address counts as its /64).
    public func admit(
        address: String?, userID: UUID?, weight: Int, now: ContinuousClock.Instant = .now
    ) -> Decision {
        var charges: [(Key, RateLimit, Scope)] = []
        if let limit = limits.perAddress { charges.append((.address(ThrottleKey.address(address)), limit, .address)) }
        if let limit = limits.perUser, let userID { charges.append((.user(userID), limit, .user)) }
        guard !charges.isEmpty else { return .allowed }
        return state.withLock { state in
            var refilled: [(Key, Bucket, Double)] = []
            for (key, limit, scope) in charges {
                var bucket = state.buckets[key] ?? Bucket(tokens: Double(limit.burst), updated: now)
                let rate = Double(limit.perMinute) / 60
                let elapsed = max(0, Self.seconds(now - bucket.updated))
                bucket.tokens = min(Double(limit.burst), bucket.tokens + elapsed * rate)
                bucket.updated = now
                let cost = Double(min(max(weight, 1), limit.burst))
                if bucket.tokens + 1e-9 < cost {
                    let wait = (cost - bucket.tokens) / rate
                    return .limited(retryAfterSeconds: max(1, Int(wait.rounded(.up))), scope: scope)
                }
                refilled.append((key, bucket, cost))
            }
            for (key, bucket, cost) in refilled {
                if state.buckets[key] == nil, state.buckets.count >= limits.maxKeys { Self.evict(&state, now: now, limits) }
                state.buckets[key] = Bucket(tokens: bucket.tokens - cost, updated: bucket.updated)
            }
            return .allowed
        }
    }

    /// Buckets held, and how many were evicted to make room, for tests and metrics.
    public var keyCounts: (buckets: Int, evicted: Int) {
        state.withLock { ($0.buckets.count, $0.evictions) }
    }

    private static func evict(_ state: inout State, now: ContinuousClock.Instant, _ limits: Limits) {
        let before = state.buckets.count
        // A bucket that has refilled is the same as no bucket.
        state.buckets = state.buckets.filter { key, bucket in
            let limit: RateLimit?
            switch key {
            case .address: limit = limits.perAddress
            case .user: limit = limits.perUser
            }
            guard let limit else { return false }
            let tokens = bucket.tokens + max(0, seconds(now - bucket.updated)) * Double(limit.perMinute) / 60
            return tokens < Double(limit.burst)
        }
        if state.buckets.count >= limits.maxKeys {
            let oldest = state.buckets.sorted { $0.value.updated < $1.value.updated }.prefix(max(1, limits.maxKeys / 8))
            for (key, _) in oldest { state.buckets[key] = nil }
        }
        state.evictions += before - state.buckets.count
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
