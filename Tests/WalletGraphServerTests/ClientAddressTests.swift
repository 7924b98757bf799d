import Testing
import WalletGraph

@testable import WalletGraphServer

@Suite("Client address behind proxies")
struct ClientAddressTests {
    static let trusted: Set<IPAddress> = [IPAddress("10.0.0.1")!, IPAddress("10.0.0.2")!, IPAddress("::1")!]

    static func resolve(_ peer: String?, _ lines: [String]) -> String? {
        ClientAddress.resolve(peer: peer, forwardedFor: lines, trusted: trusted)
    }

    @Test func anUntrustedPeerIsTheClientWhateverItForwards() {
        #expect(Self.resolve("203.0.113.5", ["198.51.100.1"]) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["198.51.100.1"], trusted: []) == "10.0.0.1")
    }

    @Test func behindTrustedProxiesTheRightMostUntrustedEntryIsTheClient() {
        #expect(Self.resolve("10.0.0.1", ["198.51.100.1"]) == "198.51.100.1")
        // The client wrote "1.1.1.1"; the first proxy appended the client's real address; the second, the first's.
        #expect(Self.resolve("10.0.0.1", ["1.1.1.1, 198.51.100.7, 10.0.0.2"]) == "198.51.100.7")
        #expect(Self.resolve("10.0.0.1", ["1.1.1.1", "198.51.100.7 , 10.0.0.2"]) == "198.51.100.7")
        #expect(Self.resolve("0:0::1", ["2001:db8::7"]) == "2001:db8::7")
        // Nothing forwarded, or only proxies: the last proxy known.
        #expect(Self.resolve("10.0.0.1", []) == "10.0.0.1")
        #expect(Self.resolve("10.0.0.1", ["10.0.0.2"]) == "10.0.0.2")
        // Garbage where the client's entry should be: the last proxy known, never the garbage.
        #expect(Self.resolve("10.0.0.1", ["198.51.100.7, nonsense"]) == "10.0.0.1")
        #expect(Self.resolve(nil, ["198.51.100.7"]) == nil)
    }

    @Test func trustedProxiesAreParsedFromConfiguration() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: [:], environment: ["TRUSTED_PROXIES": "10.0.0.1, ::1"], dotEnv: [:])
        #expect(configuration.trustedProxies == [IPAddress("10.0.0.1")!, IPAddress("::1")!])
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: ["TRUSTED_PROXIES": "10.0.0.0/8"], dotEnv: [:])
        }
    }
}
