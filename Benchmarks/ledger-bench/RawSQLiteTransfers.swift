import CSQLite
import Foundation
import WalletGraph
import WalletGraphQueries

/// The floor for SQLite transfers: the generated statements' own SQLite text, prepared once on one connection
/// with the pool's settings (WAL, synchronous=FULL, foreign_keys=ON), run in a plain C loop: BEGIN IMMEDIATE,
/// ClaimIdempotencyKey, LockUserWallets (rows read: id, balance, version), InsertTransaction, then ApplyWalletDelta
/// and PostLedgerEntry per entry, COMMIT. It binds the same kinds of values (lowercase uuid text, integer
/// microseconds), but skips what the ledger does in Swift besides SQL: request canonicalisation and SHA-256,
/// authority checks and planning, records, the pool and its thread hop.
final class RawSQLiteTransfers {
    private let db: OpaquePointer
    private let begin, commit, claim, lock, insertTransaction, applyDelta, insertEntry: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) {
        var handle: OpaquePointer?
        sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        db = handle!
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_exec(db, "PRAGMA journal_mode=WAL", nil, nil, nil)
        sqlite3_exec(db, "PRAGMA synchronous=FULL", nil, nil, nil)
        sqlite3_exec(db, "PRAGMA foreign_keys=ON", nil, nil, nil)
        func prepare(_ sql: String) -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK else {
                fatalError(String(cString: sqlite3_errmsg(handle)))
            }
            return statement!
        }
        begin = prepare("BEGIN IMMEDIATE")
        commit = prepare("COMMIT")
        claim = prepare(Queries.claimIdempotencyKeyStatement.sql(for: .sqlite))
        lock = prepare(Queries.lockUserWalletsStatement.sql(for: .sqlite))
        insertTransaction = prepare(Queries.insertTransactionStatement.sql(for: .sqlite))
        applyDelta = prepare(Queries.applyWalletDeltaStatement.sql(for: .sqlite))
        insertEntry = prepare(Queries.postLedgerEntryStatement.sql(for: .sqlite))
    }

    deinit {
        for statement in [begin, commit, claim, lock, insertTransaction, applyDelta, insertEntry] {
            sqlite3_finalize(statement)
        }
        sqlite3_close_v2(db)
    }

    /// Transfers 1 unit from `from` to `to` (wallet ids and the source's owner as lowercase text).
    func transfer(from: String, to: String, owner: String, asset: String, key: String) {
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
        let transactionID = UUIDv7.make().uuidString.lowercased()
        run(begin)
        let request = #"{"amount":"1","description":"","fromWalletId":""# + from
            + #"","operation":"transfer","toWalletId":""# + to + #""}"#
        bind(claim, [.text(owner), .text(key), .text("transfer"), .text(request), .text(String(repeating: "f", count: 64)),
                     .text(transactionID), .int(now)])
        guard sqlite3_step(claim) == SQLITE_ROW else { fail() }
        sqlite3_reset(claim)
        bind(lock, [.text("[\"\(from)\",\"\(to)\"]")])
        var state: [String: (balance: Int64, version: Int64)] = [:]
        while sqlite3_step(lock) == SQLITE_ROW {
            let id = String(cString: sqlite3_column_text(lock, 0))
            _ = UUID(uuidString: id)
            state[id] = (sqlite3_column_int64(lock, 8), sqlite3_column_int64(lock, 9))
        }
        sqlite3_reset(lock)
        guard let source = state[from], let payee = state[to], source.balance >= 1 else { fail() }
        bind(insertTransaction, [.text(transactionID), .text("transfer"), .text("completed"), .text(asset), .int(1),
                                 .null, .text(owner), .text(key), .int(now)])
        run(insertTransaction)
        for (line, (wallet, amount, before)) in [(from, Int64(-1), source), (to, Int64(1), payee)].enumerated() {
            bind(applyDelta, [.int(amount), .int(now), .text(wallet)])
            guard sqlite3_step(applyDelta) == SQLITE_DONE else { fail() }
            sqlite3_reset(applyDelta)
            // PostLedgerEntry checks the wallet row against these, as the ledger's write does.
            let (balance, version) = (before.balance + amount, before.version + 1)
            bind(insertEntry, [.text(UUIDv7.make().uuidString.lowercased()), .text(transactionID), .int(Int64(line)),
                               .text(wallet), .int(amount), .int(balance), .int(version), .int(now)])
            run(insertEntry)
        }
        run(commit)
    }

    private enum Value {
        case text(String)
        case int(Int64)
        case null
    }

    private func bind(_ statement: OpaquePointer, _ values: [Value]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, Self.transient)
            case .int(let number): sqlite3_bind_int64(statement, index, number)
            case .null: sqlite3_bind_null(statement, index)
            }
        }
    }

    private func run(_ statement: OpaquePointer) {
        guard sqlite3_step(statement) == SQLITE_DONE else { fail() }
        sqlite3_reset(statement)
    }

    private func fail() -> Never { fatalError(String(cString: sqlite3_errmsg(db))) }

    /// Runs the loop on one thread for `seconds`: random pairs among `bench`'s wallets, fresh keys.
    static func measure(_ bench: BenchLedger, seconds: Double, run: String) -> Measurement {
        let raw = RawSQLiteTransfers(path: bench.location)
        let wallets = bench.wallets.map { $0.uuidString.lowercased() }
        let owners = bench.owners.map { $0.userID.uuidString.lowercased() }
        let asset = bench.asset.id.uuidString.lowercased()
        let clock = ContinuousClock()
        let cpuStart = Measurement.processCPUSeconds()
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        var latencies: [Double] = []
        var iteration = 0
        while clock.now < deadline {
            let begin = clock.now
            let from = Int.random(in: 0..<wallets.count)
            let to = (from + Int.random(in: 1..<wallets.count)) % wallets.count
            raw.transfer(from: wallets[from], to: wallets[to], owner: owners[from], asset: asset, key: "\(run)-\(iteration)")
            let elapsed = begin.duration(to: clock.now).components
            latencies.append(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15)
            iteration += 1
        }
        let elapsed = start.duration(to: clock.now).components
        return Measurement(
            count: latencies.count, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18,
            latencies: latencies.sorted(), errors: [:], cpuSeconds: Measurement.processCPUSeconds() - cpuStart)
    }
}
