import Foundation
import SQLDriver
import WalletGraph

/// The demo data of seed 001: alice, bob and charlie, the assets IDR (scale 0) and GOLD (scale 4, grams to a
/// ten-thousandth), a wallet of each asset per user, and starting balances made by real top-ups from an operator
/// account, so that the ledger reconciles.
///
/// Every step looks before it writes and every top-up has a fixed idempotency key under the same operator, so
/// seeding twice changes nothing.
public enum DemoSeed {
    /// A demo user and its starting balances in minor units.
    public struct DemoUser: Sendable {
        public let username: String
        public let password: String
        public let name: String
        public let email: String
        public let phone: String
        public let balances: [String: Int64]
    }

    /// The demo users; their passwords are the seed's and are printed in development.
    public static let users = [
        DemoUser(
            username: "alice", password: "password123", name: "Alice Wijaya", email: "alice@example.com",
            phone: "081200000001", balances: ["IDR": 1_000_000, "GOLD": 100_000]),
        DemoUser(
            username: "bob", password: "password456", name: "Bob Santoso", email: "bob@example.com",
            phone: "081200000002", balances: ["IDR": 500_000, "GOLD": 50_000]),
        DemoUser(
            username: "charlie", password: "password789", name: "Charlie Hartono", email: "charlie@example.com",
            phone: "081200000003", balances: ["IDR": 250_000, "GOLD": 25_000]),
    ]

    /// The demo assets: code, name, scale.
    public static let assets: [(code: String, name: String, scale: Int)] = [
        ("IDR", "Indonesian Rupiah", 0),
        ("GOLD", "Gold (grams)", 4),
    ]

    /// The operator whose top-ups make the starting balances; its password is random and never shown.
    public static let operatorUsername = "seed.operator"

    /// What a run did.
    public struct Summary: Sendable, CustomStringConvertible {
        public var usersCreated = 0
        public var walletsCreated = 0
        public var topUpsPosted = 0
        public var topUpsReplayed = 0

        public var description: String {
            "users created: \(usersCreated), wallets created: \(walletsCreated), top-ups posted: \(topUpsPosted)"
                + ", already present: \(topUpsReplayed)"
        }
    }

    /// Seeds (or completes) the demo data.
    public static func run(services: APIServices) async throws -> Summary {
        var summary = Summary()
        for asset in assets {
            let record = try await services.ledger.ensureAsset(code: asset.code, name: asset.name, scale: asset.scale)
            services.assets.remember(record)
        }
        let operatorID = try await ensureUser(
            username: operatorUsername, password: AdminAccount.randomPassword(), name: "Demo top-up operator",
            email: "seed.operator@walletgraph.invalid", phone: "081200000000", role: .operator, services: services,
            summary: &summary)
        let initiator = Initiator(userID: operatorID, role: .operator)
        for user in users {
            let userID = try await ensureUser(
                username: user.username, password: user.password, name: user.name, email: user.email, phone: user.phone,
                role: .user, services: services, summary: &summary)
            let owner = Initiator(userID: userID, role: .user)
            var wallets = try await services.ledger.wallets(owner: userID)
            for asset in assets {
                guard let record = try await services.ledger.asset(code: asset.code) else { continue }
                if !wallets.contains(where: { $0.assetID == record.id }) {
                    let wallet = try await services.ledger.createWallet(
                        owner: userID, assetCode: asset.code, label: "\(asset.code) wallet", by: owner)
                    wallets.append(wallet)
                    summary.walletsCreated += 1
                }
                // The oldest wallet of the asset, so that a re-run sends each key to the same wallet.
                guard let wallet = wallets.first(where: { $0.assetID == record.id }), let amount = user.balances[asset.code]
                else { continue }
                let receipt = try await services.ledger.topUp(
                    MoneyRequest(
                        walletID: wallet.id, amount: amount, idempotencyKey: "seed-001-\(user.username)-\(asset.code)",
                        description: "Demo starting balance"),
                    by: initiator)
                if receipt.replayed { summary.topUpsReplayed += 1 } else { summary.topUpsPosted += 1 }
            }
        }
        return summary
    }

    private static func ensureUser(
        username: String, password: String, name: String, email: String, phone: String, role: Role,
        services: APIServices, summary: inout Summary
    ) async throws -> UUID {
        if let existing = try await services.accounts.storedLogin(username: username) { return existing.id }
        let profile = try UserProfile(username: username, name: name, email: email, phone: phone, nik: nil)
        let user = try await services.accounts.createUser(
            profile, passwordHash: try await services.passwords.hash(password), role: role)
        summary.usersCreated += 1
        return user.id
    }
}
