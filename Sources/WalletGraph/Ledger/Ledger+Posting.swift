import Foundation
import SQLDriver
import WalletGraphQueries

/// The shared path of every money operation: claim the key, plan under locks, write.
extension Ledger {
    /// What a posting writes besides its entries.
    struct PostingHeader {
        let type: TransactionType
        let status: TransactionStatus
        let amount: Int64
        let description: String?
    }

    /// Runs one money operation in one locked transaction. `plan` locks what it needs and returns the entries;
    /// it runs only when this request's key was not used before.
    func post(
        _ header: PostingHeader, request: IdempotentRequest, initiator: Initiator,
        plan: (Queries) async throws -> PostingPlan
    ) async throws -> LedgerReceipt {
        try await writeTransaction { queries in
            let now = clock.now()
            let transactionID = UUIDv7.make(at: now)
            if let earlier = try await claim(request, initiator: initiator, transactionID: transactionID, now: now, queries) {
                return earlier
            }
            let planned = try await plan(queries)
            return try await write(planned, header: header, id: transactionID, initiator: initiator, key: request.key, now: now, queries)
        }
    }

    /// Claims `request.key` for `transactionID`. Returns nil when the claim succeeded (the caller executes), or the
    /// stored result when the key was used before for the same request. A different request is a conflict.
    private func claim(
        _ request: IdempotentRequest, initiator: Initiator, transactionID: UUID, now: Date, _ queries: Queries
    ) async throws -> LedgerReceipt? {
        // `canonicalText` runs a JSONEncoder and `fingerprint` would run it again: encode once (ledger-bench
        // measured the encoder at about 5% of a transfer's client CPU).
        let canonicalText = request.canonicalText
        let fingerprint = SHA256.hex(canonicalText.utf8)
        let claimed = try await queries.claimIdempotencyKey(
            ClaimIdempotencyKeyParams(
                initiatorId: initiator.userID, key: request.key, operation: request.operation,
                request: canonicalText, fingerprint: fingerprint, transactionId: transactionID, now: now))
        if claimed != nil { return nil }
        guard let stored = try await queries.getIdempotencyKey(initiatorId: initiator.userID, key: request.key) else {
            // The claim conflicted with a committed row that a new READ COMMITTED statement must see; keys are
            // never deleted, so this cannot happen unless the table was changed by hand.
            throw CorruptRow(description: "idempotency key \(request.key) conflicted but is not visible")
        }
        guard stored.fingerprint == fingerprint else {
            let fields = request.differingFields(fromStored: stored.request)
            throw DomainError(
                .idempotencyConflict, field: ["idempotencyKey"], detail: "differs in: " + fields.joined(separator: ", "))
        }
        guard let receipt = try await loadReceipt(stored.transactionId, queries) else {
            throw CorruptRow(description: "idempotency key \(request.key) names a missing transaction")
        }
        return LedgerReceipt(transaction: receipt.transaction, entries: receipt.entries, replayed: true)
    }

    /// Writes the transaction and its entries, moving each wallet's cached balance and version in step.
    private func write(
        _ plan: PostingPlan, header: PostingHeader, id: UUID, initiator: Initiator, key: String, now: Date,
        _ queries: Queries
    ) async throws -> LedgerReceipt {
        try await queries.insertTransaction(
            InsertTransactionParams(
                id: id, type: header.type.rawValue, status: header.status.rawValue, assetId: plan.assetID,
                amount: header.amount, description: header.description, initiatorId: initiator.userID,
                idempotencyKey: key, now: now))
        var entries: [EntryRecord] = []
        entries.reserveCapacity(plan.entries.count)
        for (line, planned) in plan.entries.enumerated() {
            let applied = try await queries.applyWalletDelta(delta: planned.amount, now: now, id: planned.walletID)
            // The wallet is locked, so the database must agree with the plan; if not, write nothing.
            guard let applied, applied.balance == planned.balanceAfter, applied.version == planned.walletVersion else {
                throw CorruptRow(description: "wallet \(planned.walletID) moved while locked")
            }
            let entry = EntryRecord(
                id: UUIDv7.make(at: now), transactionID: id, line: line, walletID: planned.walletID,
                amount: planned.amount, balanceAfter: planned.balanceAfter, walletVersion: planned.walletVersion,
                createdAt: now)
            try await queries.insertLedgerEntry(
                InsertLedgerEntryParams(
                    id: entry.id, transactionId: id, line: Int32(line), walletId: entry.walletID, amount: entry.amount,
                    balanceAfter: entry.balanceAfter, walletVersion: entry.walletVersion, createdAt: now))
            entries.append(entry)
        }
        let transaction = TransactionRecord(
            id: id, type: header.type, status: header.status, assetID: plan.assetID, amount: header.amount,
            description: header.description, initiatorID: initiator.userID, idempotencyKey: key, createdAt: now,
            updatedAt: now)
        return LedgerReceipt(transaction: transaction, entries: entries, replayed: false)
    }

    /// A stored transaction with its entries in line order.
    func loadReceipt(_ id: UUID, _ queries: Queries) async throws -> LedgerReceipt? {
        guard let row = try await queries.getTransaction(id: id) else { return nil }
        let entries = try await queries.listEntriesForTransactions(transactionIds: [id]).map(EntryRecord.init)
        return LedgerReceipt(transaction: try TransactionRecord(row), entries: entries, replayed: false)
    }

    /// Locks the wallets `ids` (ascending id order; SQLite is already exclusive) and returns those that exist.
    func lockWallets(_ ids: [UUID], _ queries: Queries) async throws -> [UUID: WalletRecord] {
        var wallets: [UUID: WalletRecord] = [:]
        for row in try await queries.lockWallets(ids: ids) { wallets[row.id] = try WalletRecord(row) }
        return wallets
    }

    /// Locks a shard of the asset's system wallet for `purpose`: the first one no other transaction holds, or,
    /// when every shard is busy, a random one, waiting for it.
    func lockSystemWallet(asset: UUID, purpose: SystemPurpose, _ queries: Queries) async throws -> WalletRecord {
        if let free = try await queries.lockFreeSystemShard(assetId: asset, purpose: purpose.rawValue) {
            return try WalletRecord(free)
        }
        let shard = Int32.random(in: 0..<Int32(configuration.systemShards))
        if let row = try await queries.lockSystemShard(assetId: asset, purpose: purpose.rawValue, shard: shard) {
            return try WalletRecord(row)
        }
        if let row = try await queries.lockSystemShard(assetId: asset, purpose: purpose.rawValue, shard: 0) {
            return try WalletRecord(row)
        }
        throw CorruptRow(description: "asset \(asset) has no \(purpose.rawValue) system wallet")
    }
}
