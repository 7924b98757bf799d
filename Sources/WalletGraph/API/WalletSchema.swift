/// The wallet API's schema, in SDL: the source of truth that `WalletAPI` binds resolvers to and that
/// `print-schema` and `GET /schema.graphql` serve (printed back by GraphQLCore, so it is canonical).
///
/// Names here are a contract with front ends (issue 6): add fields and types freely, never rename. The
/// `ErrorCode` enum is generated from the domain's closed catalogue, so the two cannot drift apart.
public enum WalletSchema {
    /// The SDL text (the withdrawals' types and fields are in `WalletSchema+Withdrawals.swift`).
    public static let sdl: String = """
        \"\"\"
        An exact decimal amount, as a string with exactly the asset's `scale` fraction digits: "1000000", "0.1250",
        "-500". Input: an optional "-", digits, an optional fraction and no exponent, or an integer literal.
        Amounts are stored as 64-bit integers in minor units.
        \"\"\"
        scalar Decimal

        "A UTC instant in RFC 3339 with microseconds: \\"2026-11-21T09:30:00.123456Z\\"."
        scalar DateTime

        "A 64-bit signed integer, as a decimal string (GraphQL's Int is 32-bit)."
        scalar BigInt

        "An object with an opaque, globally unique id; `node(id:)` fetches any of them."
        interface Node {
          id: ID!
        }

        type Query {
          "The signed-in user; null without a token."
          me: User
          "The signed-in user's wallets (an admin's own wallets too; use `wallet(id:)` for others')."
          wallets: [Wallet!]!
          "A wallet the viewer may read. Another user's wallet is indistinguishable from a missing one: null."
          wallet(id: ID!): Wallet
          "Every asset. Open without a token."
          assets: [Asset!]!
          "An asset by its code, e.g. IDR. Open without a token."
          asset(code: String!): Asset
          "A transaction that touches one of the viewer's wallets (any transaction, for an admin)."
          transaction(id: ID!): Transaction
          "The viewer's transactions (every transaction, for an admin), newest first."
          transactions(first: Int, after: String, last: Int, before: String, filter: TransactionFilter): TransactionConnection!
          "Any object by its id, with the same visibility as its own field."
          node(id: ID!): Node
          "Checks every ledger invariant in one snapshot. Admin only."
          reconcile: ReconcileReport!
        }

        type Mutation {
          "Creates a user account and signs it in."
          signUp(input: SignUpInput!): AuthPayload!
          "Exchanges a username and password for a token (valid 24 hours)."
          signIn(input: SignInInput!): AuthPayload!
          "Changes the viewer's password. Every token issued before it stops working; the payload carries a new one."
          changePassword(input: ChangePasswordInput!): AuthPayload!
          "Opens a wallet in an asset for the viewer. The first wallet of an asset becomes its default."
          createWallet(input: CreateWalletInput!): WalletPayload!
          "Makes one of the viewer's wallets the default of its asset (where payments by username land)."
          setDefaultWallet(walletId: ID!): WalletPayload!
          "Adds money from outside: operators and admins to any wallet, users to their own when self top-up is enabled."
          topUp(input: WalletAmountInput!): TransactionPayload!
          "Pays out of one of the viewer's wallets to the merchant account."
          spend(input: WalletAmountInput!): TransactionPayload!
          "Credits a bonus. Admin only."
          grantBonus(input: WalletAmountInput!): TransactionPayload!
          \"\"\"
          Moves money from one of the viewer's wallets to another wallet of the same asset, named by id (`toWalletId`) or
          by its owner's username (`toUsername`: their default wallet in the asset). Exactly one of the two.
          \"\"\"
          transfer(input: TransferInput!): TransactionPayload!
          "Creates an asset and its system wallets. Admin only."
          createAsset(input: CreateAssetInput!): AssetPayload!
          "Stops a wallet from sending or receiving. Admin only."
          freezeWallet(walletId: ID!): WalletPayload!
          "Lets a frozen wallet move money again. Admin only."
          unfreezeWallet(walletId: ID!): WalletPayload!
        }

        input SignUpInput {
          "3 to 32 characters: lower-case letters, digits, '.', '_' or '-'; compared case-insensitively."
          username: String!
          "At least 8 characters."
          password: String!
          name: String!
          email: String!
          "An Indonesian mobile number: +62…, 62… or 08…; stored as +62…."
          phone: String!
          "The 16-digit national identity number, when given."
          nik: String
        }

        input SignInInput {
          username: String!
          password: String!
        }

        input ChangePasswordInput {
          currentPassword: String!
          newPassword: String!
        }

        input CreateWalletInput {
          assetCode: String!
          "A name for the wallet; defaults to the asset's code."
          label: String
        }

        input WalletAmountInput {
          walletId: ID!
          "Greater than zero, with at most the asset's scale of fraction digits."
          amount: Decimal!
          "A client key (1 to 255 characters): repeating a request with the same key returns the first result."
          idempotencyKey: String!
          description: String
        }

        input TransferInput {
          fromWalletId: ID!
          "The destination wallet; give this or `toUsername`, not both."
          toWalletId: ID
          "The destination user, whose default wallet in the asset receives; give this or `toWalletId`, not both."
          toUsername: String
          amount: Decimal!
          idempotencyKey: String!
          description: String
        }

        input CreateAssetInput {
          "2 to 16 upper-case letters or digits, e.g. GOLD."
          code: String!
          name: String!
          "Fraction digits of the minor unit, 0 to 18."
          scale: Int!
        }

        "Restricts a transaction list; an omitted field or an empty list is no constraint."
        input TransactionFilter {
          walletId: ID
          types: [TransactionType!]
          statuses: [TransactionStatus!]
          "Created at or after this instant."
          createdAfter: DateTime
          "Created strictly before this instant."
          createdBefore: DateTime
          "At least this amount, in the transaction's own asset."
          minAmount: Decimal
          "At most this amount, in the transaction's own asset."
          maxAmount: Decimal
        }

        type AuthPayload {
          token: String
          expiresAt: DateTime
          user: User
          userErrors: [UserError!]!
        }

        type TransactionPayload {
          transaction: Transaction
          userErrors: [UserError!]!
        }

        type WalletPayload {
          wallet: Wallet
          userErrors: [UserError!]!
        }

        type AssetPayload {
          asset: Asset
          userErrors: [UserError!]!
        }

        "A business outcome the client can act on; `field` is the path of the input at fault, when there is one."
        type UserError {
          code: ErrorCode!
          message: String!
          field: [String!]
        }

        "Stable codes of business outcomes. Codes are never renamed; messages may be reworded."
        enum ErrorCode {
        \(ErrorCode.allCases.map { "  \($0.rawValue)" }.joined(separator: "\n"))
        }

        enum TransactionType {
          TOP_UP
          SPEND
          BONUS
          TRANSFER
          "The hold of a withdrawal: amount and fee leave the wallet for payout clearing (PENDING until resolved)."
          WITHDRAWAL
          "A completed withdrawal paid out of payout clearing (the fee to revenue)."
          WITHDRAWAL_SETTLEMENT
          "A failed withdrawal refunded in full, fee included, to its wallet."
          WITHDRAWAL_REFUND
        }

        enum TransactionStatus {
          PENDING
          COMPLETED
          FAILED
        }

        enum WalletStatus {
          ACTIVE
          FROZEN
        }

        enum Role {
          USER
          OPERATOR
          ADMIN
        }

        type Asset implements Node {
          id: ID!
          code: String!
          name: String!
          "Fraction digits of the minor unit: IDR 0, GOLD 4."
          scale: Int!
        }

        type User implements Node {
          id: ID!
          username: String!
          name: String!
          email: String!
          phone: String!
          role: Role!
          createdAt: DateTime!
          wallets: [Wallet!]!
        }

        type Wallet implements Node {
          id: ID!
          label: String!
          asset: Asset!
          balance: Decimal!
          "Counts the wallet's ledger entries; it grows by one with each."
          version: BigInt!
          status: WalletStatus!
          isDefault: Boolean!
          createdAt: DateTime!
          owner: User
          "Transactions that touch this wallet, newest first."
          transactions(first: Int, after: String, last: Int, before: String, filter: TransactionFilter): TransactionConnection!
          "This wallet's ledger entries, newest first."
          entries(first: Int, after: String, last: Int, before: String): LedgerEntryConnection!
        }

        type Transaction implements Node {
          id: ID!
          idempotencyKey: String
          type: TransactionType!
          status: TransactionStatus!
          amount: Decimal!
          asset: Asset!
          description: String
          createdAt: DateTime!
          "The entries on the viewer's own wallets; an admin sees all of them."
          entries: [LedgerEntry!]!
          "For a transfer, the other party, and nothing more."
          counterparty: Counterparty
        }

        type Counterparty {
          username: String!
          name: String!
        }

        type LedgerEntry implements Node {
          id: ID!
          wallet: Wallet!
          "Positive for a credit, negative for a debit."
          amount: Decimal!
          balanceAfter: Decimal!
          walletVersion: BigInt!
          createdAt: DateTime!
          transaction: Transaction!
        }

        type PageInfo {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }

        type TransactionConnection {
          edges: [TransactionEdge!]!
          pageInfo: PageInfo!
          "Every transaction matching the filter, across all pages."
          totalCount: Int!
        }

        type TransactionEdge {
          cursor: String!
          node: Transaction!
        }

        type LedgerEntryConnection {
          edges: [LedgerEntryEdge!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        type LedgerEntryEdge {
          cursor: String!
          node: LedgerEntry!
        }

        "The outcome of checking every ledger invariant in one snapshot."
        type ReconcileReport {
          isClean: Boolean!
          checkedAt: DateTime!
          assets: BigInt!
          wallets: BigInt!
          transactions: BigInt!
          entries: BigInt!
          "Each breach found, in words; empty when clean."
          problems: [String!]!
          summary: String!
        }

        \(withdrawalsSDL)
        """
}
