import DatabaseTestSupport
import Foundation
import SQLDriver
import WalletGraph
import WalletGraphQueries

extension LedgerFixture {
    /// The same users and assets on a new pool over the same database, as a restarted server would see them.
    func reopened(on pool: SQLPool, configuration: LedgerConfiguration, clock: LedgerClock = .system) -> LedgerFixture {
        LedgerFixture(
            engine: engine, pool: pool, ledger: Ledger(pool: pool, configuration: configuration, clock: clock),
            accounts: Accounts(pool: pool, clock: clock), admin: admin, gateway: gateway, idr: idr, gold: gold)
    }
}

/// Runs `before` with a fresh ``LedgerFixture``, closes its pool, opens a new pool and ``Ledger`` on the same
/// database (the SQLite file is reopened; PostgreSQL gets new connections to the same schema), migrates again
/// (a no-op) and runs `after` with it: a server restart between two requests.
func withRestartedLedger(
    _ engine: Engine, configuration: LedgerConfiguration = LedgerConfiguration(systemShards: 4),
    before: (LedgerFixture) async throws -> Void, after: (LedgerFixture) async throws -> Void
) async throws {
    let database = try await TestDatabase.make(engine)
    var open: SQLPool?
    do {
        let pool = try await database.pool(readers: 2)
        open = pool
        try await MigrationRunner(pool: pool, migrations: Migration.embedded(engine.dialect)).migrate()
        let accounts = Accounts(pool: pool)
        let admin = try await accounts.createUser(
            UserProfile(username: "root", name: "Root", email: "root@example.com", phone: "081200000001", nik: nil),
            passwordHash: "x", role: .admin)
        let gateway = try await accounts.createUser(
            UserProfile(username: "gateway", name: "Gateway", email: "gw@example.com", phone: "081200000002", nik: nil),
            passwordHash: "x", role: .operator)
        let ledger = Ledger(pool: pool, configuration: configuration)
        let adminInitiator = Initiator(userID: admin.id, role: .admin)
        let first = LedgerFixture(
            engine: engine, pool: pool, ledger: ledger, accounts: accounts, admin: adminInitiator,
            gateway: Initiator(userID: gateway.id, role: .operator),
            idr: try await ledger.createAsset(code: "IDR", name: "Rupiah", scale: 0, by: adminInitiator),
            gold: try await ledger.createAsset(code: "GOLD", name: "Gold", scale: 4, by: adminInitiator))
        try await before(first)
        await pool.close()
        open = nil

        let again = try await database.pool(readers: 2)
        open = again
        try await MigrationRunner(pool: again, migrations: Migration.embedded(engine.dialect)).migrate()
        try await after(first.reopened(on: again, configuration: configuration))
        await again.close()
        open = nil
    } catch {
        await open?.close()
        await database.drop()
        throw error
    }
    await database.drop()
}
