import SQLDriver

/// The same work through the driver's typed API.
struct DriverWorkload: Sendable {
    let pool: SQLPool
    private let pointSelect: SQLStatement
    private let lock: SQLStatement
    private let update: SQLStatement
    private let insertTransaction: SQLStatement
    private let insertEntry: SQLStatement

    init(pool: SQLPool) {
        self.pool = pool
        func statement(_ text: (Bool) -> String) -> SQLStatement {
            SQLStatement(unsafePostgres: text(true), sqlite: text(false))
        }
        pointSelect = statement(BenchSchema.pointSelect)
        lock = statement(BenchSchema.lock)
        update = statement(BenchSchema.update)
        insertTransaction = statement(BenchSchema.insertTransaction)
        insertEntry = statement(BenchSchema.insertEntry)
    }

    private struct Wallet: SQLRowDecodable {
        let id: Int64
        let balance: Int64
        let version: Int64
        init(row: borrowing SQLRow) throws {
            id = try row.decode(at: 0)
            balance = try row.decode(at: 1)
            version = try row.decode(at: 2)
        }
    }

    func pointSelect(_ id: Int64) async throws -> Int64 {
        try await pool.withConnection(readOnly: true) { connection in
            let wallet = try await connection.fetchOne(pointSelect, [.int64(id)], as: Wallet.self)
            return wallet.map { $0.balance + $0.version } ?? 0
        }
    }

    func transfer(_ transfer: Transfer) async throws {
        try await pool.withTransaction { connection in
            let first = try await balance(connection, min(transfer.from, transfer.to))
            let second = try await balance(connection, max(transfer.from, transfer.to))
            let (fromBalance, toBalance) = transfer.from < transfer.to ? (first, second) : (second, first)
            try await connection.execute(update, [.int64(transfer.from), .int64(fromBalance - transfer.amount)])
            try await connection.execute(update, [.int64(transfer.to), .int64(toBalance + transfer.amount)])
            try await connection.execute(
                insertTransaction, [.int64(transfer.id), .int64(transfer.amount), .timestamp(transfer.date)])
            try await connection.execute(
                insertEntry,
                [.int64(transfer.id * 2), .int64(transfer.id), .int64(transfer.from), .int64(-transfer.amount),
                 .int64(fromBalance - transfer.amount)])
            try await connection.execute(
                insertEntry,
                [.int64(transfer.id * 2 + 1), .int64(transfer.id), .int64(transfer.to), .int64(transfer.amount),
                 .int64(toBalance + transfer.amount)])
        }
    }

    private func balance(_ connection: any SQLConnection, _ id: Int64) async throws -> Int64 {
        try await connection.fetchOne(lock, [.int64(id)]) { try $0.decode(Int64.self, at: 0) } ?? 0
    }
}
