import DatabaseTestSupport
import Foundation
import SQLDriver
import WalletGraph
import WalletGraphQueries

/// A migrated database with a ledger, the assets IDR (scale 0) and GOLD (scale 4), an admin, and an operator (`gateway`).
struct LedgerFixture: Sendable {
    let engine: Engine
    let pool: SQLPool
    let ledger: Ledger
    let accounts: Accounts
    let admin: Initiator
    let gateway: Initiator
    let idr: AssetRecord
    let gold: AssetRecord

    /// A new user with the role `role` and no wallets.
    func user(_ username: String, role: Role = .user) async throws -> Initiator {
        let profile = try UserProfile(
            username: username, name: username.capitalized, email: "\(username)@example.com", phone: "081234567890",
            nik: nil)
        let record = try await accounts.createUser(profile, passwordHash: "not-a-real-hash", role: role)
        return Initiator(userID: record.id, role: role)
    }

    /// A new wallet of `owner` in `asset` ("IDR" or "GOLD").
    func wallet(_ owner: Initiator, _ asset: String = "IDR", label: String? = nil) async throws -> WalletRecord {
        try await ledger.createWallet(owner: owner.userID, assetCode: asset, label: label, by: owner)
    }

    /// Tops `wallet` up by `amount` as the operator, with a fresh key.
    @discardableResult
    func fund(_ wallet: WalletRecord, _ amount: Int64) async throws -> LedgerReceipt {
        try await ledger.topUp(
            MoneyRequest(walletID: wallet.id, amount: amount, idempotencyKey: "fund-\(UUID())"), by: gateway)
    }

    /// The wallet as stored now.
    func reload(_ wallet: WalletRecord) async throws -> WalletRecord {
        guard let current = try await ledger.wallet(wallet.id) else { throw FixtureError.missing(wallet.id) }
        return current
    }

    /// Everything written so far (``Footprint``), to prove that a failed operation wrote nothing.
    func footprint() async throws -> Footprint { try await Footprint.of(pool) }

    enum FixtureError: Error { case missing(UUID) }
}

/// Runs `body` with a fresh ``LedgerFixture`` on `engine`. `connections` sizes the pool (PostgreSQL) or the
/// readers (SQLite).
func withLedger(
    _ engine: Engine, configuration: LedgerConfiguration = LedgerConfiguration(allowSelfTopUp: true, systemShards: 4), connections: Int = 4,
    clock: LedgerClock = .system, _ body: (LedgerFixture) async throws -> Void
) async throws {
    try await withDatabase(engine, readers: connections) { pool, _ in
        try await MigrationRunner(pool: pool, migrations: Migration.embedded(engine.dialect)).migrate()
        let ledger = Ledger(pool: pool, configuration: configuration, clock: clock)
        let accounts = Accounts(pool: pool, clock: clock)
        let adminRecord = try await accounts.createUser(
            UserProfile(username: "root", name: "Root", email: "root@example.com", phone: "081200000001", nik: nil),
            passwordHash: "x", role: .admin)
        let operatorRecord = try await accounts.createUser(
            UserProfile(username: "gateway", name: "Gateway", email: "gw@example.com", phone: "081200000002", nik: nil),
            passwordHash: "x", role: .operator)
        let admin = Initiator(userID: adminRecord.id, role: .admin)
        let idr = try await ledger.createAsset(code: "IDR", name: "Rupiah", scale: 0, by: admin)
        let gold = try await ledger.createAsset(code: "GOLD", name: "Gold", scale: 4, by: admin)
        try await body(
            LedgerFixture(
                engine: engine, pool: pool, ledger: ledger, accounts: accounts, admin: admin,
                gateway: Initiator(userID: operatorRecord.id, role: .operator), idr: idr, gold: gold))
    }
}
