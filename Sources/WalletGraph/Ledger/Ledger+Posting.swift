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
        /// Outbox events of the operation beyond the posting's own (a withdrawal's status), recorded after them.
        var events: [OutboxEvent] = []
    }

    /// What a plan closure may need to know about the transaction being written (e.g. to link a row to it).
    struct PostingContext {
        let transactionID: UUID
    }

    /// Runs one money operation in one locked transaction. `plan` locks what it needs (user wallets first, then
    /// system shards) and returns the entries; it runs only when this request's key was not used before. `request`
    /// is nil for operations with no client key (a system action such as a timeout); `initiator` is nil when no
    /// user asked. The transaction's time is read after `plan`, once every lock is held, so that a wallet's
    /// entries are in time order as well as in version order.
    func post(
        _ header: PostingHeader, request: IdempotentRequest?, initiator: Initiator?,
        plan: (Queries, PostingContext) async throws -> PostingPlan
    ) async throws -> LedgerReceipt {
        try await post(request: request, initiator: initiator) { queries, context in
            (header, try await plan(queries, context))
        }
    }

    /// ``post(_:request:initiator:plan:)`` for an operation whose header is known only under its locks (a
    /// withdrawal's settlement takes its amount from the locked withdrawal).
    func post(
        request: IdempotentRequest?, initiator: Initiator?,
        plan: (Queries, PostingContext) async throws -> (PostingHeader, PostingPlan)
    ) async throws -> LedgerReceipt {
        try await post(canonical: { _ in request }, initiator: initiator, plan: plan)
    }

    /// ``post(request:initiator:plan:)`` for a request whose canonical form needs the database: a client's decimal
    /// amount becomes minor units at its wallet's asset scale (``walletScale(_:_:)``). `canonical` runs first in
    /// the transaction (nil: no client key), and only the request's own syntax may have been checked before it:
    /// every rule about state (wallets, balances, limits, the amount against the asset) belongs in `plan`, after
    /// the key lookup, so that a retry of an executed request returns its result whatever has changed since.
    func post(
        canonical: (Queries) async throws -> IdempotentRequest?, initiator: Initiator?,
        plan: (Queries, PostingContext) async throws -> (PostingHeader, PostingPlan)
    ) async throws -> LedgerReceipt {
        let receipt: LedgerReceipt
        do {
            receipt = try await postOnce(canonical: canonical, initiator: initiator, plan: plan)
        } catch let error as DomainError where error.code == .idempotencyConflict {
            metrics.conflicted()
            throw error
        }
        if receipt.replayed {
            metrics.replayed()
        } else {
            metrics.posted(receipt.transaction.type)
            signal.notify()
        }
        return receipt
    }

    private func postOnce(
        canonical: (Queries) async throws -> IdempotentRequest?, initiator: Initiator?,
        plan: (Queries, PostingContext) async throws -> (PostingHeader, PostingPlan)
    ) async throws -> LedgerReceipt {
        try await writeTransaction { queries in
            let transactionID = UUIDv7.make(at: clock.now())
            let request = initiator == nil ? nil : try await canonical(queries)
            if let request, let initiator,
                let earlier = try await claim(request, initiator: initiator, transactionID: transactionID, queries)
            {
                return earlier
            }
            let (header, planned) = try await plan(queries, PostingContext(transactionID: transactionID))
            return try await write(
                planned, header: header, id: transactionID, initiator: initiator, key: request?.key, now: clock.now(),
                queries)
        }
    }

    /// Claims `request.key` for `transactionID`. Returns nil when the claim succeeded (the caller executes), or the
    /// stored result when the key was used before for the same request. A different request is a conflict.
    private func claim(
        _ request: IdempotentRequest, initiator: Initiator, transactionID: UUID, _ queries: Queries
    ) async throws -> LedgerReceipt? {
        // Build the canonical text once; `fingerprint` would build it again.
        let canonicalText = request.canonicalText
        let fingerprint = SHA256.hex(canonicalText.utf8)
        let claimed = try await queries.claimIdempotencyKey(
            ClaimIdempotencyKeyParams(
                initiatorId: initiator.userID, key: request.key, operation: request.operation,
                request: canonicalText, fingerprint: fingerprint, transactionId: transactionID, now: clock.now()))
        if claimed != nil { return nil }
        guard let stored = try await queries.getIdempotencyKey(initiatorId: initiator.userID, key: request.key) else {
            // The claim conflicted with a committed row that a new READ COMMITTED statement must see; keys are
            // never deleted, so this cannot happen unless the table was changed by hand.
            throw CorruptRow(description: "an idempotency key conflicted but is not visible")
        }
        guard stored.fingerprint == fingerprint else {
            throw DomainError(
                .idempotencyConflict, field: ["idempotencyKey"],
                differingFields: request.differingFields(fromStored: stored.request))
        }
        guard let receipt = try await loadReceipt(stored.transactionId, queries) else {
            throw CorruptRow(description: "an idempotency key names a missing transaction")
        }
        return LedgerReceipt(transaction: receipt.transaction, entries: receipt.entries, replayed: true)
    }

    /// Writes the transaction, its entries and its outbox events, moving each wallet's cached balance and version in
    /// step. Every write
    /// is deferred: on PostgreSQL they all travel with `COMMIT`, in one round trip (ADR 0007). Nothing here reads an
    /// answer; `PostLedgerEntry` fails the transaction if a wallet's row disagrees with the plan (it is locked, so
    /// that means a corrupt row), and every write's failure fails the `COMMIT`.
    private func write(
        _ plan: PostingPlan, header: PostingHeader, id: UUID, initiator: Initiator?, key: String?, now: Date,
        _ queries: Queries
    ) async throws -> LedgerReceipt {
        try await queries.insertTransaction(
            InsertTransactionParams(
                id: id, type: header.type.rawValue, status: header.status.rawValue, assetId: plan.assetID,
                amount: header.amount, description: header.description, initiatorId: initiator?.userID,
                idempotencyKey: key, now: now))
        var entries: [EntryRecord] = []
        entries.reserveCapacity(plan.entries.count)
        for (line, planned) in plan.entries.enumerated() {
            try await queries.applyWalletDelta(delta: planned.amount, now: now, id: planned.walletID)
            let entry = EntryRecord(
                id: UUIDv7.make(at: now), transactionID: id, line: line, walletID: planned.walletID,
                walletOwnerID: planned.walletOwnerID, amount: planned.amount, balanceAfter: planned.balanceAfter,
                walletVersion: planned.walletVersion, createdAt: now)
            try await queries.postLedgerEntry(
                PostLedgerEntryParams(
                    id: entry.id, transactionId: id, line: Int32(line), walletId: entry.walletID, amount: entry.amount,
                    balanceAfter: entry.balanceAfter, walletVersion: entry.walletVersion, createdAt: now))
            entries.append(entry)
        }
        try await record(OutboxEvent.posting(entries, transactionID: id) + header.events, now: now, queries)
        let transaction = TransactionRecord(
            id: id, type: header.type, status: header.status, assetID: plan.assetID, amount: header.amount,
            description: header.description, initiatorID: initiator?.userID, idempotencyKey: key, createdAt: now,
            updatedAt: now)
        return LedgerReceipt(transaction: transaction, entries: entries, replayed: false)
    }

    /// A stored transaction with its entries in line order.
    func loadReceipt(_ id: UUID, _ queries: Queries) async throws -> LedgerReceipt? {
        guard let row = try await queries.getTransaction(id: id) else { return nil }
        let entries = try await queries.listEntriesForTransactions(transactionIds: [id]).map {
            EntryRecord($0.ledgerEntry, walletOwnerID: $0.walletOwnerId)
        }
        return LedgerReceipt(transaction: try TransactionRecord(row), entries: entries, replayed: false)
    }

    /// The scale of the asset of wallet `id`, or nil when there is no such wallet. Read without a lock, before the
    /// key lookup: a wallet's asset and an asset's scale never change, so a wallet's scale is read once per process.
    func walletScale(_ id: UUID, _ queries: Queries) async throws -> Int? {
        if let known = walletScales.scale(of: id) { return known }
        guard let scale = try await queries.getWalletScale(id: id).map({ Int($0) }) else { return nil }
        walletScales.remember(scale, of: id)
        return scale
    }

    /// `amount` in minor units at `scale`, the scale ``walletScale(_:_:)`` found before the key lookup. A decimal
    /// amount with no scale means its wallet did not exist then: ``ErrorCode/walletNotFound`` at `field`.
    func minorUnits(_ amount: RequestedAmount, scale: Int?, wallet field: String) throws(DomainError) -> Int64 {
        if case .decimal = amount, scale == nil { throw DomainError(.walletNotFound, field: [field]) }
        return try amount.minorUnits(scale: scale ?? 0)
    }

    /// Locks the user wallets among `ids` (ascending id order; SQLite is already exclusive) and returns them.
    /// System wallet ids are ignored: a caller that passes one finds it missing.
    func lockUserWallets(_ ids: [UUID], _ queries: Queries) async throws -> [UUID: WalletRecord] {
        var wallets: [UUID: WalletRecord] = [:]
        for row in try await queries.lockUserWallets(ids: ids) { wallets[row.id] = try WalletRecord(row) }
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
