import DatabaseTestSupport
import Foundation
import Hummingbird
import Testing
import WalletGraph

/// Sign-in throttling behind a proxy: the client is the right-most `X-Forwarded-For` entry the trusted proxies
/// did not write, and only when the peer is a trusted proxy.
@Suite("End to end: throttling and proxies")
struct EndToEndThrottleTests {
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
    static let signIn =
        "mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { token userErrors { code } } }"

    static func signIn(
        _ server: LiveServer, _ username: String, _ password: String, forwardedFor: String
    ) async throws -> HTTPAnswer {
        try await server.graphql(
            signIn, variables: ["u": username, "p": password], headers: [Self.forwardedFor: forwardedFor])
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
}
