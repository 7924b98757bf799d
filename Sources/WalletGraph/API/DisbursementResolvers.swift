import Foundation
import GraphQLCore
import WalletGraphQueries

// Withdrawals, read side: the Query fields (disbursementMethods, disbursementQuote, disbursement, disbursements)
// and the fields of DisbursementMethod, Disbursement, DisbursementQuote and the connection. Sources:
// DisbursementMethodRecord, DisbursementRecord, DisbursementQuoteSource, DisbursementConnectionSource.
extension WalletAPI {
    static func bindDisbursementQueries(into map: inout ResolverMap<APIContext>) {
        map.asyncField("Query", "disbursementMethods") { input in
            let viewer = try input.context.requireViewer()
            return .list(try await DisbursementReads.methods(of: viewer, context: input.context)) { .object($0) }
        }
        map.asyncField("Query", "disbursementQuote") { .object(try await disbursementQuote($0)) }
        map.asyncField("Query", "disbursement") { input in
            let viewer = try input.context.requireViewer()
            guard let reference = input.arguments.string("referenceId") else { return .null }
            let record = try await DisbursementReads.disbursement(
                reference: reference, viewer: viewer, context: input.context)
            return record.map { .object($0) } ?? .null
        }
        map.asyncField("Query", "disbursements") { input in
            let viewer = try input.context.requireViewer()
            return .object(try await DisbursementReads.page(input.arguments, viewer: viewer, context: input.context))
        }
    }

    /// The quote for one of the viewer's wallets, checked by the ledger as `withdraw` is
    /// (``Ledger/quoteWithdrawal(walletID:amount:methodID:by:using:)``). Its business outcomes are top-level
    /// errors with the domain's codes (``WalletErrorPresenter``), because the field is non-null.
    private static func disbursementQuote(_ input: ResolverInput<APIContext>) async throws -> DisbursementQuoteSource {
        let context = input.context
        let viewer = try context.requireViewer()
        let id = try walletID(input.arguments.string("walletId"), field: "walletId")
        guard let text = input.arguments.string("amount") else { throw MissingArgument(name: "amount") }
        let amount = RequestedAmount.decimal(text)
        let method = methodID(input.arguments.string("methodId"))
        let ledger = context.services.ledger
        let quote = try await context.database.read { queries in
            try await ledger.quoteWithdrawal(walletID: id, amount: amount, methodID: method, by: viewer.initiator, using: queries)
        }
        return DisbursementQuoteSource(quote: quote, asset: try await context.asset(quote.assetID))
    }

    static func bindDisbursementTypes(into map: inout ResolverMap<APIContext>) {
        bindDisbursementMethod(into: &map)
        bindDisbursement(into: &map)
        bindDisbursementQuote(into: &map)
        map.field("DisbursementConnection", "edges") {
            .list(try $0.parent(as: DisbursementConnectionSource.self).edges) { .object($0) }
        }
        map.field("DisbursementConnection", "pageInfo") {
            .object(try $0.parent(as: DisbursementConnectionSource.self).pageInfo)
        }
        map.batch("DisbursementConnection", "totalCount") { input in
            let sources = try input.parents(as: DisbursementConnectionSource.self)
            return try await DisbursementReads.counts(sources, context: input.context).map { .int($0) }
        }
        map.field("DisbursementEdge", "cursor") { .string(try $0.parent(as: DisbursementEdgeSource.self).cursor) }
        map.field("DisbursementEdge", "node") { .object(try $0.parent(as: DisbursementEdgeSource.self).node) }
    }

    private static func bindDisbursementMethod(into map: inout ResolverMap<APIContext>) {
        typealias Method = DisbursementMethodRecord
        map.field("DisbursementMethod", "id") {
            .string(GlobalID.encode(.disbursementMethod, try $0.parent(as: Method.self).id))
        }
        map.field("DisbursementMethod", "type") { .string(try $0.parent(as: Method.self).type.rawValue) }
        map.field("DisbursementMethod", "provider") { .string(try $0.parent(as: Method.self).provider.rawValue) }
        map.field("DisbursementMethod", "bankCode") { .optional(try $0.parent(as: Method.self).bankCode) }
        map.field("DisbursementMethod", "accountNumberMasked") {
            .string(try $0.parent(as: Method.self).accountNumberMasked)
        }
        map.field("DisbursementMethod", "accountNumber") { input in
            let viewer = try input.context.requireViewer()
            return viewer.isStaff ? .string(try input.parent(as: Method.self).accountNumber) : .null
        }
        map.field("DisbursementMethod", "accountHolderName") {
            .string(try $0.parent(as: Method.self).accountHolderName)
        }
        map.field("DisbursementMethod", "isDefault") { .bool(try $0.parent(as: Method.self).isDefault) }
        map.field("DisbursementMethod", "createdAt") {
            .string(DateTimeFormat.format(try $0.parent(as: Method.self).createdAt))
        }
    }

