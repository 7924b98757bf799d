import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

@testable import WalletGraph

/// A receiver in the test: answers from a script, records every request.
final class ScriptedReceiver: WebhookSender {
    struct Request: Sendable {
        let url: String
        let headers: [String: String]
        let body: [UInt8]
    }

    private let state: Locked<(answers: [Int], requests: [Request])>

    /// `answers` are the status codes of the first requests (0: no answer); later ones get 200.
    init(answers: [Int] = []) { state = Locked((answers, [])) }

    var requests: [Request] { state.withLock { $0.requests } }

    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> WebhookSendResult {
        let status = state.withLock { state -> Int in
            state.requests.append(Request(url: url, headers: Dictionary(headers, uniquingKeysWith: { a, _ in a }), body: body))
            return state.answers.isEmpty ? 200 : state.answers.removeFirst()
        }
        return status == 0 ? WebhookSendResult(statusCode: nil, error: "connection refused") : WebhookSendResult(statusCode: status)
    }
}

/// The webhook dispatcher on both engines, with a scripted receiver and a hand-moved clock.
@Suite struct WebhookDispatcherTests {
    func endpointRow(_ f: LedgerFixture, _ id: UUID) async throws -> WebhookEndpoint {
        try #require(try await f.pool.withConnection { try await Queries($0).getWebhookEndpoint(id: id) })
    }

    func eventIDs(_ receiver: ScriptedReceiver) -> [String] {
        var seen: [String] = []
        for request in receiver.requests {
            let id = request.headers["WalletGraph-Event-Id"] ?? "?"
            if !seen.contains(id) { seen.append(id) }
        }
        return seen
    }

    @Test(arguments: Engine.all)
    func everyEventInOrderThroughFailuresWithBackoffAndSignatures(engine: Engine) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withLedger(engine, clock: clock.ledgerClock) { f in
            let webhooks = Webhooks(pool: f.pool, clock: clock.ledgerClock, allowPrivate: true)
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100)  // before the endpoint: not delivered
            // An endpoint starts at the feed's current end: what readers are served now (PostgreSQL: the cluster's
            // commit horizon may still hold back a commit of a moment ago, which it would then receive).
            _ = try await f.events()
            let (endpoint, secret) = try await webhooks.create(
                url: "http://127.0.0.1:1/hook", eventTypes: [], description: "test", by: f.admin)
            for amount in 1...3 { try await f.fund(wallet, Int64(amount)) }
            _ = try await f.events()  // served (PostgreSQL: past the cluster's commit horizon)
            let receiver = ScriptedReceiver(answers: [500, 0, 503])
            let retry = WebhookRetryPolicy(base: .seconds(10), cap: .seconds(60), window: .seconds(3_600))
            let dispatcher = WebhookDispatcher(
                pool: f.pool, ledger: f.ledger, sender: receiver, retry: retry, allowPrivate: true, clock: clock.ledgerClock)

