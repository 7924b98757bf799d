import WalletGraphQueries

extension Ledger {
    /// How many withdrawals are in each status now (one read), for metrics.
    public func withdrawalCountsByStatus() async throws -> [DisbursementStatus: Int] {
        let rows = try await pool.withConnection(readOnly: true) { connection in
            try await Queries(connection).countDisbursementsByStatus()
        }
        var counts: [DisbursementStatus: Int] = [:]
        for row in rows {
            if let status = DisbursementStatus(rawValue: row.status) { counts[status] = Int(row.total) }
        }
        return counts
    }
}
