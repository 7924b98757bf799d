import Foundation
import SQLDriver
import WalletGraphQueries

/// Assets, wallets and their status: everything that is not a movement of money.
extension Ledger {
    /// A new asset and its system wallets (every ``SystemPurpose``, ``LedgerConfiguration/systemShards`` shards
    /// each). Admins only. The code is 2–16 characters of `A-Z`, `0-9` and `_`; the scale is 0–18.
    public func createAsset(code: String, name: String, scale: Int, by initiator: Initiator) async throws -> AssetRecord {
        try Authority.requireAdmin(initiator)
        let (code, name) = try Self.validatedAsset(code: code, name: name, scale: scale)
        return try await writeTransaction { queries in
            let now = clock.now()
            guard
                let row = try await queries.createAsset(
                    CreateAssetParams(id: UUIDv7.make(at: now), code: code, name: name, scale: Int32(scale), createdAt: now))
            else { throw DomainError(.assetCodeTaken, field: ["code"]) }
            try await createSystemWallets(asset: row.id, code: code, now: now, queries)
            return AssetRecord(id: row.id, code: row.code, name: row.name, scale: Int(row.scale), createdAt: row.createdAt)
        }
    }

    /// The asset with `code`, created with its system wallets when missing, and any missing system wallet added.
    /// For seeding and setup, not for users: it checks no authority.
    public func ensureAsset(code: String, name: String, scale: Int) async throws -> AssetRecord {
        let (code, name) = try Self.validatedAsset(code: code, name: name, scale: scale)
        return try await writeTransaction { queries in
            let now = clock.now()
            _ = try await queries.createAsset(
                CreateAssetParams(id: UUIDv7.make(at: now), code: code, name: name, scale: Int32(scale), createdAt: now))
            guard let row = try await queries.getAssetByCode(code: code) else { throw DomainError(.assetNotFound) }
            try await createSystemWallets(asset: row.id, code: code, now: now, queries)
            return AssetRecord(id: row.id, code: row.code, name: row.name, scale: Int(row.scale), createdAt: row.createdAt)
        }
    }

    /// The asset with `code`, or nil.
    public func asset(code: String) async throws -> AssetRecord? {
        guard Self.isAssetCode(code) else { return nil }
        return try await readSnapshot { queries in
            try await queries.getAssetByCode(code: code).map {
                AssetRecord(id: $0.id, code: $0.code, name: $0.name, scale: Int($0.scale), createdAt: $0.createdAt)
            }
        }
    }

    private func createSystemWallets(asset: UUID, code: String, now: Date, _ queries: Queries) async throws {
        for purpose in SystemPurpose.allCases {
            for shard in 0..<configuration.systemShards {
                try await queries.createSystemWallet(
                    CreateSystemWalletParams(
                        id: UUIDv7.make(at: now), assetId: asset, label: "\(code) \(purpose.rawValue) #\(shard)",
                        purpose: purpose.rawValue, shard: Int32(shard), allowNegative: purpose.allowsNegative, now: now))
            }
        }
    }