            // Three failures: each waits longer; nothing is due before its time.
            var waits: [TimeInterval] = []
            for _ in 0..<3 {
                #expect(try await dispatcher.runOnce() == 1)
                #expect(try await dispatcher.runOnce() == 0, "not due yet")
                let row = try await endpointRow(f, endpoint.id)
                waits.append(row.nextAttemptAt.timeIntervalSince(clock.now))
                clock.advance(max(0, row.nextAttemptAt.timeIntervalSince(clock.now)) + 0.01)
            }
            #expect(waits[0] >= 4.9 && waits[0] <= 10.1, "\(waits)")
            #expect(waits[1] >= 9.9 && waits[1] <= 20.1, "\(waits)")
            #expect(waits[2] >= 19.9 && waits[2] <= 40.1, "\(waits)")
            // Then everything, in order.
            #expect(try await dispatcher.runOnce() == 6)
            let events = try await f.events()
            let expected = events.suffix(6).map { GlobalID.encodeEvent($0.position) }
            #expect(eventIDs(receiver) == Array(expected))
            #expect(receiver.requests.count == 9)
            for request in receiver.requests {
                let timestamp = try #require(request.headers["WalletGraph-Timestamp"])
                let mac = SHA256.hexText(SHA256.hmac(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + request.body))
                #expect(request.headers["WalletGraph-Signature"] == "v1=\(mac)")
            }
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(receiver.requests.last!.body)) as? [String: Any])
            #expect(body["type"] as? String == "WALLET_BALANCE_CHANGED")
            #expect((body["data"] as? [String: Any])?["balance"] as? String == "106")
            // Every attempt is recorded.
            let deliveries = try await f.pool.withConnection { connection in
                try await Queries(connection).listWebhookDeliveries(
                    ListWebhookDeliveriesParams(
                        endpointId: endpoint.id, beforeAttemptedAt: Date.distantFuture, beforeId: UUID(), pageSize: 100))
            }
            #expect(deliveries.count == 9)
            #expect(deliveries.filter { !$0.succeeded }.map(\.statusCode) == [503, nil, 500])
            #expect(deliveries.filter { !$0.succeeded }.map(\.attempt) == [3, 2, 1])
            #expect(try await dispatcher.runOnce() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func anEndpointFailingPastTheWindowIsMarkedFailingAndLeftAlone(engine: Engine) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withLedger(engine, clock: clock.ledgerClock) { f in
            let webhooks = Webhooks(pool: f.pool, clock: clock.ledgerClock, allowPrivate: true)
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let (endpoint, _) = try await webhooks.create(
                url: "http://127.0.0.1:1/hook", eventTypes: [.walletBalanceChanged], description: nil, by: f.admin)
            try await f.fund(wallet, 5)
            _ = try await f.events()
            let receiver = ScriptedReceiver(answers: Array(repeating: 500, count: 1_000))
            let retry = WebhookRetryPolicy(base: .seconds(60), cap: .seconds(3_600), window: .seconds(86_400))
            let dispatcher = WebhookDispatcher(
                pool: f.pool, ledger: f.ledger, sender: receiver, retry: retry, allowPrivate: true, clock: clock.ledgerClock)
            var attempts = 0
            while attempts < 100 {
                let made = try await dispatcher.runOnce()
                if made == 0 {
                    let row = try await endpointRow(f, endpoint.id)
                    if row.status == "failing" { break }
                    clock.advance(max(0, row.nextAttemptAt.timeIntervalSince(clock.now)) + 1)
                }
                attempts += made
            }
            let row = try await endpointRow(f, endpoint.id)
            #expect(row.status == "failing")
            #expect(clock.now.timeIntervalSince(row.failingSince ?? clock.now) >= 86_400)
            // Only the type it asked for: one event, retried.
            #expect(Set(receiver.requests.map { $0.headers["WalletGraph-Event-Type"] ?? "?" }) == ["WALLET_BALANCE_CHANGED"])
            #expect(attempts > 20 && attempts < 60, "backoff capped at an hour over a day: \(attempts)")
            clock.advance(86_400)
            #expect(try await dispatcher.runOnce() == 0, "a failing endpoint is left alone")
        }
    }

    @Test(arguments: Engine.all)
    func onlyOneProcessDeliversToAnEndpointAtATime(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let webhooks = Webhooks(pool: f.pool, allowPrivate: true)
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            _ = try await webhooks.create(url: "http://127.0.0.1:1/hook", eventTypes: [], description: nil, by: f.admin)
            for amount in 1...20 { try await f.fund(wallet, Int64(amount)) }
            _ = try await f.events()
            let receiver = ScriptedReceiver()
            let dispatchers = (0..<3).map { _ in
                WebhookDispatcher(pool: f.pool, ledger: f.ledger, sender: receiver, allowPrivate: true)
            }
            let made = try await concurrently(3) { index in try await dispatchers[index].runOnce() }
            var total = made.reduce(0, +)
            while true {
                let more = try await dispatchers[0].runOnce()
                if more == 0 { break }
                total += more
            }
            #expect(total == 40)
            #expect(receiver.requests.count == 40, "each event once: no two processes delivered the same one")
            #expect(eventIDs(receiver).count == 40)
        }
    }

    @Test(arguments: Engine.all)
    func endpointsAreCheckedAndAdminOnly(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let strict = Webhooks(pool: f.pool, allowPrivate: false)
            for url in ["http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/", "http://[fe80::1]/",
                        "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "gopher://x/", ""] {
                await expectDomainError(.invalidInput) {
                    _ = try await strict.create(url: url, eventTypes: [], description: nil, by: f.admin)
                }
            }
            let alice = try await f.user("alice")
            await expectDomainError(.forbidden) {
                _ = try await strict.create(url: "http://example.com/", eventTypes: [], description: nil, by: alice)
            }
            await expectDomainError(.webhookEndpointNotFound) { _ = try await strict.disable(UUID(), by: f.admin) }
            #expect(IPAddress("8.8.8.8")?.isInternal == false)
            #expect(IPAddress("2001:4860:4860::8888")?.isInternal == false)
            #expect(IPAddress("fd00::1")?.isInternal == true)
            #expect(IPAddress("172.31.255.255")?.isInternal == true && IPAddress("172.32.0.1")?.isInternal == false)
        }
    }
}
