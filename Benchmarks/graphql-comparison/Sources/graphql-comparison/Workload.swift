/// The schema, documents and data both engines run. One SDL text, so the two schemas are identical.
enum Workload {
    static let sdl = """
        type Query {
          me: User
          wallet(id: ID!): Wallet
          wallets(first: Int = 10): [Wallet!]!
        }

        type User {
          id: ID!
          username: String!
          name: String!
          email: String!
          wallets: [Wallet!]!
        }

        enum WalletStatus {
          ACTIVE
          FROZEN
        }

        type Wallet {
          id: ID!
          ownerId: ID
          label: String!
          assetCode: String!
          scale: Int!
          balance: String!
          version: Int!
          status: WalletStatus!
          kind: String!
          isDefault: Boolean!
          createdAt: String!
          updatedAt: String!
          entryCount: Int!
          lastEntryId: ID
          note: String
        }
        """

    /// A front end's typical small query, with a variable.
    static let smallQuery = """
        query Wallet($id: ID!) {
          wallet(id: $id) { id label assetCode balance status }
          me { id username }
        }
        """
    static let smallVariables: [String: String] = ["id": "w-7"]

    /// 100 wallets × 15 fields = 1,500 fields.
    static let pageQuery = """
        {
          wallets(first: 100) {
            id ownerId label assetCode scale balance version status kind isDefault
            createdAt updatedAt entryCount lastEntryId note
          }
        }
        """

    static let pageSize = 100

    /// Plain-value wallet used by both engines' resolvers.
    struct WalletRow: Sendable {
        var id: String
        var ownerId: String?
        var label: String
        var assetCode: String
        var scale: Int
        var balance: String
        var version: Int
        var status: String
        var kind: String
        var isDefault: Bool
        var createdAt: String
        var updatedAt: String
        var entryCount: Int
        var lastEntryId: String?
        var note: String?
    }

    static func wallet(_ i: Int) -> WalletRow {
        WalletRow(
            id: "w-\(i)", ownerId: i % 7 == 0 ? nil : "u-\(i % 13)", label: "Wallet \"\(i)\"",
            assetCode: i % 2 == 0 ? "IDR" : "GOLD", scale: i % 2 == 0 ? 0 : 4, balance: "\(i * 1_000_003)",
            version: i * 3, status: i % 11 == 0 ? "FROZEN" : "ACTIVE", kind: "user", isDefault: i % 3 == 0,
            createdAt: "2026-11-21T10:00:\(10 + i % 50)Z", updatedAt: "2026-11-21T11:00:00Z",
            entryCount: i * 5, lastEntryId: i % 5 == 0 ? nil : "e-\(i)", note: i % 4 == 0 ? nil : "ok")
    }

    static let wallets: [WalletRow] = (0..<1000).map(wallet)

    /// graphql-js `getIntrospectionQuery()` with its default options: what most client tools send.
    static let introspectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }

        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) {
            name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }

        fragment InputValue on __InputValue {
          name description type { ...TypeRef } defaultValue
        }

        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """
}
