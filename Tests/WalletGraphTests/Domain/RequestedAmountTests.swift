import DatabaseTestSupport
import Foundation
import Testing

@testable import WalletGraph

/// A client's decimal amount: only its syntax is judged before the key lookup; the scale decides the rest inside
/// the ledger, and the fingerprint sees minor units so that two spellings of one amount are one request.
@Suite struct RequestedAmountTests {
    @Test(arguments: ["0", "-0", "0.000", "-5", "-0.01", "abc", "1e3", "", "1.", ".5", "--1", "1.2.3"])
    func syntaxRefusesZeroNegativeAndNonDecimals(text: String) {
        #expect(throws: DomainError.self) { try RequestedAmount.decimal(text).checkSyntax() }
    }

    @Test(arguments: ["1", "0.0001", "99999999999999999999999999", "1.123456789", "007"])
    func syntaxAcceptsPositiveDecimalsWhateverTheirSize(text: String) throws {
        try RequestedAmount.decimal(text).checkSyntax()
    }

    @Test func minorUnitsDependOnTheScale() throws {
        #expect(try RequestedAmount.decimal("12.5").minorUnits(scale: 4) == 125_000)
        #expect(try RequestedAmount.decimal("1000").minorUnits(scale: 0) == 1000)
        for (text, scale) in [("12.5", 0), ("9223372036854775808", 0), ("922337203685477.5808", 4), ("0.00", 2)] {
            let error = #expect(throws: DomainError.self) { try RequestedAmount.decimal(text).minorUnits(scale: scale) }
            #expect(error?.code == .invalidAmount && error?.field == ["amount"], "\(text) at \(scale)")
        }
    }

    @Test func fingerprintTextIsMinorUnitsWhenTheyAreKnownAndTheTextOtherwise() {
        #expect(RequestedAmount.decimal("10").fingerprintText(scale: 4) == "100000")
        #expect(RequestedAmount.decimal("10.0000").fingerprintText(scale: 4) == "100000")
        #expect(RequestedAmount.minorUnits(100_000).fingerprintText(scale: nil) == "100000")
        #expect(RequestedAmount.decimal("10.5").fingerprintText(scale: 0) == "10.5")
        #expect(RequestedAmount.decimal("10").fingerprintText(scale: nil) == "10")
    }

    @Test(arguments: Engine.all)
    func twoSpellingsOfOneAmountAreOneRequestAndAnotherAmountConflicts(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let gold = try await f.wallet(alice, "GOLD")
            let first = try await f.ledger.topUp(
                MoneyRequest(walletID: gold.id, amount: .decimal("2.5"), idempotencyKey: "g"), by: f.gateway)
            #expect(first.transaction.amount == 25_000)
            let again = try await f.ledger.topUp(
                MoneyRequest(walletID: gold.id, amount: .decimal("2.5000"), idempotencyKey: "g"), by: f.gateway)
            #expect(again.replayed && again.transaction.id == first.transaction.id)
            let minor = try await f.ledger.topUp(
                MoneyRequest(walletID: gold.id, amount: 25_000, idempotencyKey: "g"), by: f.gateway)
            #expect(minor.replayed && minor.transaction.id == first.transaction.id)
            // Over the scale, with the used key: the key answers first.
            await #expect(throws: DomainError.self) {
                do {
                    _ = try await f.ledger.topUp(
                        MoneyRequest(walletID: gold.id, amount: .decimal("2.50001"), idempotencyKey: "g"), by: f.gateway)
                } catch let error as DomainError {
                    #expect(error.code == .idempotencyConflict && error.differingFields == ["amount"])
                    throw error
                }
            }
            // With a fresh key the same text is INVALID_AMOUNT, and nothing is stored.
            await #expect(throws: DomainError.self) {
                do {
                    _ = try await f.ledger.topUp(
                        MoneyRequest(walletID: gold.id, amount: .decimal("2.50001"), idempotencyKey: "h"), by: f.gateway)
                } catch let error as DomainError {
                    #expect(error.code == .invalidAmount)
                    throw error
                }
            }
        }
    }
}
