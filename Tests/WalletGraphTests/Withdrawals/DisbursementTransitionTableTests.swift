import Foundation
import Testing

@testable import WalletGraph

/// The withdrawal lifecycle's whole transition table, every event against every status, as a pure value.
@Suite struct DisbursementTransitionTableTests {
    typealias Action = DisbursementLifecycle.Action
    static let held = Date(timeIntervalSince1970: 1_700_000_000)

    /// The expected action for each (event, status), written out by hand.
    static let table: [(DisbursementLifecycle.Event, DisbursementStatus, Action)] = [
        (.process, .pending, .apply(.processing)),
        (.process, .processing, .unchanged),
        (.process, .completed, .illegal(from: .completed, to: .processing)),
        (.process, .failed, .illegal(from: .failed, to: .processing)),
        (.complete, .pending, .illegal(from: .pending, to: .completed)),
        (.complete, .processing, .apply(.completed)),
        (.complete, .completed, .unchanged),
        (.complete, .failed, .illegal(from: .failed, to: .completed)),
        (.fail, .pending, .apply(.failed)),
        (.fail, .processing, .apply(.failed)),
        (.fail, .completed, .illegal(from: .completed, to: .failed)),
        (.fail, .failed, .unchanged),
        // The sweeper, with a deadline after the hold: only PENDING is failed, and it never refuses.
        (.expire(heldBefore: held.addingTimeInterval(1)), .pending, .apply(.failed)),
        (.expire(heldBefore: held.addingTimeInterval(1)), .processing, .unchanged),
        (.expire(heldBefore: held.addingTimeInterval(1)), .completed, .unchanged),
        (.expire(heldBefore: held.addingTimeInterval(1)), .failed, .unchanged),
    ]

    @Test("every event against every status gives the table's action")
    func table() {
        for (event, status, expected) in Self.table {
            #expect(DisbursementLifecycle.action(event, status: status, createdAt: Self.held) == expected, "\(event) on \(status)")
        }
        // The table covers every status for each of the four events.
        #expect(Self.table.count == 4 * DisbursementStatus.allCases.count)
    }

    @Test("the sweeper leaves a PENDING withdrawal held at or after its deadline alone")
    func sweeperDeadlineIsStrict() {
        #expect(DisbursementLifecycle.action(.expire(heldBefore: Self.held), status: .pending, createdAt: Self.held) == .unchanged)
        #expect(
            DisbursementLifecycle.action(.expire(heldBefore: Self.held), status: .pending, createdAt: Self.held.addingTimeInterval(5))
                == .unchanged)
    }

    @Test("an applied transition always moves to another status, and only FAILED and COMPLETED are final")
    func appliedTransitionsMove() {
        for (event, status, _) in Self.table {
            if case .apply(let next) = DisbursementLifecycle.action(event, status: status, createdAt: Self.held) {
                #expect(next != status)
                #expect(status != .completed && status != .failed)
            }
        }
    }
}
