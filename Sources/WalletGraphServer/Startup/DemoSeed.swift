import Foundation
import SQLDriver
import SQLSupport
import WalletGraph

/// The demo data of seed 001: alice, bob and charlie, the assets IDR (scale 0) and GOLD (scale 4, grams to a
/// ten-thousandth), a wallet of each asset per user, and starting balances made by real top-ups from an operator
/// account, so that the ledger reconciles.
///
/// Every step looks before it writes and every top-up has a fixed idempotency key under the same operator, so
/// seeding twice changes nothing.
///
/// The seed marks the accounts it creates: their ids are derived from their usernames (``accountID(_:)``), which
/// no sign-up can produce (those are UUIDv7 from the clock). An account of the same name that someone else
/// registered is left alone, never credited, and reported as skipped; if that is the seed's operator, the seed
/// refuses to run.
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
        /// Demo usernames held by accounts the seed did not create: not credited.
        public var skipped: [String] = []

        public var description: String {
            var text = "users created: \(usersCreated), wallets created: \(walletsCreated), top-ups posted: \(topUpsPosted)"
                + ", already present: \(topUpsReplayed)"
            if !skipped.isEmpty {
                text += "; skipped, registered by someone else and not credited: \(skipped.joined(separator: ", "))"
            }
            return text
        }
    }

    /// The seed's account was registered by someone else.
    public struct OperatorTaken: Error, CustomStringConvertible {
        public var description: String {
            "the username \(DemoSeed.operatorUsername) belongs to an account the seed did not create; the seed tops up "
                + "through that account, so it does not run. Rename or remove that account first."
        }
    }

    /// The id the seed gives the account `username`: the first 16 bytes of a SHA-256 of the name, as an RFC 9562
    /// version 8 UUID.
    public static func accountID(_ username: String) -> UUID {
        let digest = Array(SHA256.hex(Array("walletgraph demo seed 001 account \(username)".utf8)))
        var bytes = stride(from: 0, to: 32, by: 2).map { UInt8(String(digest[$0...$0 + 1]), radix: 16) ?? 0 }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        guard let id = UUID(uuidString: parts.joined(separator: "-")) else {
            preconditionFailure("32 hex digits in the 8-4-4-4-12 form did not parse as a UUID")
        }
        return id
    }

    /// Seeds (or completes) the demo data.
    public static func run(services: APIServices) async throws -> Summary {
        var summary = Summary()
        for asset in assets {
            let record = try await services.ledger.ensureAsset(code: asset.code, name: asset.name, scale: asset.scale)
            services.assets.remember(record)
        }
        guard
            let operatorID = try await ensureUser(
                username: operatorUsername, password: AdminAccount.randomPassword(), name: "Demo top-up operator",
                email: "seed.operator@walletgraph.invalid", phone: "081200000000", role: .operator, services: services,
                summary: &summary)
        else { throw OperatorTaken() }
        let initiator = Initiator(userID: operatorID, role: .operator)
        for user in users {
            guard
                let userID = try await ensureUser(
                    username: user.username, password: user.password, name: user.name, email: user.email,
                    phone: user.phone, role: .user, services: services, summary: &summary)
            else { continue }
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

    /// The seed's account `username`, created if missing; nil (and reported) when someone else holds the name.
    private static func ensureUser(
        username: String, password: String, name: String, email: String, phone: String, role: Role,
        services: APIServices, summary: inout Summary
    ) async throws -> UUID? {
        let id = accountID(username)
        if let existing = try await services.accounts.storedLogin(username: username) {
            guard existing.id == id else {
                summary.skipped.append(username)
                return nil
            }
            return existing.id
        }
        let profile = try UserProfile(username: username, name: name, email: email, phone: phone, nik: nil)
        let user = try await services.accounts.createUser(
            profile, passwordHash: try await services.passwords.hash(password), role: role, id: id)
        summary.usersCreated += 1
        return user.id
    }
}
