import Foundation

/// The withdrawal lifecycle as a pure value, in the style of postgres-nio's state machines: given what is asked
/// and the stored withdrawal (read under its lock), it says what to do, and the ledger does only that.
///
/// ```
/// PENDING ──process──▶ PROCESSING ──complete──▶ COMPLETED
///    │                     │
///    └───────fail──────────┴──────────────────▶ FAILED (refunded)
/// ```
/// Repeating a transition that already happened answers the stored withdrawal unchanged (exactly once for a
/// retrying back office); any other move is `INVALID_STATE_TRANSITION`. The sweeper's `expire` fails only a
/// `PENDING` withdrawal held before its deadline and skips everything else: never PROCESSING, whose money may
/// already be at the bank.
enum DisbursementLifecycle {
    /// What is asked of a withdrawal.
    enum Event: Sendable, Hashable {
        /// An operator hands it to the provider.
        case process
        /// The provider paid it.
        case complete
        /// It failed; the user is refunded.
        case fail
        /// The sweeper: its hold timed out if it was placed before `heldBefore`.
        case expire(heldBefore: Date)
    }

    /// What to do.
    enum Action: Sendable, Hashable {
        /// Write the transition to `status` (and its posting, if any).
        case apply(DisbursementStatus)
        /// Write nothing and answer the stored withdrawal.
        case unchanged
        /// Refuse: `from` cannot become `to`.
        case illegal(from: DisbursementStatus, to: DisbursementStatus)
    }

    /// The action for `event` on a withdrawal in `status`, held (created) at `createdAt`.
    static func action(_ event: Event, status: DisbursementStatus, createdAt: Date) -> Action {
        switch (event, status) {
        case (.process, .pending): .apply(.processing)
        case (.process, .processing): .unchanged
        case (.process, .completed), (.process, .failed): .illegal(from: status, to: .processing)

        case (.complete, .processing): .apply(.completed)
        case (.complete, .completed): .unchanged
        case (.complete, .pending), (.complete, .failed): .illegal(from: status, to: .completed)

        case (.fail, .pending), (.fail, .processing): .apply(.failed)
        case (.fail, .failed): .unchanged
        case (.fail, .completed): .illegal(from: .completed, to: .failed)

        case (.expire(let deadline), .pending): createdAt < deadline ? .apply(.failed) : .unchanged
        case (.expire, .processing), (.expire, .completed), (.expire, .failed): .unchanged
        }
    }
}
