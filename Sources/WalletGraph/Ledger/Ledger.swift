import Foundation
import Logging
import SQLDriver
import WalletGraphQueries

/// The double-entry ledger: every movement of money is one locked, idempotent database transaction whose
/// entries sum to zero, and a user wallet never goes below zero.
///
/// Each operation runs the same way (docs/ledger.md):
/// 1. validate the request alone (amount, key, description), before touching the database;
/// 2. open a write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: READ COMMITTED with row locks);
/// 3. claim the idempotency key; a key already used returns its stored transaction, or a conflict;
/// 4. lock every user wallet involved in ascending id order, then a free shard of the system wallet;
/// 5. check authority and plan the entries with the pure ``PostingPlanner``;
/// 6. write the transaction, move each wallet's cached balance and version, and append the entries.
///
/// Any error rolls the whole transaction back, the key's claim included, so a rejected request can be retried
/// with the same key. A deadlock, serialization failure or busy database reruns the transaction from step 2.
public final class Ledger: Sendable {
    public let pool: SQLPool
    public let configuration: LedgerConfiguration
    let clock: LedgerClock
    let logger: Logger
    let metrics: LedgerMetrics
    /// Wallet id → asset scale, which never changes: a decimal amount's canonical form costs no statement twice.
    let walletScales = WalletScaleCache()
    /// Rung after every commit that wrote outbox events, for this process's subscribers (docs/events.md).
    public let signal = EventSignal()

    public init(
        pool: SQLPool, configuration: LedgerConfiguration = LedgerConfiguration(), clock: LedgerClock = .system,
        logger: Logger = Logger(label: "walletgraph.ledger"), metrics: LedgerMetrics = LedgerMetrics()
    ) {
        self.metrics = metrics
        self.pool = pool
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Runs `body` in one write transaction with the ledger's retry policy. A transaction still failing with a
    /// retryable error after the last attempt becomes ``ErrorCode/ledgerBusy``: nothing was written.
    func writeTransaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (Queries) async throws -> T
    ) async throws -> T {
        do {
            return try await pool.withTransaction(.readWrite, retry: configuration.retry) { connection in
                try await body(Queries(connection))
            }
        } catch let error as SQLError where error.isRetryable {
            logger.warning("ledger transaction gave up after retries", metadata: ["error": "\(error.code)"])
            metrics.busy()
            throw DomainError(.ledgerBusy)
        }
    }

    /// Runs `body` in one read-only snapshot: the values it reads agree with each other.
    func readSnapshot<T>(isolation: isolated (any Actor)? = #isolation, _ body: (Queries) async throws -> T) async throws -> T {
        try await pool.withTransaction(.readOnlySnapshot) { connection in try await body(Queries(connection)) }
    }
}
