import DatabaseTestSupport
import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// The webhook mutations and queries in process on both engines: admin only, the secret once, the URL checked.
@Suite struct WebhookAPITests {
    static let create = """
        mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
          endpoint { id url description eventTypes status attempts createdAt } secret userErrors { code field } } }
        """

    @Test(arguments: Engine.all)
    func adminsManageEndpointsAndEveryoneElseIsRefused(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let admin = try await h.token(h.f.admin)
            let alice = try await h.token(try await h.f.user("alice"))
            let input: [String: Any] = [
                "url": "http://127.0.0.1:9/hook", "eventTypes": ["WALLET_BALANCE_CHANGED", "WALLET_FROZEN"],
                "description": "ops",
            ]
            // The harness's API refuses private addresses, as production does.
            let refused = try await h.run(Self.create, ["input": input], token: admin)
            #expect(refused.userErrorCodes("createWebhookEndpoint") == ["INVALID_INPUT"], "\(refused.body)")
            #expect(refused.userErrors("createWebhookEndpoint").first?.field == ["input", "url"])
            let forbidden = try await h.run(Self.create, ["input": input], token: alice)
            #expect(forbidden.errorCodes == ["FORBIDDEN"])

            let services = h.api.services
            let open = APIServices(
                pool: services.pool, ledger: services.ledger, accounts: services.accounts, tokens: services.tokens,
                passwords: services.passwords, webhooks: Webhooks(pool: services.pool, allowPrivate: true))
            let api = APIHarness(f: h.f, api: try WalletAPI(services: open))
            let made = try await api.run(Self.create, ["input": input], token: admin)
            #expect(made.userErrorCodes("createWebhookEndpoint") == [])
            #expect(made.string("createWebhookEndpoint.secret")?.hasPrefix("whsec_") == true)
            #expect(made.string("createWebhookEndpoint.endpoint.status") == "ACTIVE")
            #expect(made.data("createWebhookEndpoint.endpoint.eventTypes") as? [String] == ["WALLET_BALANCE_CHANGED", "WALLET_FROZEN"])
            let id = try #require(made.string("createWebhookEndpoint.endpoint.id"))

            let listed = try await api.run("{ webhookEndpoints { id url description } }", token: admin)
            #expect(listed.list("webhookEndpoints").map { $0["id"] as? String } == [id])
            #expect(try await api.run("{ webhookEndpoints { id } }", token: alice).errorCodes == ["FORBIDDEN"])
            let node = try await api.run(#"query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { url } } }"#, ["id": id], token: admin)
            #expect(node.string("node.url") == "http://127.0.0.1:9/hook")
            #expect(try await api.run(#"query($id: ID!) { node(id: $id) { id } }"#, ["id": id], token: alice).isNull("node"))
            let deliveries = try await api.run(
                #"query($id: ID!) { webhookDeliveries(endpointId: $id, first: 10) { edges { node { id } } pageInfo { hasNextPage } } }"#,
                ["id": id], token: admin)
            #expect(deliveries.errors.isEmpty && deliveries.list("webhookDeliveries.edges").isEmpty, "\(deliveries.body)")

            let disable = "mutation($id: ID!) { disableWebhookEndpoint(id: $id) { endpoint { status } userErrors { code field } } }"
            let disabled = try await api.run(disable, ["id": id], token: admin)
            #expect(disabled.string("disableWebhookEndpoint.endpoint.status") == "DISABLED")
            let missing = try await api.run(disable, ["id": "nope"], token: admin)
            #expect(missing.userErrorCodes("disableWebhookEndpoint") == ["WEBHOOK_ENDPOINT_NOT_FOUND"])
            #expect(try await api.run(disable, ["id": id], token: alice).errorCodes == ["FORBIDDEN"])
            #expect(try await api.run(disable, ["id": "nope"], token: alice).errorCodes == ["FORBIDDEN"], "authority first")
            let userCreates = try await api.run(Self.create, ["input": ["url": "not a url"]], token: alice)
            #expect(userCreates.errorCodes == ["FORBIDDEN"], "\(userCreates.body)")
        }
    }
}
