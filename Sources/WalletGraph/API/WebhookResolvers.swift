import Foundation
import GraphQLCore
import WalletGraphQueries

/// The source of a `CreateWebhookEndpointPayload`.
struct CreateWebhookEndpointPayload: MutationPayload {
    var endpoint: WebhookEndpointRecord?
    var secret: String?
    var userErrors: [UserError] = []

    init(endpoint: WebhookEndpointRecord, secret: String) {
        self.endpoint = endpoint
        self.secret = secret
    }

    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// The source of a `WebhookEndpointPayload`.
struct WebhookEndpointPayload: MutationPayload {
    var endpoint: WebhookEndpointRecord?
    var userErrors: [UserError] = []

    init(endpoint: WebhookEndpointRecord) { self.endpoint = endpoint }
    init(userErrors: [UserError]) { self.userErrors = userErrors }
}

/// A `WebhookDeliveryConnection`: one page, newest first.
struct WebhookDeliveryConnectionSource: Sendable {
    let edges: [WebhookDeliveryRecord]
    let pageInfo: PageInfoSource
}

// Webhooks: the admin's endpoints and their deliveries (delivery itself is WebhookDispatcher's). The mutations'
// authority is Webhooks' own (FORBIDDEN, top-level); the reads check it here, having no layer below.
extension WalletAPI {
    static func bindWebhookResolvers(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Query", "webhookEndpoints") { input in
            _ = try input.context.requireAdmin()
            let rows = try await input.context.database.read { try await $0.listWebhookEndpoints() }
            return try .list(rows) { .object(try WebhookEndpointRecord($0)) }
        }
        map.asyncField("Query", "webhookDeliveries") { input in
            _ = try input.context.requireAdmin()
            return .object(try await deliveries(input.arguments, context: input.context))
        }
        map.asyncField("Mutation", "createWebhookEndpoint") { input in
            let context = input.context
            let viewer = try context.requireViewer()
            let payload: CreateWebhookEndpointPayload = try await runMutation(context, prefix: ["input"]) {
                    let fields = try MutationInput(input.arguments)
                    let types = (input.arguments.object("input")?["eventTypes"]?.listValue ?? []).compactMap {
                        $0.stringValue.flatMap { EventType(rawValue: $0.lowercased()) }
                    }
                    let (endpoint, secret) = try await context.services.webhooks.create(
                        url: try fields.required("url"), eventTypes: types, description: fields.string("description"),
                        by: viewer.initiator)
                    return CreateWebhookEndpointPayload(endpoint: endpoint, secret: secret)
            }
            return .object(payload)
        }
        map.asyncField("Mutation", "disableWebhookEndpoint") { input in
            let context = input.context
            let viewer = try context.requireViewer()
            let payload: WebhookEndpointPayload = try await runMutation(context, prefix: []) {
                    let id = input.arguments.string("id").flatMap { GlobalID.decode($0, as: .webhookEndpoint) }
                    return WebhookEndpointPayload(endpoint: try await context.services.webhooks.disable(id, by: viewer.initiator))
            }
            return .object(payload)
        }
        map.field("CreateWebhookEndpointPayload", "endpoint") {
            try $0.parent(as: CreateWebhookEndpointPayload.self).endpoint.map { .object($0) } ?? .null
        }
        map.field("CreateWebhookEndpointPayload", "secret") {
            .optional(try $0.parent(as: CreateWebhookEndpointPayload.self).secret)
        }
        map.field("CreateWebhookEndpointPayload", "userErrors") {
            .list(try $0.parent(as: CreateWebhookEndpointPayload.self).userErrors) { .object($0) }
        }
        map.field("WebhookEndpointPayload", "endpoint") {
            try $0.parent(as: WebhookEndpointPayload.self).endpoint.map { .object($0) } ?? .null
        }
        map.field("WebhookEndpointPayload", "userErrors") {
            .list(try $0.parent(as: WebhookEndpointPayload.self).userErrors) { .object($0) }
        }

