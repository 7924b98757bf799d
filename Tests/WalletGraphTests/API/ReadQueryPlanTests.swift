import DatabaseTestSupport
import Foundation
import GraphQLCore
import SQLDriver
import Testing
import WalletGraphQueries

@testable import WalletGraph

/// The history pages read the viewer's wallets' entries by index, never every transaction (docs/api.md, "Query
/// plans"): the plans of the user-scoped page and count, and of the per-wallet pages, checked on both engines.
@Suite struct ReadQueryPlanTests {
    /// The plan lines of `statement` run with `bindings` (SQLite: EXPLAIN QUERY PLAN's details; PostgreSQL:
    /// EXPLAIN's lines, with sequential scans disabled so that an empty table's plan is the one a large table gets).
    static func plan(_ statement: SQLStatement, _ bindings: [SQLValue], engine: Engine) async throws -> [String] {
        var lines: [String] = []
        try await withLedger(engine) { fixture in
            lines = try await fixture.pool.withTransaction(.readWrite) { connection in
                if engine.dialect == .sqlite {
                    let explain = SQLStatement(unsafeSQL: "EXPLAIN QUERY PLAN " + statement.sql(for: .sqlite))
                    return try await connection.fetchAll(explain, bindings) { try $0.decode(String.self, at: 3) }
                }
                try await connection.execute(SQLStatement(unsafeSQL: "SET LOCAL enable_seqscan = off"), [])
                let explain = SQLStatement(unsafeSQL: "EXPLAIN " + statement.sql(for: .postgres))
                return try await connection.fetchAll(explain, bindings) { try $0.decode(String.self, at: 0) }
            }
        }
        return lines
    }

    /// Fails when the plan reads `transactions` other than by primary key, or reads entries other than through
    /// the wallet index.
    static func expectIndexed(_ lines: [String], engine: Engine, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = lines.joined(separator: "\n")
        if engine.dialect == .sqlite {
            for line in lines {
                let scan = line.hasPrefix("SCAN ") && !line.contains("json_each") && !line.hasPrefix("SCAN k")
                    && !line.hasPrefix("SCAN (subquery") && !line.hasPrefix("SCAN ranked")
                #expect(!scan, "a full scan: \(line)\n\(text)", sourceLocation: sourceLocation)
                #expect(!line.contains("transactions_created_idx"), "\(text)", sourceLocation: sourceLocation)
            }
        } else {
            #expect(!text.contains("Seq Scan"), "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains("transactions_created_idx"), "\(text)", sourceLocation: sourceLocation)
        }
        #expect(text.contains("ledger_entries_wallet_created_idx"), "\(text)", sourceLocation: sourceLocation)
    }

    static let upper = PageCursor.farFuture
    static let lower = PageCursor.farPast
    static let noFilters: [SQLValue] = [
        .null(.textArray), .null(.textArray), .null(.timestamp), .null(.timestamp), .null(.text), .null(.text),
    ]

    @Test(arguments: Engine.all)
    func aUsersPageReadsTheirWalletsEntries(engine: Engine) async throws {
        let bounds: [SQLValue] = [
            .timestamp(Self.upper.createdAt), .uuid(Self.upper.id), .timestamp(Self.lower.createdAt), .uuid(Self.lower.id),
        ]
        let newest = try await Self.plan(
            Queries.listUserTransactionsNewestStatement,
            [.uuid(UUID()), .null(.uuid)] + bounds + Self.noFilters + [.int64(21)], engine: engine)
        Self.expectIndexed(newest, engine: engine)
        // The backward statement takes `before` first.
        let oldestBounds: [SQLValue] = [
            .timestamp(Self.lower.createdAt), .timestamp(Self.upper.createdAt), .uuid(Self.upper.id), .uuid(Self.lower.id),
        ]
        let oldest = try await Self.plan(
            Queries.listUserTransactionsOldestStatement,
            [.uuid(UUID()), .null(.uuid)] + oldestBounds + Self.noFilters + [.int64(21)], engine: engine)
        Self.expectIndexed(oldest, engine: engine)
        // The check sees a walk over every transaction: an admin's unscoped page is one, by design.
        let admin = try await Self.plan(
            Queries.listTransactionsNewestStatement, bounds + Self.noFilters + [.int64(21)], engine: engine)
        #expect(admin.contains { $0.contains("transactions_created_idx") }, "\(admin)")
        let count = try await Self.plan(
            Queries.countUserTransactionsStatement, [.uuid(UUID()), .null(.uuid)] + Self.noFilters, engine: engine)
        Self.expectIndexed(count, engine: engine)
    }

