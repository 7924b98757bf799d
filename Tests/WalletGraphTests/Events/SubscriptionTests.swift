import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// The subscriptions through `WalletAPI.subscribe`, in process on both engines: catch-up, then live, with no gap
/// or duplicate, and the same visibility as queries.
@Suite struct SubscriptionTests {
    func subscribe(_ h: APIHarness, _ query: String, _ variables: [String: InputValue] = [:], as user: Initiator?)
        async throws -> WalletAPI.SubscriptionAnswer
    {
        var authorization: String?
        if let user { authorization = "Bearer \(try await h.token(user))" }
        return await h.api.subscribe(
            APIRequest(
                graphQL: GraphQLRequest(query: query, variables: variables), authorization: authorization,
                requestID: "s"))
    }

    static func json(_ response: GraphQLResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.bytes))) as? [String: Any] ?? [:]
    }

    @Test(arguments: Engine.all)
    func walletUpdatedReplaysAfterAVersionThenGoesLive(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let bob = try await h.f.user("bob")
            let wallet = try await h.f.wallet(alice)
            let bobWallet = try await h.f.wallet(bob)
            try await h.f.fund(wallet, 100)
            try await h.f.fund(wallet, 20)
            let query = """
                subscription($w: ID!, $v: BigInt) {
                  walletUpdated(walletId: $w, afterVersion: $v) { version balance wallet { id } entry { amount } transaction { type } }
                }
                """
            guard case .events(let stream) = try await subscribe(
                h, query, ["w": .string(gid(wallet)), "v": .string("1")], as: alice)
            else { Issue.record("refused"); return }
            var iterator = stream.makeAsyncIterator()
            let first = Self.json(try #require(await iterator.next()))
            #expect(JSONPath.value(in: first["data"], at: "walletUpdated.version") as? String == "2")
            #expect(JSONPath.value(in: first["data"], at: "walletUpdated.balance") as? String == "120")
            #expect(JSONPath.value(in: first["data"], at: "walletUpdated.entry.amount") as? String == "20")
            // Live: a transfer after the subscription started arrives next, exactly.
            let sender = Task { try await h.f.transfer(45, from: wallet, to: bobWallet, by: alice) }
            let live = Self.json(try #require(await iterator.next()))
            _ = try await sender.value
            #expect(JSONPath.value(in: live["data"], at: "walletUpdated.version") as? String == "3")
            #expect(JSONPath.value(in: live["data"], at: "walletUpdated.balance") as? String == "75")
            #expect(JSONPath.value(in: live["data"], at: "walletUpdated.transaction.type") as? String == "TRANSFER")

            // Another user's wallet, a missing one, a bad version and no token are refused up front.
            for (variables, user, code) in [
                (["w": InputValue.string(gid(wallet))], bob, "WALLET_NOT_FOUND"),
                (["w": .string(GlobalID.encode(.wallet, UUID()))], alice, "WALLET_NOT_FOUND"),
                (["w": .string(gid(wallet)), "v": .string("-1")], alice, "BAD_USER_INPUT"),
                (["w": .string(gid(wallet)), "v": .string("x")], alice, "BAD_USER_INPUT"),
            ] as [([String: InputValue], Initiator, String)] {
                guard case .refused(let answer) = try await subscribe(h, query, variables, as: user) else {
                    Issue.record("subscribed: \(variables)"); continue
                }
                #expect(answer.errorCodes == [code], "\(variables): \(String(decoding: answer.body, as: UTF8.self))")
            }
            guard case .refused(let anonymous) = try await subscribe(h, query, ["w": .string(gid(wallet))], as: nil) else {
                Issue.record("anonymous subscribed"); return
            }
            #expect(anonymous.outcome == .unauthenticated)
        }
    }

    @Test(arguments: Engine.all)
    func eventsCatchUpFromACursorThenStreamLiveWithoutGapOrDuplicate(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let wallet = try await h.f.wallet(alice)
            try await h.f.fund(wallet, 100)
            let first = try #require(try await h.f.events().first)
            let cursor = EventCursor(xact: first.xact, position: first.position).encoded
            guard case .events(let stream) = try await subscribe(
                h, "subscription($a: String) { events(after: $a) { type cursor balance } }", ["a": .string(cursor)],
                as: alice)
            else { Issue.record("refused"); return }
            let writer = Task {
                for index in 0..<5 { try await h.f.fund(wallet, Int64(index + 1)) }
            }
            var types: [String] = []
            var cursors: [String] = []
            var iterator = stream.makeAsyncIterator()
            // 1 left of the first top-up, then 2 per top-up.
            for _ in 0..<11 {
                let data = Self.json(try #require(await iterator.next()))["data"]
                types.append(JSONPath.value(in: data, at: "events.type") as? String ?? "?")
                cursors.append(JSONPath.value(in: data, at: "events.cursor") as? String ?? "?")
            }
            try await writer.value
            #expect(types == ["WALLET_BALANCE_CHANGED"] + Array(repeating: ["TRANSACTION_CREATED", "WALLET_BALANCE_CHANGED"], count: 5).flatMap { $0 })
            #expect(Set(cursors).count == 11)
            // A bad cursor is refused.
            guard case .refused(let bad) = try await subscribe(
                h, "subscription { events(after: \"nope\") { type } }", as: alice)
            else { Issue.record("subscribed"); return }
            #expect(bad.errorCodes == ["BAD_USER_INPUT"])
        }
    }

    @Test(arguments: Engine.all)
    func aSubscriptionOverHTTPIsToldToUseTheWebSocket(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let alice = try await h.f.user("alice")
            let answer = try await h.run("subscription { events { type } }", [:], token: try await h.token(alice))
            #expect(answer.outcome == .requestError)
            #expect(answer.errorCodes == ["BAD_USER_INPUT"])
            #expect(answer.errorMessages.first?.contains("WebSocket") == true, "\(answer.body)")
            // Over GET too (not 405: POST would not help either).
            let overGET = await h.api.execute(
                APIRequest(
                    graphQL: GraphQLRequest(query: "subscription { events { type } }"), method: .get,
                    authorization: "Bearer \(try await h.token(alice))", requestID: "g"))
            #expect(overGET.outcome == .requestError)
            #expect(String(decoding: overGET.body, as: UTF8.self).contains("WebSocket"))
            // A subscription that does not validate gets its validation errors, not the pointer.
            let invalid = try await h.run("subscription { events { nope } }", [:], token: try await h.token(alice))
            #expect(invalid.errorCodes == ["GRAPHQL_VALIDATION_FAILED"], "\(invalid.body)")
        }
    }
}
