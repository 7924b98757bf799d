extension WalletSchema {
    /// Withdrawals (issue 7): payout methods, quotes, disbursements and their lifecycle, as type extensions of
    /// `Query` and `Mutation`. The names issue 7 fixes are a contract; the rest (`createdAt`, `wallet`,
    /// `description`, the lifecycle times, `DisbursementQuote.method` and `currency`) are additions.
    static let withdrawalsSDL: String = """
        extend type Query {
          "The viewer's own payout methods that are not removed, oldest first (never another user's, for any role)."
          disbursementMethods: [DisbursementMethod!]!
          \"\"\"
          What withdrawing `amount` from one of the viewer's wallets to `methodId` (the default method when omitted)
          would cost, and the limits that apply. A wallet or method that is not the viewer's is a top-level error
          with `extensions.code` WALLET_NOT_FOUND or METHOD_NOT_FOUND, exactly as a missing one.
          \"\"\"
          disbursementQuote(walletId: ID!, amount: Decimal!, methodId: ID): DisbursementQuote!
          "A withdrawal by its reference: the viewer's own, or anyone's for an operator or admin; else null."
          disbursement(referenceId: String!): Disbursement
          "The viewer's withdrawals (everyone's, for an operator or admin), newest first."
          disbursements(first: Int, after: String, filter: DisbursementFilter): DisbursementConnection!
        }

        extend type Mutation {
          "Adds a payout account for the viewer. The first one, or one with `isDefault: true`, becomes the default."
          addDisbursementMethod(input: AddDisbursementMethodInput!): DisbursementMethodPayload!
          "Makes one of the viewer's payout methods the default."
          setDefaultDisbursementMethod(id: ID!): DisbursementMethodPayload!
          "Removes one of the viewer's payout methods; past withdrawals keep it. The newest other becomes the default."
          removeDisbursementMethod(id: ID!): DisbursementMethodPayload!
          "Holds amount plus fee from one of the viewer's IDR wallets for a payout (status PENDING)."
          withdraw(input: WithdrawInput!): DisbursementPayload!
          "Marks a PENDING withdrawal as handed to the provider. Operators and admins only."
          processDisbursement(referenceId: String!): DisbursementPayload!
          "Records that a PROCESSING withdrawal was paid out. Operators and admins only."
          completeDisbursement(referenceId: String!): DisbursementPayload!
          "Records that a PENDING or PROCESSING withdrawal failed and refunds it in full. Operators and admins only."
          failDisbursement(referenceId: String!, reason: String!): DisbursementPayload!
        }

        "How a withdrawal reaches the user."
        enum DisbursementType {
          BANK_TRANSFER
          E_WALLET
        }

        "The banks and e-wallets a withdrawal can go to."
        enum DisbursementProvider {
          BCA
          MANDIRI
          BNI
          BRI
          CIMB_NIAGA
          PERMATA
          BSI
          GOPAY
          OVO
          DANA
          LINKAJA
          SHOPEEPAY
        }

        "PENDING (held) → PROCESSING (with the provider) → COMPLETED; PENDING or PROCESSING → FAILED (refunded)."
        enum DisbursementStatus {
          PENDING
          PROCESSING
          COMPLETED
          FAILED
        }

        "A payout account of the viewer's: a bank account or an e-wallet."
        type DisbursementMethod implements Node {
          id: ID!
          type: DisbursementType!
          provider: DisbursementProvider!
          "The bank's three-digit interbank code; null for an e-wallet."
          bankCode: String
          "All but the last four characters replaced by '*'."
          accountNumberMasked: String!
          "The full account number (or +62 mobile number) the payout goes to: operators and admins only; null for users."
          accountNumber: String
          accountHolderName: String!
          isDefault: Boolean!
          createdAt: DateTime!
        }

        "A withdrawal: the money held from a wallet and what became of it."
        type Disbursement implements Node {
          id: ID!
          "The reference the user, the back office and the provider quote."
          referenceId: String!
          "What the user receives."
          amount: Decimal!
          "What the withdrawal costs on top of `amount`, fixed when it was held."
          fee: Decimal!
          "The asset's code (IDR)."
          currency: String!
          status: DisbursementStatus!
          "Where the money goes (shown even after the method was removed)."
          method: DisbursementMethod!
          "The wallet's balance right after the hold."
          remainingBalance: Decimal!
          failureReason: String
          description: String
          "The wallet the money came from; null for an operator looking at another user's withdrawal."
          wallet: Wallet
          createdAt: DateTime!
          updatedAt: DateTime!
          "When it was handed to the provider."
          processingAt: DateTime
          "When it was completed or failed."
          resolvedAt: DateTime
          "Its ledger transactions: the hold (WITHDRAWAL), then the settlement or the refund."
          transactions: [Transaction!]!
        }

        "What a withdrawal would cost, in the wallet's asset."
        type DisbursementQuote {
          fee: Decimal!
          "Amount plus fee: what would leave the wallet."
          totalDebit: Decimal!
          "The smallest amount one withdrawal may be."
          minimum: Decimal!
          "The largest amount one withdrawal may be."
          maximum: Decimal!
          "How much more the viewer may withdraw today (Asia/Jakarta), fees excluded."
          remainingToday: Decimal!
          "The method the quote is for (the default one when none was named)."
          method: DisbursementMethod!
          "The asset's code (IDR)."
          currency: String!
        }

        input AddDisbursementMethodInput {
          "Must match the provider's type."
          type: DisbursementType!
          provider: DisbursementProvider!
          "A bank account's digits (BCA 10, Mandiri 13, BNI 10, BRI 15, …), or the e-wallet's +62 mobile number."
          accountNumber: String!
          accountHolderName: String!
          "Make it the default; the first method is the default whatever this says."
          isDefault: Boolean
        }

        input WithdrawInput {
          "One of the viewer's IDR wallets."
          walletId: ID!
          "What the user receives, at least the minimum and at most the maximum; the fee is added on top."
          amount: Decimal!
          "One of the viewer's methods; omitted: the default method."
          methodId: ID
          "A client key (1 to 255 characters): repeating a request with the same key returns the first result."
          idempotencyKey: String!
          description: String
        }

        "Restricts a withdrawal list; an omitted field or an empty list is no constraint."
        input DisbursementFilter {
          statuses: [DisbursementStatus!]
          "Created at or after this instant."
          createdAfter: DateTime
          "Created strictly before this instant."
          createdBefore: DateTime
        }

        type DisbursementMethodPayload {
          method: DisbursementMethod
          userErrors: [UserError!]!
        }

        type DisbursementPayload {
          disbursement: Disbursement
          userErrors: [UserError!]!
        }

        type DisbursementConnection {
          edges: [DisbursementEdge!]!
          pageInfo: PageInfo!
          "Every withdrawal matching the filter, across all pages."
          totalCount: Int!
        }

        type DisbursementEdge {
          cursor: String!
          node: Disbursement!
        }
        """
}
