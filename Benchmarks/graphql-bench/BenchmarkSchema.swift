import GraphQLCore

/// The benchmark's schema and resolvers: a wallet API shaped like the product's, with synchronous resolvers
/// over in-memory data so the numbers measure the engine, not I/O.
enum BenchmarkSchema {
    struct Context: Sendable {}

    struct Wallet: Sendable {
        let index: Int
        let id: String
        let name: String
    }

    static let sdl = """
        "The benchmark schema."
        schema { query: Query }
        type Query {
          wallet(id: ID!): Wallet
          wallets(first: Int = 10): [Wallet!]!
        }
        type Wallet {
          id: ID!
          name: String!
          currency: Currency!
          balance: Int!
          available: Int!
          pending: Int!
          status: String!
          createdAt: String!
          updatedAt: String!
          version: Int!
          isFrozen: Boolean!
          ownerId: ID!
          label: String
          note: String
          rate: Float!
          owner: User!
        }
        type User { id: ID!  name: String!  email: String }
        enum Currency { EUR USD GBP }
        """

    static let wallets: [Wallet] = (0..<1000).map { Wallet(index: $0, id: "w\($0)", name: "Wallet \"\($0)\"") }

    static func resolvers() -> ResolverMap<Context> {
        var r = ResolverMap<Context>()
        r.field("Query", "wallet") { input in
            guard let id = input.arguments.string("id"), id.hasPrefix("w"), let index = Int(id.dropFirst()), index < wallets.count else { return .null }
            return .object(wallets[index])
        }
        r.field("Query", "wallets") { input in
            .list(wallets.prefix(input.arguments.int("first") ?? 10)) { .object($0) }
        }
        func wallet(_ name: String, _ body: @escaping @Sendable (Wallet) -> FieldValue) {
            r.field("Wallet", name) { input in body(try input.parent(as: Wallet.self)) }
        }
        wallet("id") { .string($0.id) }
        wallet("name") { .string($0.name) }
        wallet("currency") { .string(["EUR", "USD", "GBP"][$0.index % 3]) }
        wallet("balance") { .int($0.index * 100) }
        wallet("available") { .int($0.index * 90) }
        wallet("pending") { .int($0.index * 10) }
        wallet("status") { _ in "ACTIVE" }
        wallet("createdAt") { _ in "2026-01-01T00:00:00Z" }
        wallet("updatedAt") { _ in "2026-11-21T10:00:00Z" }
        wallet("version") { .int($0.index % 7) }
        wallet("isFrozen") { .bool($0.index % 2 == 0) }
        wallet("ownerId") { .string("u\($0.index)") }
        wallet("label") { $0.index % 5 == 0 ? .null : "label" }
        wallet("note") { _ in "line one\nline \"two\"" }
        wallet("rate") { .float(Double($0.index) / 8) }
        wallet("owner") { .object("u\($0.index)") }
        r.field("User", "id") { input in .string(try input.parent(as: String.self)) }
        r.field("User", "name") { _ in "Ada" }
        r.field("User", "email") { _ in .null }
        return r
    }
}
