import Foundation
import WalletGraphQueries

/// A user's payout accounts. Each change locks the user's row, so that "exactly one default" holds under
/// concurrent requests.
extension Ledger {
    /// How many methods one user may keep at a time.
    public static let maximumDisbursementMethods = 20
    /// How many methods one user may ever have added, removed ones included.
    public static let maximumDisbursementMethodRows = 200

    /// Adds a payout account for the initiator. The first one, or one with `isDefault`, becomes the default.
    public func addDisbursementMethod(
        _ input: NewDisbursementMethod, by initiator: Initiator
    ) async throws -> DisbursementMethodRecord {
        guard input.provider.type == input.type else {
            throw DomainError(
                .invalidInput, field: ["provider"],
                detail: "\(input.provider.rawValue) is not a \(input.type.rawValue) provider")
        }
        let number = try AccountNumber.normalized(input.accountNumber, provider: input.provider)
        let holder = try AccountNumber.holderName(input.accountHolderName)
        return try await writeTransaction { queries in
            try await lockOwner(initiator, queries)
            if try await queries.findActiveDisbursementAccount(
                userId: initiator.userID, provider: input.provider.rawValue, accountNumber: number) != nil
            {
                throw DomainError(.methodAlreadyExists, field: ["accountNumber"])
            }
            let count = try await queries.countActiveDisbursementMethods(userId: initiator.userID) ?? 0
            guard count < Self.maximumDisbursementMethods else {
                throw DomainError(
                    .invalidInput, detail: "at most \(Self.maximumDisbursementMethods) disbursement methods per user")
            }
            let rows = try await queries.countAllDisbursementMethods(userId: initiator.userID) ?? 0
            guard rows < Self.maximumDisbursementMethodRows else {
                throw DomainError(
                    .invalidInput,
                    detail: "at most \(Self.maximumDisbursementMethodRows) disbursement methods per user, removed ones included")
            }
            let now = clock.now()
            let id = UUIDv7.make(at: now)
            let makeDefault = input.isDefault || count == 0
            if makeDefault {
                _ = try await queries.clearDefaultDisbursementMethod(now: now, userId: initiator.userID, keepId: id)
            }
            guard
                let row = try await queries.insertDisbursementMethod(
                    InsertDisbursementMethodParams(
                        id: id, userId: initiator.userID, type: input.type.rawValue, provider: input.provider.rawValue,
                        bankCode: input.provider.bankCode, accountNumber: number, accountHolderName: holder,
                        isDefault: makeDefault, now: now))
            else { throw CorruptRow(description: "an inserted disbursement method returned no row") }
            return try DisbursementMethodRecord(row)
        }
    }

    /// Makes one of the initiator's methods the default. Another user's method is ``ErrorCode/methodNotFound``.
    public func setDefaultDisbursementMethod(_ id: UUID, by initiator: Initiator) async throws -> DisbursementMethodRecord {
        try await writeTransaction { queries in
            try await lockOwner(initiator, queries)
            guard let method = try await queries.getActiveDisbursementMethod(id: id, userId: initiator.userID) else {
                throw DomainError(.methodNotFound, field: ["id"])
            }
            if method.isDefault { return try DisbursementMethodRecord(method) }
            let now = clock.now()
            _ = try await queries.clearDefaultDisbursementMethod(now: now, userId: initiator.userID, keepId: id)
            guard let row = try await queries.markDefaultDisbursementMethod(now: now, id: id) else {
                throw CorruptRow(description: "disbursement method \(id) vanished while its user was locked")
            }
            return try DisbursementMethodRecord(row)
        }
    }

    /// Removes one of the initiator's methods (softly: its withdrawals keep it). When it was the default, the
    /// newest remaining method becomes the default. Returns the removed method.
    public func removeDisbursementMethod(_ id: UUID, by initiator: Initiator) async throws -> DisbursementMethodRecord {
        try await writeTransaction { queries in
            try await lockOwner(initiator, queries)
            guard try await queries.getActiveDisbursementMethod(id: id, userId: initiator.userID) != nil else {
                throw DomainError(.methodNotFound, field: ["id"])
            }
            let now = clock.now()
            guard let removed = try await queries.removeDisbursementMethod(now: now, id: id) else {
                throw CorruptRow(description: "disbursement method \(id) vanished while its user was locked")
            }
            // The removed row is no longer the default; when it was, the newest remaining method takes over.
            if try await queries.getDefaultDisbursementMethod(userId: initiator.userID) == nil,
                let next = try await queries.newestActiveDisbursementMethod(userId: initiator.userID)
            {
                _ = try await queries.markDefaultDisbursementMethod(now: now, id: next.id)
            }
            return try DisbursementMethodRecord(removed)
        }
    }

    /// Locks the initiator's user row: it serialises that user's method changes and withdrawals.
    func lockOwner(_ initiator: Initiator, _ queries: Queries) async throws {
        guard try await queries.lockUser(id: initiator.userID) != nil else { throw DomainError(.userNotFound) }
    }
}
