import DatabaseTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing
import WalletGraph

/// Sign-in throttling behind a proxy: the client is the right-most `X-Forwarded-For` entry the trusted proxies
/// did not write, and only when the peer is a trusted proxy.
@Suite("End to end: throttling and proxies")
struct EndToEndThrottleTests {
    final class Latencies: Sendable { let values = Mutex<[Duration]>([]) }
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
    static let signIn =
        "mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token userErrors { code } } }"

    static func signIn(
        _ server: LiveServer, _ username: String, _ password: String, forwardedFor: String
    ) async throws -> HTTPAnswer {
        try await server.graphql(
            signIn, variables: ["u": username, "p": password], headers: [Self.forwardedFor: forwardedFor])
    }

    /// Sends `count` requests over 16 connections, request `index` as if from its own address
    /// `127.<network + index / 65536>.x.y` (through the trusted proxy): what `send` made of each answer, and each
    /// request's latency.
    static func flood(
        _ server: LiveServer, count: Int, network: Int,
        _ send: @escaping @Sendable (LiveServer, Int, String) async throws -> [String]
    ) async throws -> (codes: [String], latencies: [Duration]) {
        let clock = ContinuousClock()
        let latencies = Latencies()
        let codes = try await server.withConnections(16) { connections in
            try await withThrowingTaskGroup(of: [String].self) { group in
                for (worker, connection) in connections.enumerated() {
                    group.addTask {
                        var seen: [String] = []
                        for index in stride(from: worker, to: count, by: connections.count) {
                            let address = "127.\(network + index / 65_536).\(index / 256 % 256).\(index % 256)"
                            let sent = clock.now
                            seen += try await send(connection, index, address)
                            latencies.values.withLock { $0.append(clock.now - sent) }
                        }
                        return seen
                    }
                }
                var all: [String] = []
                for try await codes in group { all += codes }
                return all
            }
        }
        return (codes, latencies.values.withLock { $0 })
    }

    @Test("behind a trusted proxy, each client has its own counter", arguments: Engine.all)
    func trustedProxy(engine: Engine) async throws {
        // The test client connects from 127.0.0.1, which plays the proxy.
        try await LiveServer.run(engine, environment: ["TRUSTED_PROXIES": "127.0.0.1, ::1"]) { server in
            for _ in 0..<10 {
                let answer = try await Self.signIn(server, "alice", "wrong password", forwardedFor: "203.0.113.7")
                #expect(answer.userErrorCodes("signIn") == ["INVALID_CREDENTIALS"], "\(answer.body)")
            }
            let attacker = try await Self.signIn(server, "alice", "password123", forwardedFor: "203.0.113.7")
            #expect(attacker.errorCodes == ["RATE_LIMITED"], "\(attacker.body)")
            // A client cannot pick its own address: what it sends is left of the proxy's entry.
            let spoofed = try await Self.signIn(server, "alice", "password123", forwardedFor: "198.51.100.1, 203.0.113.7")
            #expect(spoofed.errorCodes == ["RATE_LIMITED"], "\(spoofed.body)")
            let alice = try await Self.signIn(server, "alice", "password123", forwardedFor: "203.0.113.8")
            #expect(alice.string("signIn.token") != nil, "\(alice.body)")
        }
    }

    @Test("without trusted proxies, X-Forwarded-For is ignored", arguments: Engine.all)
    func untrustedPeer(engine: Engine) async throws {
        try await LiveServer.run(engine) { server in
            for index in 0..<10 {
                let answer = try await Self.signIn(server, "alice", "wrong password", forwardedFor: "203.0.113.\(index)")
                #expect(answer.userErrorCodes("signIn") == ["INVALID_CREDENTIALS"], "\(answer.body)")
            }
            let refused = try await Self.signIn(server, "alice", "password123", forwardedFor: "203.0.113.99")
            #expect(refused.errorCodes == ["RATE_LIMITED"], "\(refused.body)")
        }
    }