    private static func bindDisbursement(into map: inout ResolverMap<APIContext>) {
        typealias Record = DisbursementRecord
        map.field("Disbursement", "id") { .string(GlobalID.encode(.disbursement, try $0.parent(as: Record.self).id)) }
        map.field("Disbursement", "referenceId") { .string(try $0.parent(as: Record.self).referenceID) }
        map.field("Disbursement", "status") { .string(try $0.parent(as: Record.self).status.rawValue) }
        map.field("Disbursement", "failureReason") { .optional(try $0.parent(as: Record.self).failureReason) }
        map.field("Disbursement", "description") { .optional(try $0.parent(as: Record.self).description) }
        map.field("Disbursement", "createdAt") {
            .string(DateTimeFormat.format(try $0.parent(as: Record.self).createdAt))
        }
        map.field("Disbursement", "updatedAt") {
            .string(DateTimeFormat.format(try $0.parent(as: Record.self).updatedAt))
        }
        map.field("Disbursement", "processingAt") {
            .optional(try $0.parent(as: Record.self).processingAt.map(DateTimeFormat.format))
        }
        map.field("Disbursement", "resolvedAt") {
            .optional(try $0.parent(as: Record.self).resolvedAt.map(DateTimeFormat.format))
        }
        let amounts: [(String, @Sendable (Record) -> Int64)] = [
            ("amount", { $0.amount }), ("fee", { $0.fee }), ("remainingBalance", { $0.remainingBalance }),
        ]
        for (field, value) in amounts {
            map.batch("Disbursement", field) { input in
                var values: [FieldValue] = []
                for record in try input.parents(as: Record.self) {
                    let asset = try await input.context.asset(record.assetID)
                    values.append(.string(DecimalAmount.format(value(record), scale: asset.scale)))
                }
                return values
            }
        }
        map.batch("Disbursement", "currency") { input in
            var values: [FieldValue] = []
            for record in try input.parents(as: Record.self) {
                values.append(.string(try await input.context.asset(record.assetID).code))
            }
            return values
        }
        // Every withdrawal shown is visible to the viewer, and so is the method it pays to, removed or not.
        map.batch("Disbursement", "method") { input in
            let records = try input.parents(as: Record.self)
            let methods = try await DisbursementReads.methods(records.map(\.methodID), context: input.context)
            let byID = Dictionary(methods.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return try records.map { record in
                guard let method = byID[record.methodID] else {
                    throw CorruptRow(description: "disbursement \(record.id) names missing method \(record.methodID)")
                }
                return .object(method)
            }
        }
        // The source wallet, for whoever may read it (its owner, an admin); null for an operator.
        map.batch("Disbursement", "wallet") { input in
            let records = try input.parents(as: Record.self)
            guard let viewer = input.context.viewer else { return records.map { _ in .null } }
            let readable = records.filter { viewer.mayRead(walletOwnedBy: $0.userID) }.map(\.walletID)
            let wallets = try await ReadLoaders.wallets(readable, context: input.context)
            let byID = Dictionary(wallets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return records.map { record in
                guard viewer.mayRead(walletOwnedBy: record.userID), let wallet = byID[record.walletID] else {
                    return .null
                }
                return .object(wallet)
            }
        }
        map.batch("Disbursement", "transactions") { input in
            let records = try input.parents(as: Record.self)
            return try await DisbursementReads.transactions(of: records, context: input.context).map {
                .list($0) { .object($0) }
            }
        }
    }

    private static func bindDisbursementQuote(into map: inout ResolverMap<APIContext>) {
        typealias Quote = DisbursementQuoteSource
        let amounts: [(String, @Sendable (WithdrawalQuote) -> Int64)] = [
            ("fee", { $0.fee }), ("totalDebit", { $0.totalDebit }), ("minimum", { $0.minimum }),
            ("maximum", { $0.maximum }), ("remainingToday", { $0.remainingToday }),
        ]
        for (field, value) in amounts {
            map.field("DisbursementQuote", field) { input in
                let source = try input.parent(as: Quote.self)
                return .string(DecimalAmount.format(value(source.quote), scale: source.asset.scale))
            }
        }
        map.field("DisbursementQuote", "method") { .object(try $0.parent(as: Quote.self).quote.method) }
        map.field("DisbursementQuote", "currency") { .string(try $0.parent(as: Quote.self).asset.code) }
    }
}
