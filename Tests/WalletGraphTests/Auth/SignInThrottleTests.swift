import Foundation
import Testing

@testable import WalletGraph

/// The throttle's memory and bookkeeping, without I/O.
@Suite struct SignInThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func limits(maxKeys: Int = 300_000) -> SignInThrottle.Limits {
        var limits = SignInThrottle.Limits()
        limits.perPair = 3
        limits.perAddress = 1_000_000
        limits.maxKeys = maxKeys
        return limits
    }

    @Test func invalidUsernamesShareOneSmallKeyWhateverTheirSize() {
        let throttle = SignInThrottle(Self.limits())
        let huge = String(repeating: "x", count: 900_000)
        for index in 0..<200 {
            // Not normalisable: the resolver passes nil, whatever the client sent.
            _ = throttle.admit(username: nil, address: "10.0.\(index / 250).\(index % 250)", now: Self.start)
        }
        // 200 addresses: 200 pairs + 200 addresses + 1 username.
        #expect(throttle.keyCounts.guesses == 401)
        #expect(MemoryLayout<ThrottleKey>.size == 32)
        // An address that is not an IP address is hashed too.
        _ = throttle.admit(username: "dewi", address: huge, now: Self.start)
        #expect(throttle.keyCounts.guesses == 404)
    }

    @Test func keysExpireWithTheirNewestFailure() {
        let throttle = SignInThrottle(Self.limits())
        for index in 0..<100 {
            _ = throttle.admit(username: "user\(index)", address: "10.0.0.1", now: Self.start)
        }
        #expect(throttle.keyCounts.guesses == 201)
        // Past the window (and the sweep interval), the next admission drops them all.
        _ = throttle.admit(username: "late", address: "10.0.0.2", now: Self.start.addingTimeInterval(15 * 60 + 61))
        #expect(throttle.keyCounts.guesses == 3)
    }

    @Test func aFullLogForgetsTheOldestKeysButNeverRefusesANewcomer() {
        let throttle = SignInThrottle(Self.limits(maxKeys: 30))
        for _ in 0..<3 {
            #expect(throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start) != nil)
        }
        #expect(throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start) == nil)
        // A flood of fresh keys (three per attempt: pair, address, username): every one is admitted, memory stays
        // bounded, and an attacker who keeps trying keeps its count (a refusal keeps its keys recent).
        for index in 0..<100 {
            #expect(throttle.admit(username: "user\(index)", address: "10.1.0.\(index)", now: Self.start.addingTimeInterval(1)) != nil)
            #expect(throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start.addingTimeInterval(1)) == nil)
            #expect(throttle.keyCounts.guesses <= 30)
        }
        #expect(throttle.evictions.guesses > 200)
        // A pair nobody touched during the flood is forgotten: the price of never refusing newcomers.
        let quiet = SignInThrottle(Self.limits(maxKeys: 30))
        for _ in 0..<3 { _ = quiet.admit(username: "eka", address: "10.0.0.2", now: Self.start) }
        #expect(quiet.admit(username: "eka", address: "10.0.0.2", now: Self.start) == nil)
        for index in 0..<20 { _ = quiet.admit(username: "u\(index)", address: "10.3.0.\(index)", now: Self.start) }
        #expect(quiet.admit(username: "eka", address: "10.0.0.2", now: Self.start) != nil)
    }

    @Test func aSuccessRefundsTheAttemptAndClearsThePair() {
        let throttle = SignInThrottle(Self.limits())
        for _ in 0..<2 { _ = throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start) }
        let right = throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start)
        throttle.succeeded(try! #require(right))
        for _ in 0..<3 {
            #expect(throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start) != nil)
        }
        #expect(throttle.admit(username: "dewi", address: "10.0.0.1", now: Self.start) == nil)
    }

    @Test func ipAddressesParseCanonicallyAndIPv6IsThrottledByItsSlash64() {
        #expect(IPAddress("0:0::1") == IPAddress("::1"))
        #expect(IPAddress(" 192.0.2.1 ")?.description == "192.0.2.1")
        #expect(IPAddress("::ffff:192.0.2.1") == IPAddress("192.0.2.1"))
        #expect(IPAddress("[2001:db8::1]")?.description == "2001:db8::1")
        #expect(IPAddress("fe80::1%eth0")?.description == "fe80::1")
        for bad in ["", "example.com", "1.2.3.4:80", "1.2.3", "unknown", "2001:db8::1::2"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
        #expect(IPAddress("2001:db8:1:2:3:4:5:6")?.throttleScope == "2001:db8:1:2::/64")
        #expect(IPAddress("10.0.0.1")?.throttleScope == "10.0.0.1")
    }
}

/// The bcrypt bound: past `maxPending` hashes and checks at once, one more is refused at once.
@Suite struct PasswordHasherBoundTests {
    @Test func oneMoreThanMaxPendingIsBusyAndTheSlotComesBack() async throws {
        let hasher = PasswordHasher(cost: 12, maxPending: 1)
        let running = Task { try await hasher.hash("first password") }
        for _ in 0..<10_000 where hasher.pendingCount == 0 { await Task.yield() }
        #expect(hasher.pendingCount == 1)
        await #expect(throws: PasswordHasher.Busy.self) { _ = try await hasher.verify("x", hash: "y") }
        let hash = try await running.value
        #expect(hasher.pendingCount == 0)
        #expect(try await hasher.verify("first password", hash: hash))
    }
}
