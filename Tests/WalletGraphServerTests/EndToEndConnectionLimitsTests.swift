import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraphServer

/// The listener's own limits, over raw TCP: `HTTP_READ_HEADER_TIMEOUT` closes a connection whose first request
/// head does not arrive whole in time, and `HTTP_MAX_CONNECTIONS` closes connections past the cap at once while
/// those within it are served.
@Suite("End to end: connection limits")
struct EndToEndConnectionLimitsTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"

    @Test("a request head sent a line at a time is cut off at HTTP_READ_HEADER_TIMEOUT", arguments: Engine.all)
    func slowHeadIsClosed(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["HTTP_READ_HEADER_TIMEOUT": "500ms"]) { server in
            guard let port = server.client.port else { throw E2EFailure("no port") }
            let slow = try RawSocket(port: port)
            slow.send("POST /graphql HTTP/1.1\r\nHost: localhost\r\n")
            let started = ContinuousClock.now
            let (text, closed) = await slow.readUntilClosed(timeout: .seconds(10))
            let took = ContinuousClock.now - started
            #expect(closed, "still open after \(took)")
            #expect(text.isEmpty, "answered: \(text)")
            #expect(took >= .milliseconds(300) && took < .seconds(5), "closed after \(took)")
            // A whole head in time is served as usual.
            let prompt = try RawSocket(port: port)
            prompt.send(Self.healthz)
            let answer = await prompt.readUntilClosed(timeout: .seconds(10))
            #expect(answer.text.hasPrefix("HTTP/1.1 200"), "\(answer.text)")
        }
    }

    @Test("past HTTP_MAX_CONNECTIONS a connection is closed at once; those within it are served", arguments: Engine.all)
    func connectionCap(engine: Engine) async throws {
        try await LiveServer.run(engine, environment: ["HTTP_MAX_CONNECTIONS": "4"]) { server in
            guard let port = server.client.port else { throw E2EFailure("no port") }
            // The test client holds a connection of its own already; raw ones fill the rest of the cap.
            _ = try await server.graphql("{ __typename }")
            let open = server.app.connections.current
            try #require(open < 4)
            let within = try (open..<4).map { _ in try RawSocket(port: port) }
            let deadline = ContinuousClock.now + .seconds(10)
            while server.app.connections.current < 4 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.app.connections.current == 4)
            let over = try RawSocket(port: port)
            let started = ContinuousClock.now
            let refused = await over.readUntilClosed(timeout: .seconds(5))
            #expect(refused.closed, "the connection past the cap stayed open")
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(server.app.connections.refused.load(ordering: .relaxed) >= 1)
            // The ones within the cap still work.
            within[0].send(Self.healthz)
            let served = await within[0].readUntilClosed(timeout: .seconds(10))
            #expect(served.text.hasPrefix("HTTP/1.1 200"), "\(served.text)")
            #expect(try await server.graphql("{ __typename }").status == 200)
        }
    }
}
