import Foundation
import GraphQL

/// The workload on GraphQLSwift/GraphQL 4.3.0, schema built from the same SDL, with explicit resolvers.
struct GraphQLSwiftCases {
    let schema: GraphQLSchema

    init() throws {
        let built = try buildSchema(source: Workload.sdl)
        schema = built
    }

    /// A wallet as GraphQLSwift's default resolver reads it: a dictionary keyed by field name.
    static func row(_ w: Workload.WalletRow) -> [String: any Sendable] {
        var row: [String: any Sendable] = [
            "id": w.id, "label": w.label, "assetCode": w.assetCode, "scale": w.scale, "balance": w.balance,
            "version": w.version, "status": w.status, "kind": w.kind, "isDefault": w.isDefault,
            "createdAt": w.createdAt, "updatedAt": w.updatedAt, "entryCount": w.entryCount,
        ]
        if let v = w.ownerId { row["ownerId"] = v }
        if let v = w.lastEntryId { row["lastEntryId"] = v }
        if let v = w.note { row["note"] = v }
        return row
    }

    /// The root value: GraphQLSwift resolves `Query` fields from it by name too.
    static let root: [String: any Sendable] = [
        "me": ["id": "u-1", "username": "alice", "name": "Alice", "email": "alice@example.com", "wallets": [[String: any Sendable]]()] as [String: any Sendable],
        "wallet": row(Workload.wallets[7]),
        "wallets": Workload.wallets.prefix(Workload.pageSize).map(row),
    ]

    func run(_ query: String, variables: [String: Map] = [:]) async throws -> String {
        let result = try await graphql(schema: schema, request: query, rootValue: Self.root, variableValues: variables)
        let data = try GraphQLJSONEncoder().encode(result)
        return String(decoding: data, as: UTF8.self)
    }

    /// Parse + validate + execute + encode.
    func smallQuery() async throws -> String {
        try await run(Workload.smallQuery, variables: ["id": .string(Workload.smallVariables["id"]!)])
    }

    /// Execution only: the document is parsed once up front.
    func smallQueryExecuteOnly(document: Document) async throws -> GraphQLResult {
        try await execute(
            schema: schema, documentAST: document, rootValue: Self.root, context: (),
            variableValues: ["id": .string(Workload.smallVariables["id"]!)], operationName: nil)
    }

    func page() async throws -> String { try await run(Workload.pageQuery) }
    func introspection() async throws -> String { try await run(Workload.introspectionQuery) }

    func parsedSmallQuery() throws -> Document { try parse(source: Source(body: Workload.smallQuery)) }
}