    @Test("a flood of failed sign-ins from fresh addresses: bcrypt stays bounded, the rest is RATE_LIMITED at once, and the owner still signs in",
          arguments: Engine.all)
    func floodFromFreshAddresses(engine: Engine) async throws {
        try await LiveServer.run(
            engine, environment: ["TRUSTED_PROXIES": "127.0.0.1, ::1", "BCRYPT_MAX_PENDING": "2", "BCRYPT_COST": "11"]
        ) { server in
            let flood = 2_000
            let clock = ContinuousClock()
            let started = clock.now
            let (codes, latencies) = try await Self.flood(server, count: flood, network: 1) { connection, index, address in
                let answer = try await Self.signIn(connection, "user\(index)", "wrong password", forwardedFor: address)
                // A bcrypt refusal says when to retry (in 1 s); the throttle's does not.
                let busy = answer.errorCodes == ["RATE_LIMITED"] && answer.errorMessages.first?.contains("1 s") == true
                return busy ? ["BUSY"] : answer.errorCodes + answer.userErrorCodes("signIn")
            }
            let floodTime = clock.now - started
            let limited = codes.filter { $0 == "BUSY" }.count
            let invalid = codes.filter { $0 == "INVALID_CREDENTIALS" }.count
            #expect(codes.count == flood && limited + invalid == flood, "\(Dictionary(codes.map { ($0, 1) }, uniquingKeysWith: +))")
            #expect(limited > 0, "16 clients never found the bcrypt queue (2) full")
            // The owner, from a fresh address, retrying RATE_LIMITED as a client should (after 1 s, here 50 ms).
            var tries = 0
            let signInStarted = clock.now
            var token: String?
            while token == nil && tries < 100 {
                tries += 1
                let alice = try await Self.signIn(server, "alice", "password123", forwardedFor: "198.51.100.20")
                token = alice.string("signIn.token")
                if token == nil {
                    #expect(alice.errorCodes == ["RATE_LIMITED"], "\(alice.body)")
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(token != nil)
            let sorted = latencies.sorted()
            let p50 = sorted[sorted.count / 2], p99 = sorted[sorted.count * 99 / 100]
            print("flood latency per sign-in: p50 \(p50), p99 \(p99)")
            print("flood: \(flood) failed sign-ins from \(flood) addresses in \(floodTime) (\(limited) RATE_LIMITED by the bcrypt bound, \(invalid) INVALID_CREDENTIALS); the owner signed in after \(tries) tries, \(clock.now - signInStarted)")
        }
    }

    static let signUp = "mutation($i: SignUpInput!) { signUp(input: $i) { token userErrors { code field } } }"

    /// Signs up `flood<number>`, with a phone number of its own.
    static func signUp(_ server: LiveServer, number: Int, forwardedFor: String) async throws -> HTTPAnswer {
        let username = "flood\(number)"
        let digits = String(format: "%08d", number % 100_000_000)
        return try await server.graphql(
            signUp,
            variables: [
                "i": [
                    "username": username, "password": "password-\(username)", "name": "Flood User",
                    "email": "\(username)@example.com", "phone": "0812\(digits)",
                ]
            ], headers: [Self.forwardedFor: forwardedFor])
    }

    @Test("a flood of sign-ups from fresh addresses: bcrypt stays bounded, the rest is RATE_LIMITED at once, and a newcomer still signs up",
          arguments: Engine.all)
    func signUpFlood(engine: Engine) async throws {
        try await LiveServer.run(
            engine, environment: ["TRUSTED_PROXIES": "127.0.0.1, ::1", "BCRYPT_MAX_PENDING": "2", "BCRYPT_COST": "11"]
        ) { server in
            let flood = 1_000
            let clock = ContinuousClock()
            let started = clock.now
            let (codes, latencies) = try await Self.flood(server, count: flood, network: 2) { connection, index, address in
                let answer = try await Self.signUp(connection, number: index, forwardedFor: address)
                if answer.string("signUp.token") != nil { return ["CREATED"] }
                return answer.errorCodes + answer.userErrorCodes("signUp")
            }
            let floodTime = clock.now - started
            let tally = Dictionary(codes.map { ($0, 1) }, uniquingKeysWith: +)
            let limited = tally["RATE_LIMITED"] ?? 0, created = tally["CREATED"] ?? 0
            #expect(codes.count == flood && limited + created == flood, "\(tally)")
            #expect(limited > 0, "16 clients never found the bcrypt queue (2) full")
            // A newcomer from a fresh address, retrying RATE_LIMITED as a client should.
            var tries = 0
            let signUpStarted = clock.now
            var token: String?
            while token == nil && tries < 100 {
                tries += 1
                let answer = try await Self.signUp(server, number: 99_999_999, forwardedFor: "198.51.100.30")
                token = answer.string("signUp.token")
                if token == nil {
                    #expect(answer.errorCodes == ["RATE_LIMITED"], "\(answer.body)")
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(token != nil)
            let sorted = latencies.sorted()
            let p50 = sorted[sorted.count / 2], p99 = sorted[sorted.count * 99 / 100]
            print("sign-up flood (\(engine)): \(flood) sign-ups from \(flood) addresses in \(floodTime): \(created) created, \(limited) RATE_LIMITED; p50 \(p50), p99 \(p99); the newcomer signed up after \(tries) tries, \(clock.now - signUpStarted)")
        }
    }
}
