import Foundation
import Testing
import WalletGraph

@Suite("Request rate limits")
struct RequestRateLimiterTests {
    let start = ContinuousClock.now

    @Test("settings: PER_MINUTE, PER_MINUTE:BURST, 0 for none; anything else refused")
    func parsing() throws {
        #expect(try RateLimit.parse("600").get() == RateLimit(perMinute: 600, burst: 600))
        #expect(try RateLimit.parse("60_000:120_000").get() == RateLimit(perMinute: 60_000, burst: 120_000))
        #expect(try RateLimit.parse("0").get() == nil)
        for bad in ["", "-1", "abc", "10:0", "10:", ":5", "1:2:3", "99999999999", "1.5"] {
            #expect(throws: RateLimitSyntaxError.self, "\(bad)") { try RateLimit.parse(bad).get() }
        }
    }

    @Test("a bucket passes its burst, refuses with a retry time, and refills at its rate")
    func bucket() {
        let limiter = RequestRateLimiter(limits: .init(perAddress: RateLimit(perMinute: 60, burst: 10), perUser: nil))
        for _ in 0..<10 { #expect(limiter.admit(address: "203.0.113.1", userID: nil, weight: 1, now: start) == .allowed) }
        #expect(limiter.admit(address: "203.0.113.1", userID: nil, weight: 1, now: start)
            == .limited(retryAfterSeconds: 1, scope: .address))
        // Another address has its own bucket.
        #expect(limiter.admit(address: "203.0.113.2", userID: nil, weight: 1, now: start) == .allowed)
        // 60 a minute is one a second: after 3 s, three pass and the fourth waits.
        let later = start + .seconds(3)
        for _ in 0..<3 { #expect(limiter.admit(address: "203.0.113.1", userID: nil, weight: 1, now: later) == .allowed) }
        #expect(limiter.admit(address: "203.0.113.1", userID: nil, weight: 1, now: later) != .allowed)
    }

    @Test("weights are charged; a weight over the burst passes only from a full bucket")
    func weights() {
        let limiter = RequestRateLimiter(limits: .init(perAddress: RateLimit(perMinute: 600, burst: 100), perUser: nil))
        #expect(limiter.admit(address: "a", userID: nil, weight: 60, now: start) == .allowed)
        // 40 left; 60 more needs 20 units, 2 s at 10 a second.
        #expect(limiter.admit(address: "a", userID: nil, weight: 60, now: start) == .limited(retryAfterSeconds: 2, scope: .address))
        #expect(limiter.admit(address: "b", userID: nil, weight: 1_000_000, now: start) == .allowed)
        #expect(limiter.admit(address: "b", userID: nil, weight: 1, now: start) != .allowed)
    }

    @Test("the user's bucket follows the user across addresses, and a refusal charges neither bucket")
    func perUser() {
        let user = UUID()
        let limiter = RequestRateLimiter(
            limits: .init(perAddress: RateLimit(perMinute: 60, burst: 5), perUser: RateLimit(perMinute: 60, burst: 3)))
        for index in 0..<3 {
            #expect(limiter.admit(address: "198.51.100.\(index)", userID: user, weight: 1, now: start) == .allowed)
        }
        #expect(limiter.admit(address: "198.51.100.9", userID: user, weight: 1, now: start)
            == .limited(retryAfterSeconds: 1, scope: .user))
        // The refused request took nothing from 198.51.100.9: five anonymous requests still pass there.
        for _ in 0..<5 { #expect(limiter.admit(address: "198.51.100.9", userID: nil, weight: 1, now: start) == .allowed) }
    }

    @Test("IPv6 clients share their /64")
    func ipv6() {
        let limiter = RequestRateLimiter(limits: .init(perAddress: RateLimit(perMinute: 60, burst: 2), perUser: nil))
        #expect(limiter.admit(address: "2001:db8:1:2::1", userID: nil, weight: 1, now: start) == .allowed)
        #expect(limiter.admit(address: "2001:db8:1:2::ffff", userID: nil, weight: 1, now: start) == .allowed)
        #expect(limiter.admit(address: "2001:db8:1:2:3:4:5:6", userID: nil, weight: 1, now: start) != .allowed)
        #expect(limiter.admit(address: "2001:db8:1:3::1", userID: nil, weight: 1, now: start) == .allowed)
    }

    @Test("memory is bounded and fails open: a flood of fresh addresses evicts, never refuses")
    func boundedFailOpen() {
        let limiter = RequestRateLimiter(
            limits: .init(perAddress: RateLimit(perMinute: 60, burst: 1), perUser: nil, maxKeys: 64))
        for index in 0..<10_000 {
            let address = "10.\(index / 65_536).\((index / 256) % 256).\(index % 256)"
            #expect(limiter.admit(address: address, userID: nil, weight: 1, now: start) == .allowed)
        }
        let counts = limiter.keyCounts
        #expect(counts.buckets <= 64)
        #expect(counts.evicted >= 10_000 - 64)
    }

    @Test("limits off: everything passes and nothing is kept")
    func off() {
        let limiter = RequestRateLimiter(limits: .off)
        for _ in 0..<100 { #expect(limiter.admit(address: "a", userID: UUID(), weight: 1_000_000, now: start) == .allowed) }
        #expect(limiter.keyCounts.buckets == 0)
        #expect(!limiter.isEnabled)
    }
}
