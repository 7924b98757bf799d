import Foundation
import SQLDriver

/// Everything a request can write, read straight from the database: the proof that a refused one wrote nothing
/// (`#expect(try await Footprint.of(pool) == before)`).
public struct Footprint: Equatable, Sendable, CustomStringConvertible {
    /// Rows per table.
    public let rows: [String: Int64]
    /// `id balance version status` of every wallet, system wallets included, by id.
    public let wallets: [String]
    /// `reference status settled? refunded? updated_at` of every withdrawal, by reference.
    public let disbursements: [String]
    /// `id default? removed? updated_at` of every payout method, by id.
    public let methods: [String]

    public var transactions: Int64 { rows["transactions"] ?? 0 }
    public var entries: Int64 { rows["ledger_entries"] ?? 0 }

    public static let tables = [
        "users", "assets", "wallets", "transactions", "ledger_entries", "idempotency_keys", "disbursements",
        "disbursement_methods", "disbursement_fees", "events",
    ]

    public static func of(_ pool: SQLPool) async throws -> Footprint {
        try await pool.withConnection { connection in
            var rows: [String: Int64] = [:]
            for table in tables {
                rows[table] = try await connection.fetchOne(SQLStatement(unsafeSQL: "SELECT count(*) FROM \(table)")) {
                    try $0.decode(Int64.self, at: 0)
                }
            }
            func texts(_ sql: String) async throws -> [String] {
                try await connection.fetchAll(SQLStatement(unsafeSQL: sql)) { try $0.decode(String.self, at: 0) }
            }
            return Footprint(
                rows: rows,
                wallets: try await texts(
                    """
                    SELECT CAST(id AS text) || ' ' || CAST(balance AS text) || ' ' || CAST(version AS text) || ' ' || status
                    FROM wallets ORDER BY id
                    """),
                disbursements: try await texts(
                    """
                    SELECT reference_id || ' ' || status
                        || ' ' || CASE WHEN settlement_transaction_id IS NULL THEN '-' ELSE 's' END
                        || ' ' || CASE WHEN refund_transaction_id IS NULL THEN '-' ELSE 'r' END
                        || ' ' || CAST(updated_at AS text)
                    FROM disbursements ORDER BY reference_id
                    """),
                methods: try await texts(
                    """
                    SELECT CAST(id AS text) || ' ' || CASE WHEN is_default THEN 'default' ELSE '-' END
                        || ' ' || CASE WHEN removed_at IS NULL THEN 'active' ELSE 'removed' END
                        || ' ' || CAST(updated_at AS text)
                    FROM disbursement_methods ORDER BY id
                    """))
        }
    }

    public var description: String {
        "rows \(rows.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")), "
            + "\(wallets.count) wallets, \(disbursements.count) withdrawals, \(methods.count) methods"
    }
}