    @Test(arguments: Engine.all)
    func walletPagesReadEachWalletByIndex(engine: Engine) async throws {
        let transactions = try await Self.plan(
            Queries.listWalletTransactionsNewestStatement,
            [
                .uuidArray([UUID(), UUID()]), .timestamp(Self.upper.createdAt), .uuid(Self.upper.id),
                .timestamp(Self.lower.createdAt), .uuid(Self.lower.id), .null(.uuid), .null(.uuid),
            ] + Self.noFilters + [.int64(21)], engine: engine)
        Self.expectIndexed(transactions, engine: engine)
        let entries = try await Self.plan(
            Queries.listWalletEntriesNewestStatement,
            [
                .uuidArray([UUID(), UUID()]), .timestamp(Self.upper.createdAt), .timestamp(Self.lower.createdAt),
                .uuid(Self.upper.id), .uuid(Self.lower.id), .int64(21),
            ], engine: engine)
        Self.expectIndexed(entries, engine: engine)
        if engine.dialect == .sqlite {
            // The cutoff bounds the wallet's range: the scan has a lower and an upper bound on created_at.
            #expect(entries.contains { $0.contains("ledger_entries_wallet_created_idx (wallet_id=? AND created_at>? AND created_at<?)") })
        }
    }

    /// A transfer between two of the viewer's own wallets touches both: it is one row of the page and of the count,
    /// whichever way the page is read; an admin's `walletId` filter reads that wallet's history.
    @Test(arguments: Engine.all)
    func aTransferBetweenOwnWalletsIsListedOnce(engine: Engine) async throws {
        try await withAPI(engine) { h in
            let f = h.f
            let alice = try await f.user("alice")
            let main = try await f.wallet(alice)
            let savings = try await f.wallet(alice, label: "Savings")
            let topUp = try await f.fund(main, 1000)
            let move = try await f.transfer(300, from: main, to: savings, by: alice)
            let expected = [gid(move.transaction), gid(topUp.transaction)]
            let query = """
                query($first: Int, $last: Int, $f: TransactionFilter) {
                  transactions(first: $first, last: $last, filter: $f) { totalCount edges { node { id } } } }
                """
            for arguments: [String: InputValue] in [["first": 10], ["last": 10], ["first": 1]] {
                let result = try await h.run(query, arguments, as: alice)
                #expect(result.errors.isEmpty, "\(result.errors)")
                let ids = result.list("transactions.edges").compactMap { ($0["node"] as? [String: Any])?["id"] as? String }
                #expect(ids == Array(expected.prefix(arguments["first"] == 1 ? 1 : 2)))
                #expect(result.int("transactions.totalCount") == 2)
            }
            let filter: InputValue = .object(["walletId": .string(gid(savings))])
            for viewer in [alice, f.admin] {
                let result = try await h.run(query, ["first": 10, "f": filter], as: viewer)
                #expect(result.errors.isEmpty, "\(result.errors)")
                let ids = result.list("transactions.edges").compactMap { ($0["node"] as? [String: Any])?["id"] as? String }
                #expect(ids == [gid(move.transaction)])
                #expect(result.int("transactions.totalCount") == 1)
            }
        }
    }
}
