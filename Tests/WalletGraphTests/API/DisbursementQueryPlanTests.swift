import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

@testable import WalletGraph

/// The withdrawal pages walk their index from the cursor and stop after the page (docs/api.md, "Withdrawals"):
/// a user's through disbursements_user_created_idx, the back office's through disbursements_created_idx, with
/// no sort step and no full scan, on both engines.
@Suite struct DisbursementQueryPlanTests {
    static let filters: [SQLValue] = [.null(.textArray), .null(.timestamp), .null(.timestamp)]
    static let cursor: [SQLValue] = [.timestamp(PageCursor.farFuture.createdAt), .uuid(PageCursor.farFuture.id)]

    static func expectWalk(
        _ lines: [String], index: String, engine: Engine, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let text = lines.joined(separator: "\n")
        #expect(text.contains(index), "\(text)", sourceLocation: sourceLocation)
        if engine.dialect == .sqlite {
            #expect(!lines.contains { $0.hasPrefix("SCAN disbursements") && !$0.contains("USING") }, "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains("TEMP B-TREE"), "a sort step: \(text)", sourceLocation: sourceLocation)
        } else {
            #expect(!text.contains("Seq Scan"), "\(text)", sourceLocation: sourceLocation)
            #expect(!text.contains("Sort"), "a sort step: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Engine.all)
    func aUsersPageWalksTheirIndexAndTheQueueWalksTime(engine: Engine) async throws {
        let user = try await ReadQueryPlanTests.plan(
            Queries.listUserDisbursementsNewestStatement,
            [.uuid(UUID())] + Self.cursor + Self.filters + [.int64(21)], engine: engine)
        Self.expectWalk(user, index: "disbursements_user_created_idx", engine: engine)
        let all = try await ReadQueryPlanTests.plan(
            Queries.listAllDisbursementsNewestStatement, Self.cursor + Self.filters + [.int64(21)], engine: engine)
        Self.expectWalk(all, index: "disbursements_created_idx", engine: engine)
        let count = try await ReadQueryPlanTests.plan(
            Queries.countUserDisbursementsStatement, [.uuid(UUID())] + Self.filters, engine: engine)
        #expect(count.joined().contains("disbursements_user_created_idx"), "\(count)")
    }
}
