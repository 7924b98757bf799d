import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing
import WalletGraphQueries

import WalletGraph

/// A clock that tests move by hand. Every read also steps it forward by one millisecond, so that rows written
/// one after another get distinct, ordered times (and UUIDv7 ids), as they would on a real clock.
final class ManualClock: Sendable {
    private let current: Locked<Date>
    private let step: TimeInterval

    init(_ start: Date, step: TimeInterval = 0.001) {
        current = Locked(start)
        self.step = step
    }

    /// The ledger's view of this clock.
    var ledgerClock: LedgerClock {
        LedgerClock { [current, step] in
            current.withLock { now in
                defer { now = now.addingTimeInterval(step) }
                return now
            }
        }
    }

    /// The next time the ledger will read (without stepping).
    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// `yyyy-MM-ddTHH:mm:ssZ` as a date (UTC).
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { preconditionFailure("not an ISO 8601 time: \(text)") }
        return date
    }
}

/// Runs `body` with a fresh ledger configured for withdrawals with `policy`.
func withWithdrawals(
    _ engine: Engine, policy: WithdrawalPolicy = WithdrawalPolicy(), retry: SQLRetryPolicy = .standard,
    connections: Int = 4, clock: LedgerClock = .system, _ body: (LedgerFixture) async throws -> Void
) async throws {
    let configuration = LedgerConfiguration(allowSelfTopUp: true, systemShards: 4, retry: retry, withdrawals: policy)
    try await withLedger(engine, configuration: configuration, connections: connections, clock: clock, body)
}

extension LedgerFixture {
    static let bcaNumber = "1234567890"
    static let gopayNumber = "+6281234567890"

    /// A BCA account (or `provider`'s, with `number`) for `owner`.
    @discardableResult
    func addMethod(
        _ owner: Initiator, _ provider: DisbursementProvider = .bca, number: String? = nil, isDefault: Bool = false
    ) async throws -> DisbursementMethodRecord {
        let number = number ?? (provider.type == .eWallet ? Self.gopayNumber : String(repeating: "1", count: provider.accountDigits ?? 10))
        return try await ledger.addDisbursementMethod(
            NewDisbursementMethod(
                type: provider.type, provider: provider, accountNumber: number, accountHolderName: "Budi Santoso",
                isDefault: isDefault),
            by: owner)
    }

    /// Withdraws `amount` from `wallet` as `owner`, with a fresh key unless one is given.
    @discardableResult
    func withdraw(
        _ wallet: WalletRecord, _ amount: Int64, by owner: Initiator, method: UUID? = nil, key: String? = nil
    ) async throws -> WithdrawalReceipt {
        try await ledger.withdraw(
            WithdrawRequest(walletID: wallet.id, amount: amount, methodID: method, idempotencyKey: key ?? "w-\(UUID())"),
            by: owner)
    }

    /// One Int64 from raw SQL (a test's own count, which no generated query needs).
    func scalar(_ postgres: String, sqlite: String? = nil, _ bindings: [SQLValue] = []) async throws -> Int64 {
        try await pool.withConnection { connection in
            try await connection.fetchOne(SQLStatement(unsafePostgres: postgres, sqlite: sqlite ?? postgres), bindings) {
                try $0.decode(Int64.self, at: 0)
            } ?? 0
        }
    }

    /// Rows of text from raw SQL.
    func texts(_ sql: String) async throws -> [String] {
        try await pool.withConnection { connection in
            try await connection.fetchAll(SQLStatement(unsafeSQL: sql)) { try $0.decode(String.self, at: 0) }
        }
    }

    func disbursementCount() async throws -> Int64 { try await scalar("SELECT count(*) FROM disbursements") }

    /// How many default methods `owner` has (must be one while they have any method).
    func defaultMethodCount(_ owner: Initiator) async throws -> Int64 {
        try await scalar(
            "SELECT count(*) FROM disbursement_methods WHERE user_id = $1 AND is_default",
            sqlite: "SELECT count(*) FROM disbursement_methods WHERE user_id = ?1 AND is_default", [.uuid(owner.userID)])
    }

    /// The IDR balance of every shard of `purpose`, summed.
    func systemBalance(_ purpose: SystemPurpose) async throws -> Int64 {
        try await ledger.systemWallets(asset: idr.id).filter { $0.purpose == purpose }.reduce(0) { $0 + $1.balance }
    }

    /// The withdrawal as stored now.
    func stored(_ disbursement: DisbursementRecord) async throws -> Disbursement {
        let row = try await pool.withConnection { connection in
            try await Queries(connection).getDisbursementByHold(holdTransactionId: disbursement.holdTransactionID)
        }
        return try #require(row)
    }

    /// Runs `body`, which must fail with `code` (and `field`, when given), and checks that it wrote nothing:
    /// no transaction, entry, disbursement, method change or idempotency key, and every wallet as it was.
    @discardableResult
    func expectNothingWritten<T>(
        _ code: ErrorCode, field: [String]?? = nil, wallets: [WalletRecord] = [],
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
    ) async throws -> DomainError? {
        let before = try await footprint()
        let error = try await expectNoTrace(code, field: field, wallets: wallets, sourceLocation: sourceLocation, body)
        #expect(try await footprint() == before, sourceLocation: sourceLocation)
        return error
    }

    /// Reconcile is clean (so every transaction's entries sum to zero) and the payout-clearing shards hold
    /// exactly amount plus fee of every withdrawal still PENDING or PROCESSING.
    func expectSound(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectClean(sourceLocation: sourceLocation)
        let held = try await scalar(
            "SELECT CAST(coalesce(sum(amount + fee), 0) AS bigint) FROM disbursements WHERE status IN ('PENDING', 'PROCESSING')")
        #expect(try await systemBalance(.payoutClearing) == held, sourceLocation: sourceLocation)
        let report = try await ledger.reconcile()
        #expect(report.unbalancedTransactions.isEmpty, sourceLocation: sourceLocation)
    }

    /// The transaction `id`'s status and type as stored.
    func transactionRecord(_ id: UUID?, sourceLocation: SourceLocation = #_sourceLocation) async throws -> LedgerReceipt {
        let id = try #require(id, sourceLocation: sourceLocation)
        return try #require(try await ledger.transaction(id), sourceLocation: sourceLocation)
    }
}