        typealias Endpoint = WebhookEndpointRecord
        map.field("WebhookEndpoint", "id") { .string(GlobalID.encode(.webhookEndpoint, try $0.parent(as: Endpoint.self).id)) }
        map.field("WebhookEndpoint", "url") { .string(try $0.parent(as: Endpoint.self).url) }
        map.field("WebhookEndpoint", "description") { .optional(try $0.parent(as: Endpoint.self).description) }
        map.field("WebhookEndpoint", "eventTypes") {
            .list(try $0.parent(as: Endpoint.self).eventTypes) { .string($0.rawValue.uppercased()) }
        }
        map.field("WebhookEndpoint", "status") { .string(try $0.parent(as: Endpoint.self).status.rawValue.uppercased()) }
        map.field("WebhookEndpoint", "attempts") { .int(try $0.parent(as: Endpoint.self).attempts) }
        map.field("WebhookEndpoint", "failingSince") {
            .optional(try $0.parent(as: Endpoint.self).failingSince.map(DateTimeFormat.format))
        }
        map.field("WebhookEndpoint", "nextAttemptAt") {
            .string(DateTimeFormat.format(try $0.parent(as: Endpoint.self).nextAttemptAt))
        }
        map.field("WebhookEndpoint", "createdAt") { .string(DateTimeFormat.format(try $0.parent(as: Endpoint.self).createdAt)) }

        typealias Delivery = WebhookDeliveryRecord
        map.field("WebhookDeliveryConnection", "edges") {
            .list(try $0.parent(as: WebhookDeliveryConnectionSource.self).edges) { .object(WebhookDeliveryEdgeSource(delivery: $0)) }
        }
        map.field("WebhookDeliveryConnection", "pageInfo") {
            .object(try $0.parent(as: WebhookDeliveryConnectionSource.self).pageInfo)
        }
        map.field("WebhookDeliveryEdge", "cursor") {
            let delivery = try $0.parent(as: WebhookDeliveryEdgeSource.self).delivery
            return .string(PageCursor(createdAt: delivery.attemptedAt, id: delivery.id).encoded)
        }
        map.field("WebhookDeliveryEdge", "node") { .object(try $0.parent(as: WebhookDeliveryEdgeSource.self).delivery) }
        map.field("WebhookDelivery", "id") { .string(GlobalID.encode(.webhookDelivery, try $0.parent(as: Delivery.self).id)) }
        map.field("WebhookDelivery", "eventId") { .string(GlobalID.encodeEvent(try $0.parent(as: Delivery.self).eventPosition)) }
        map.field("WebhookDelivery", "eventType") { .string(try $0.parent(as: Delivery.self).eventType) }
        map.field("WebhookDelivery", "attempt") { .int(try $0.parent(as: Delivery.self).attempt) }
        map.field("WebhookDelivery", "statusCode") { .optional(try $0.parent(as: Delivery.self).statusCode) }
        map.field("WebhookDelivery", "latencyMs") { .float(Double(try $0.parent(as: Delivery.self).latencyMicros) / 1_000) }
        map.field("WebhookDelivery", "error") { .optional(try $0.parent(as: Delivery.self).error) }
        map.field("WebhookDelivery", "succeeded") { .bool(try $0.parent(as: Delivery.self).succeeded) }
        map.field("WebhookDelivery", "attemptedAt") { .string(DateTimeFormat.format(try $0.parent(as: Delivery.self).attemptedAt)) }
    }

    /// Query.webhookDeliveries: a page of an endpoint's attempts, newest first.
    static func deliveries(_ arguments: Arguments, context: APIContext) async throws -> WebhookDeliveryConnectionSource {
        let page = try PageRequest(arguments, language: context.language)
        guard let id = arguments.string("endpointId").flatMap({ GlobalID.decode($0, as: .webhookEndpoint) }) else {
            return WebhookDeliveryConnectionSource(edges: [], pageInfo: .empty)
        }
        let upper = page.bounds.upper
        let rows = try await context.database.read { queries in
            try await queries.listWebhookDeliveries(
                ListWebhookDeliveriesParams(
                    endpointId: id, beforeAttemptedAt: upper.createdAt, beforeId: upper.id, pageSize: page.fetchLimit))
        }
        let (kept, info) = page.page(rows.map(WebhookDeliveryRecord.init)) {
            PageCursor(createdAt: $0.attemptedAt, id: $0.id)
        }
        return WebhookDeliveryConnectionSource(edges: kept, pageInfo: info)
    }
}

/// A `WebhookDeliveryEdge`.
struct WebhookDeliveryEdgeSource: Sendable, Hashable {
    let delivery: WebhookDeliveryRecord
}