    /// Whether `code` is 2–16 characters of `A-Z`, `0-9` and `_`: the only codes an asset can have.
    static func isAssetCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return (2...16).contains(bytes.count) && bytes.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "_")
        }
    }

    static func validatedAsset(code: String, name: String, scale: Int) throws(DomainError) -> (String, String) {
        guard isAssetCode(code) else {
            throw DomainError(.invalidInput, field: ["code"], detail: "2 to 16 characters of A-Z, 0-9 and _")
        }
        let trimmed = name.trimmingWhitespace()
        guard (1...100).contains(trimmed.count) else {
            throw DomainError(.invalidInput, field: ["name"], detail: "1 to 100 characters")
        }
        guard (0...DecimalAmount.maximumScale).contains(scale) else {
            throw DomainError(.invalidInput, field: ["scale"], detail: "0 to \(DecimalAmount.maximumScale)")
        }
        return (code, trimmed)
    }

    /// A new wallet for `owner` in the asset `assetCode`. The owner's first wallet in an asset is its default.
    /// Users create their own wallets; admins may create one for anyone.
    public func createWallet(
        owner: UUID, assetCode: String, label: String?, by initiator: Initiator
    ) async throws -> WalletRecord {
        guard owner == initiator.userID || initiator.role == .admin else { throw DomainError(.forbidden) }
        let label = label?.trimmingWhitespace() ?? ""
        let assetCode = assetCode.uppercased()
        guard label.unicodeScalars.count <= 64, !label.unicodeScalars.contains(where: \.isControl) else {
            throw DomainError(.invalidInput, field: ["label"], detail: "at most 64 characters")
        }
        // A code no asset can have names none (and is never sent to the database: PostgreSQL refuses a NUL in text).
        guard Self.isAssetCode(assetCode) else { throw DomainError(.assetNotFound, field: ["assetCode"]) }
        return try await writeTransaction { queries in
            let now = clock.now()
            guard try await queries.lockUser(id: owner) != nil else { throw DomainError(.userNotFound) }
            guard let asset = try await queries.getAssetByCode(code: assetCode) else {
                throw DomainError(.assetNotFound, field: ["assetCode"])
            }
            // Under the owner's lock, so two concurrent requests cannot both take the last place.
            let active = try await queries.countActiveOwnerWallets(ownerId: owner) ?? 0
            guard active < Int64(configuration.maxWalletsPerUser) else { throw DomainError(.walletLimitReached) }
            let existing = try await queries.countOwnerWalletsForAsset(ownerId: owner, assetId: asset.id) ?? 0
            guard
                let row = try await queries.createWallet(
                    CreateWalletParams(
                        id: UUIDv7.make(at: now), ownerId: owner, assetId: asset.id,
                        label: label.isEmpty ? "\(asset.code) wallet" : label, isDefault: existing == 0, now: now))
            else { throw CorruptRow(description: "wallet insert returned nothing") }
            return try WalletRecord(row)
        }
    }

    /// Makes `walletID` its owner's default wallet in its asset. Only the owner may.
    public func setDefaultWallet(_ walletID: UUID, by initiator: Initiator) async throws -> WalletRecord {
        try await writeTransaction { queries in
            let now = clock.now()
            _ = try await queries.lockUser(id: initiator.userID)
            guard let row = try await queries.getWallet(id: walletID), row.kind == WalletKind.user.rawValue,
                row.ownerId == initiator.userID
            else { throw DomainError(.walletNotFound, field: ["walletId"]) }
            try await queries.clearDefaultWallet(
                ClearDefaultWalletParams(now: now, ownerId: initiator.userID, assetId: row.assetId, keepId: walletID))
            guard let marked = try await queries.markDefaultWallet(now: now, id: walletID) else {
                throw DomainError(.walletNotFound, field: ["walletId"])
            }
            return try WalletRecord(marked)
        }
    }

    /// Freezes a user wallet: no money moves in or out until it is unfrozen. Admins only.
    public func freezeWallet(_ walletID: UUID, by initiator: Initiator) async throws -> WalletRecord {
        try await setStatus(.frozen, walletID, by: initiator)
    }

    /// Unfreezes a user wallet. Admins only.
    public func unfreezeWallet(_ walletID: UUID, by initiator: Initiator) async throws -> WalletRecord {
        try await setStatus(.active, walletID, by: initiator)
    }

    private func setStatus(_ status: WalletStatus, _ walletID: UUID, by initiator: Initiator) async throws -> WalletRecord {
        try Authority.requireAdmin(initiator)
        let (wallet, changed) = try await writeTransaction { queries in
            let locked = try await lockedUserWallet(walletID, field: "walletId", queries)
            // Freezing a frozen wallet changes nothing and tells no one.
            guard locked.status != status else { return (locked, false) }
            let now = clock.now()
            guard let row = try await queries.setWalletStatus(status: status.rawValue, now: now, id: walletID) else {
                throw DomainError(.walletNotFound, field: ["walletId"])
            }
            let wallet = try WalletRecord(row)
            try await record([.walletStatus(wallet)], now: now, queries)
            return (wallet, true)
        }
        if changed { signal.notify() }
        return wallet
    }

    /// The wallet `id` as stored, or nil. No authority check: callers decide what the initiator may see.
    public func wallet(_ id: UUID) async throws -> WalletRecord? {
        try await readSnapshot { queries in try await queries.getWallet(id: id).map(WalletRecord.init) }
    }

    /// The wallets `owner` holds, oldest first.
    public func wallets(owner: UUID) async throws -> [WalletRecord] {
        try await readSnapshot { queries in try await queries.listWalletsByOwner(ownerId: owner).map(WalletRecord.init) }
    }

    /// The system wallets of an asset, by purpose and shard.
    public func systemWallets(asset: UUID) async throws -> [WalletRecord] {
        try await readSnapshot { queries in try await queries.listSystemWallets(assetId: asset).map(WalletRecord.init) }
    }

    /// The transaction `id` with its entries, or nil.
    public func transaction(_ id: UUID) async throws -> LedgerReceipt? {
        try await readSnapshot { queries in try await loadReceipt(id, queries) }
    }
}
