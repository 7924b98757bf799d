import Foundation
import SQLDriver
import WalletGraph
import WalletGraphQueries

/// A migrated database with a ledger, the asset BENCH, and `wallets` funded user wallets, each owned by its own
/// user. Ids are derived from an integer so that pgbench can compute them: wallet i is
/// 00000000-0000-4000-8000-<i as 12 digits>, its owner 00000000-0000-4000-9000-<i>.
struct BenchLedger: Sendable {
    let pool: SQLPool
    let ledger: Ledger
    let admin: Initiator
    let gateway: Initiator
    let asset: AssetRecord
    /// Owner and wallet of benchmark wallet i + 1.
    let owners: [Initiator]
    let wallets: [UUID]
    /// Where the database is: the PostgreSQL schema, or the SQLite file.
    let location: String

    static let fundingPerWallet: Int64 = 1_000_000_000

    static func walletID(_ number: Int) -> UUID { id("8000", number) }
    static func userID(_ number: Int) -> UUID { id("9000", number) }

    private static func id(_ group: String, _ number: Int) -> UUID {
        let digits = String(number)
        return UUID(uuidString: "00000000-0000-4000-\(group)-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    /// Creates the schema (PostgreSQL) or file (SQLite), migrates it and funds `wallets` wallets.
    static func make(postgresURL: String?, wallets count: Int, connections: Int) async throws -> BenchLedger {
        let pool: SQLPool
        let location: String
        if let postgresURL {
            location = "ledger_bench_" + UUID().uuidString.prefix(8).lowercased()
            try await withAdmin(postgresURL) { try await $0.execute(SQLStatement(unsafeSQL: "CREATE SCHEMA \(location)"), []) }
            pool = try await SQLPool.postgres(
                PostgresConfiguration(url: postgresURL, maxConnections: connections, searchPath: location))
        } else {
            location = FileManager.default.temporaryDirectory
                .appendingPathComponent("ledger-bench-\(UUID().uuidString.prefix(8)).sqlite").path
            pool = try await SQLPool.sqlite(SQLiteConfiguration(path: location, readers: 4))
        }
        try await MigrationRunner(pool: pool, migrations: Migration.embedded(pool.dialect)).migrate()
        let ledger = Ledger(pool: pool)
        let accounts = Accounts(pool: pool)
        let admin = try await accounts.createUser(
            UserProfile(username: "bench_admin", name: "Admin", email: "admin@bench.test", phone: "081200000001", nik: nil),
            passwordHash: "x", role: .admin)
        let gateway = try await accounts.createUser(
            UserProfile(username: "bench_gateway", name: "Gateway", email: "gw@bench.test", phone: "081200000002", nik: nil),
            passwordHash: "x", role: .operator)
        let adminInitiator = Initiator(userID: admin.id, role: .admin)
        let asset = try await ledger.createAsset(code: "BENCH", name: "Bench", scale: 0, by: adminInitiator)
        let numbers = Array(1...count)
        try await pool.withTransaction(.readWrite) { connection in
            let queries = Queries(connection)
            let now = Date()
            for number in numbers {
                _ = try await queries.createUser(
                    CreateUserParams(
                        id: userID(number), username: "bench\(number)", name: "Bench \(number)",
                        email: "bench\(number)@bench.test", phone: "+6281200000003", nik: nil, passwordHash: "x",
                        role: Role.user.rawValue, now: now))
                _ = try await queries.createWallet(
                    CreateWalletParams(
                        id: walletID(number), ownerId: userID(number), assetId: asset.id, label: "bench \(number)",
                        isDefault: true, now: now))
            }
        }
        let bench = BenchLedger(
            pool: pool, ledger: ledger, admin: adminInitiator, gateway: Initiator(userID: gateway.id, role: .operator),
            asset: asset, owners: numbers.map { Initiator(userID: userID($0), role: .user) },
            wallets: numbers.map(walletID), location: location)
        try await bench.topUp(bench.wallets, amount: fundingPerWallet, ledger: ledger)
        return bench
    }

    /// Tops up each of `wallets` once, eight at a time.
    func topUp(_ wallets: [UUID], amount: Int64, ledger: Ledger) async throws {
        let gateway = self.gateway
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for wallet in wallets.enumerated() where wallet.offset % 8 == lane {
                        _ = try await ledger.topUp(
                            MoneyRequest(walletID: wallet.element, amount: amount, idempotencyKey: "fund-\(UUID())"),
                            by: gateway)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Closes the pool and drops the schema or file.
    func drop(postgresURL: String?) async {
        await pool.close()
        if let postgresURL {
            try? await Self.withAdmin(postgresURL) {
                try await $0.execute(SQLStatement(unsafeSQL: "DROP SCHEMA \(location) CASCADE"), [])
            }
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        }
    }

    private static func withAdmin(_ url: String, _ body: (any SQLConnection) async throws -> Void) async throws {
        let admin = try await SQLPool.postgres(PostgresConfiguration(url: url, maxConnections: 1))
        do { try await admin.withConnection { try await body($0) } } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}
