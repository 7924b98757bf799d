import Foundation
import GraphQLCore
import WalletGraphQueries

/// The withdrawals' reads (queries/disbursement_reads.sql), with their visibility rules: single objects, the
/// batched loads behind nested fields (one statement per level), and the keyset page of Query.disbursements.
enum DisbursementReads {
    /// Query.disbursementMethods: the viewer's own methods that have not been removed.
    static func methods(of viewer: Viewer, context: APIContext) async throws -> [DisbursementMethodRecord] {
        let rows = try await context.database.read { try await $0.listDisbursementMethodsForUser(userId: viewer.id) }
        return try rows.map(DisbursementMethodRecord.init)
    }

    /// node(id:) of a method: the viewer's own (removed ones too: their withdrawals show them), or any for the
    /// back office, which sees every withdrawal's method; else nil.
    static func method(_ id: UUID, viewer: Viewer, context: APIContext) async throws -> DisbursementMethodRecord? {
        guard let method = try await methods([id], context: context).first,
            viewer.isStaff || method.userID == viewer.id
        else { return nil }
        return method
    }

    /// Methods by id, removed ones included, in no particular order (Disbursement.method for a level).
    static func methods(_ ids: [UUID], context: APIContext) async throws -> [DisbursementMethodRecord] {
        let unique = ReadConnections.unique(ids)
        guard !unique.isEmpty else { return [] }
        let rows = try await context.database.read { try await $0.listDisbursementMethodsByIDs(ids: unique) }
        return try rows.map(DisbursementMethodRecord.init)
    }

    /// The withdrawal with `referenceID` when the viewer may see it, else nil.
    static func disbursement(reference referenceID: String, viewer: Viewer, context: APIContext) async throws
        -> DisbursementRecord?
    {
        guard let reference = DisbursementRecord.reference(referenceID) else { return nil }
        let row = try await context.database.read { try await $0.getDisbursementByReference(referenceId: reference) }
        guard let record = try row.map(DisbursementRecord.init), viewer.maySee(record) else { return nil }
        return record
    }

    /// node(id:) of a withdrawal, with the visibility of `disbursement(referenceId:)`.
    static func disbursement(_ id: UUID, viewer: Viewer, context: APIContext) async throws -> DisbursementRecord? {
        let row = try await context.database.read { try await $0.getDisbursement(id: id) }
        guard let record = try row.map(DisbursementRecord.init), viewer.maySee(record) else { return nil }
        return record
    }

    /// Disbursement.transactions for a level (each withdrawal already visible): its hold, then its settlement or
    /// refund, in one statement.
    static func transactions(of disbursements: [DisbursementRecord], context: APIContext) async throws
        -> [[TransactionRecord]]
    {
        let ids = ReadConnections.unique(disbursements.flatMap(\.transactionIDs))
        guard !ids.isEmpty else { return disbursements.map { _ in [] } }
        let rows = try await context.database.read { try await $0.listTransactionsByIDs(ids: ids) }
        let byID = Dictionary(try rows.map { ($0.id, try TransactionRecord($0)) }, uniquingKeysWith: { a, _ in a })
        return try disbursements.map { disbursement in
            try disbursement.transactionIDs.map { id in
                guard let transaction = byID[id] else {
                    throw CorruptRow(description: "disbursement \(disbursement.id) names missing transaction \(id)")
                }
                return transaction
            }
        }
    }

    /// Query.disbursements: the viewer's withdrawals, or everyone's for the back office, newest first.
    static func page(_ arguments: Arguments, viewer: Viewer, context: APIContext) async throws
        -> DisbursementConnectionSource
    {
        let page = try PageRequest(arguments, language: context.language)
        let filter = try DisbursementFilterInput(arguments.object("filter"))
        let upper = page.bounds.upper
        let records: [DisbursementRecord]
        let count: DisbursementCountQuery
        if viewer.isStaff {
            records = try await context.database.read { queries in
                try await queries.listAllDisbursementsNewest(
                    ListAllDisbursementsNewestParams(
                        afterCreatedAt: upper.createdAt, afterId: upper.id, statuses: filter.statuses,
                        createdAfter: filter.createdAfter, createdBefore: filter.createdBefore,
                        pageSize: page.fetchLimit)
                ).map(DisbursementRecord.init)
            }
            count = .all(filter)
        } else {
            records = try await context.database.read { queries in
                try await queries.listUserDisbursementsNewest(
                    ListUserDisbursementsNewestParams(
                        userId: viewer.id, afterCreatedAt: upper.createdAt, afterId: upper.id,
                        statuses: filter.statuses, createdAfter: filter.createdAfter,
                        createdBefore: filter.createdBefore, pageSize: page.fetchLimit)
                ).map(DisbursementRecord.init)
            }
            count = .user(
                CountUserDisbursementsParams(
                    userId: viewer.id, statuses: filter.statuses, createdAfter: filter.createdAfter,
                    createdBefore: filter.createdBefore))
        }
        let (kept, info) = page.page(records) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
        return DisbursementConnectionSource(kept, pageInfo: info, count: count)
    }

    /// totalCount of the disbursement connections of one level (Query.disbursements: at most one).
    static func counts(_ sources: [DisbursementConnectionSource], context: APIContext) async throws -> [Int] {
        var results: [Int] = []
        for source in sources {
            switch source.count {
            case .nothing:
                results.append(0)
            case .user(let params):
                let total = try await context.database.read { try await $0.countUserDisbursements(params) }
                results.append(Int(total ?? 0))
            case .all(let filter):
                let total = try await context.database.read {
                    try await $0.countAllDisbursements(
                        statuses: filter.statuses, createdAfter: filter.createdAfter,
                        createdBefore: filter.createdBefore)
                }
                results.append(Int(total ?? 0))
            }
        }
        return results
    }
}
