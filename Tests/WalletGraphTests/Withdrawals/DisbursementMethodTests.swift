import DatabaseTestSupport
import Foundation
import Testing
import WalletGraphQueries

import WalletGraph

/// A user's payout methods: exactly one default, soft removal, duplicates, the cap, and other users' methods
/// behaving as missing ones, on both engines.
@Suite struct DisbursementMethodTests {
    @Test(arguments: Engine.all)
    func theFirstMethodIsTheDefaultAndIsDefaultMovesIt(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T03:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let first = try await f.addMethod(alice, .bca, number: "123-456-7890")
            #expect(first.isDefault && first.userID == alice.userID && first.removedAt == nil)
            #expect(first.type == .bankTransfer && first.provider == .bca && first.bankCode == "014")
            #expect(first.accountNumber == "1234567890" && first.accountNumberMasked == "******7890")
            #expect(first.accountHolderName == "Budi Santoso")
            #expect(try await f.defaultMethodCount(alice) == 1)

            // A second one, not asked to be the default, is not.
            let second = try await f.addMethod(alice, .gopay, number: "0812 3456 7890")
            #expect(!second.isDefault && second.bankCode == nil && second.accountNumber == "+6281234567890")
            #expect(try await f.defaultMethodCount(alice) == 1)
            // A third with isDefault takes the default over.
            let third = try await f.addMethod(alice, .bni, isDefault: true)
            #expect(third.isDefault)
            #expect(try await f.defaultMethodCount(alice) == 1)
            let quote = try await f.ledger.quoteWithdrawal(
                walletID: try await f.wallet(alice).id, amount: 10_000, methodID: nil, by: alice)
            #expect(quote.method.id == third.id)

            // Setting the default moves it; setting it again changes nothing.
            let made = try await f.ledger.setDefaultDisbursementMethod(first.id, by: alice)
            #expect(made.isDefault && made.id == first.id)
            #expect(try await f.defaultMethodCount(alice) == 1)
            let before = try await f.footprint()
            let again = try await f.ledger.setDefaultDisbursementMethod(first.id, by: alice)
            #expect(again.isDefault && again.updatedAt == made.updatedAt)
            #expect(try await f.footprint() == before)

            // Another user's first method is their own default; alice's stays.
            let bob = try await f.user("bob")
            let bobs = try await f.addMethod(bob, .bca)
            #expect(bobs.isDefault)
            #expect(try await f.defaultMethodCount(alice) == 1)
            #expect(try await f.defaultMethodCount(bob) == 1)
        }
    }

    @Test(arguments: Engine.all)
    func theSameAccountTwiceIsMethodAlreadyExistsUntilItIsRemoved(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let method = try await f.addMethod(alice, .bca, number: "1234567890")
            // The same number in another form is the same account.
            for form in ["1234567890", "123 456 7890", "12-34-56-78-90"] {
                try await f.expectNothingWritten(.methodAlreadyExists, field: ["accountNumber"]) {
                    try await f.addMethod(alice, .bca, number: form)
                }
            }
            _ = try await f.addMethod(alice, .gopay, number: "081234567890")
            try await f.expectNothingWritten(.methodAlreadyExists, field: ["accountNumber"]) {
                try await f.addMethod(alice, .gopay, number: "+62 812-3456-7890")
            }
            // The same digits at another bank, or for another user, are another account.
            _ = try await f.addMethod(alice, .permata, number: "1234567890")
            let bob = try await f.user("bob")
            _ = try await f.addMethod(bob, .bca, number: "1234567890")
            // Removed, it can be added again, as a new method.
            let removed = try await f.ledger.removeDisbursementMethod(method.id, by: alice)
            let again = try await f.addMethod(alice, .bca, number: "1234567890")
            #expect(again.id != removed.id && again.removedAt == nil)
        }
    }

    @Test(arguments: Engine.all)
    func invalidMethodsWriteNothing(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            _ = try await f.addMethod(alice)
            func add(_ type: DisbursementType, _ provider: DisbursementProvider, _ number: String, _ holder: String = "Budi") async throws
                -> DisbursementMethodRecord
            {
                try await f.ledger.addDisbursementMethod(
                    NewDisbursementMethod(type: type, provider: provider, accountNumber: number, accountHolderName: holder), by: alice)
            }
            let mismatch = try await f.expectNothingWritten(.invalidInput, field: ["provider"]) {
                try await add(.bankTransfer, .gopay, "081234567890")
            }
            #expect(mismatch?.detail == "GOPAY is not a BANK_TRANSFER provider")
            try await f.expectNothingWritten(.invalidInput, field: ["provider"]) { try await add(.eWallet, .bca, "1234567890") }
            try await f.expectNothingWritten(.invalidAccountNumber, field: ["accountNumber"]) { try await add(.bankTransfer, .bca, "123456789") }
            try await f.expectNothingWritten(.invalidAccountNumber, field: ["accountNumber"]) { try await add(.bankTransfer, .bri, "1234567890") }
            try await f.expectNothingWritten(.invalidAccountNumber, field: ["accountNumber"]) { try await add(.eWallet, .ovo, "1234567890") }
            try await f.expectNothingWritten(.invalidInput, field: ["accountHolderName"]) { try await add(.bankTransfer, .bni, "1234567890", " ") }
            try await f.expectNothingWritten(.invalidInput, field: ["accountHolderName"]) { try await add(.bankTransfer, .bni, "1234567890", "R2D2") }
        }
    }

    @Test(arguments: Engine.all)
    func removalIsSoftAndPromotesTheNewestRemainingMethod(engine: Engine) async throws {
        let clock = ManualClock(ManualClock.utc("2026-11-21T03:00:00Z"))
        try await withWithdrawals(engine, clock: clock.ledgerClock) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 1_000_000)
            let oldest = try await f.addMethod(alice, .bca)
            let middle = try await f.addMethod(alice, .bni)
            let newest = try await f.addMethod(alice, .mandiri)
            _ = try await f.ledger.setDefaultDisbursementMethod(middle.id, by: alice)
            // A withdrawal to the method that is about to go.
            let held = try await f.withdraw(wallet, 20_000, by: alice, method: middle.id)

            let removed = try await f.ledger.removeDisbursementMethod(middle.id, by: alice)
            #expect(removed.id == middle.id && removed.removedAt != nil && !removed.isDefault)
            // The newest remaining one is the default now (not the oldest).
            let quote = try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: nil, by: alice)
            #expect(quote.method.id == newest.id && quote.method.isDefault)
            #expect(try await f.defaultMethodCount(alice) == 1)

            // Removing a method that is not the default leaves the default alone.
            _ = try await f.ledger.removeDisbursementMethod(oldest.id, by: alice)
            #expect(try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: nil, by: alice).method.id == newest.id)

            // A removed method is missing for every operation, but its row stays for the withdrawal's history.
            try await f.expectNothingWritten(.methodNotFound, field: ["id"]) { try await f.ledger.removeDisbursementMethod(middle.id, by: alice) }
            try await f.expectNothingWritten(.methodNotFound, field: ["id"]) {
                try await f.ledger.setDefaultDisbursementMethod(middle.id, by: alice)
            }
            try await f.expectNothingWritten(.methodNotFound, field: ["methodId"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice, method: middle.id)
            }
            await expectDomainError(.methodNotFound, field: ["methodId"]) {
                try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: middle.id, by: alice)
            }
            #expect(try await f.stored(held.disbursement).methodId == middle.id)
            #expect(try await f.scalar("SELECT count(*) FROM disbursement_methods WHERE removed_at IS NOT NULL") == 2)
            // The withdrawal to the removed method still completes.
            _ = try await f.ledger.processDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            let done = try await f.ledger.completeDisbursement(referenceID: held.disbursement.referenceID, by: f.gateway)
            #expect(done.status == .completed && done.methodID == middle.id)

            // Removing the last method leaves none, and no default.
            _ = try await f.ledger.removeDisbursementMethod(newest.id, by: alice)
            #expect(try await f.defaultMethodCount(alice) == 0)
            let none = try await f.expectNothingWritten(.methodNotFound, field: ["methodId"], wallets: [wallet]) {
                try await f.withdraw(wallet, 10_000, by: alice)
            }
            #expect(none?.detail == "no default disbursement method")
            // The next one added is the default again.
            #expect(try await f.addMethod(alice, .bsi).isDefault)
            try await f.expectSound()
        }
    }

    /// Another user's method behaves exactly as a missing one in every operation that takes a method id.
    @Test(arguments: Engine.all)
    func anotherUsersMethodIsMethodNotFoundEverywhere(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            let mallory = try await f.user("mallory")
            let alicesMethod = try await f.addMethod(alice, .bca)
            let alicesOther = try await f.addMethod(alice, .bni)
            _ = try await f.addMethod(mallory, .bri)
            let wallet = try await f.wallet(mallory)
            try await f.fund(wallet, 1_000_000)
            for id in [alicesMethod.id, alicesOther.id, UUID()] {
                try await f.expectNothingWritten(.methodNotFound, field: ["id"]) {
                    try await f.ledger.setDefaultDisbursementMethod(id, by: mallory)
                }
                try await f.expectNothingWritten(.methodNotFound, field: ["id"]) {
                    try await f.ledger.removeDisbursementMethod(id, by: mallory)
                }
                try await f.expectNothingWritten(.methodNotFound, field: ["methodId"], wallets: [wallet]) {
                    try await f.withdraw(wallet, 10_000, by: mallory, method: id)
                }
                await expectDomainError(.methodNotFound, field: ["methodId"]) {
                    try await f.ledger.quoteWithdrawal(walletID: wallet.id, amount: 10_000, methodID: id, by: mallory)
                }
            }
            // Not even an admin or operator reaches someone else's method through these.
            try await f.expectNothingWritten(.methodNotFound, field: ["id"]) {
                try await f.ledger.setDefaultDisbursementMethod(alicesOther.id, by: f.admin)
            }
            try await f.expectNothingWritten(.methodNotFound, field: ["id"]) {
                try await f.ledger.removeDisbursementMethod(alicesMethod.id, by: f.gateway)
            }
            // Alice's methods are as they were.
            let quote = try await f.ledger.quoteWithdrawal(
                walletID: try await f.wallet(alice).id, amount: 10_000, methodID: nil, by: alice)
            #expect(quote.method.id == alicesMethod.id)
        }
    }

    @Test(arguments: Engine.all)
    func aUserKeepsAtMostTwentyMethods(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            #expect(Ledger.maximumDisbursementMethods == 20)
            var methods: [DisbursementMethodRecord] = []
            for index in 0..<20 {
                methods.append(try await f.addMethod(alice, .bca, number: String(format: "12345678%02d", index)))
            }
            let error = try await f.expectNothingWritten(.invalidInput, field: .some(nil)) {
                try await f.addMethod(alice, .bni, number: "9999999999")
            }
            #expect(error?.detail == "at most 20 disbursement methods per user")
            // A duplicate is still reported as one, even at the cap.
            try await f.expectNothingWritten(.methodAlreadyExists, field: ["accountNumber"]) {
                try await f.addMethod(alice, .bca, number: "1234567800")
            }
            // Removed ones do not count.
            _ = try await f.ledger.removeDisbursementMethod(methods[3].id, by: alice)
            _ = try await f.addMethod(alice, .bni, number: "9999999999")
            #expect(try await f.defaultMethodCount(alice) == 1)
        }
    }

    /// Removed methods count toward a larger cap, so that adding and removing cannot grow the table without bound.
    @Test(arguments: Engine.all)
    func addingAndRemovingStopsAtTwoHundredRows(engine: Engine) async throws {
        try await withWithdrawals(engine) { f in
            let alice = try await f.user("alice")
            #expect(Ledger.maximumDisbursementMethodRows == 200)
            for index in 0..<199 {
                let method = try await f.addMethod(alice, .bca, number: String(format: "1234567%03d", index))
                _ = try await f.ledger.removeDisbursementMethod(method.id, by: alice)
            }
            let last = try await f.addMethod(alice, .bca, number: "9999999999")
            let error = try await f.expectNothingWritten(.invalidInput, field: .some(nil)) {
                try await f.addMethod(alice, .bni, number: "8888888888")
            }
            #expect(error?.detail == "at most 200 disbursement methods per user, removed ones included")
            #expect(last.isDefault)
            let counts = try await f.pool.withConnection { connection in
                (try await Queries(connection).countAllDisbursementMethods(userId: alice.userID),
                 try await Queries(connection).countAllDisbursementMethods(userId: UUID()))
            }
            #expect(counts.0 == 200 && counts.1 == 0)
        }
    }

    /// Method changes lock the user's row: concurrent adds with isDefault leave exactly one default.
    @Test(arguments: Engine.all)
    func concurrentDefaultsLeaveExactlyOne(engine: Engine) async throws {
        try await withWithdrawals(engine, connections: 8) { f in
            let alice = try await f.user("alice")
            let methods = try await concurrently(8) { index in
                try await f.addMethod(alice, .bca, number: "10000000\(10 + index)", isDefault: index % 2 == 0)
            }
            #expect(Set(methods.map(\.id)).count == 8)
            #expect(try await f.defaultMethodCount(alice) == 1)
            _ = try await concurrently(8) { index in
                index % 2 == 0
                    ? try await f.ledger.setDefaultDisbursementMethod(methods[index].id, by: alice)
                    : try await f.ledger.removeDisbursementMethod(methods[index].id, by: alice)
            }
            #expect(try await f.defaultMethodCount(alice) == 1)
        }
    }
}
