import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Times to the microsecond, equal after a round trip through either database.
@Suite struct LedgerClockTests {
    /// A moment with digits below the microsecond.
    static let moment = Date(timeIntervalSinceReferenceDate: 800_000_000.123_456_789)

    @Test(arguments: [
        moment, Date(timeIntervalSinceReferenceDate: -12_345.000_000_4), Date(timeIntervalSinceReferenceDate: 0.000_000_6),
        Date(timeIntervalSince1970: 1_900_000_000.999_999_9),
    ])
    func nowIsWholeMicrosecondsWithinHalfAMicrosecond(date: Date) {
        let now = LedgerClock { date }.now()
        let micros = now.timeIntervalSinceReferenceDate * 1_000_000
        #expect(micros == micros.rounded())
        #expect(abs(now.timeIntervalSince(date)) <= 0.000_000_5 + 1e-9)
        #expect(LedgerClock { now }.now() == now)
    }

    @Test func theSystemClockIsWholeMicroseconds() {
        let micros = LedgerClock.system.now().timeIntervalSinceReferenceDate * 1_000_000
        #expect(micros == micros.rounded())
    }

    @Test(arguments: Engine.all)
    func timesRoundTripThroughTheDatabaseUnchanged(engine: Engine) async throws {
        let clock = LedgerClock { Self.moment }
        try await withLedger(engine, clock: clock) { f in
            let expected = clock.now()
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            #expect(a.createdAt == expected)
            let receipt = try await f.fund(a, 10)
            #expect(receipt.transaction.createdAt == expected)
            let stored = try #require(try await f.ledger.transaction(receipt.transaction.id))
            #expect(stored.transaction.createdAt == expected && stored.transaction.updatedAt == expected)
            #expect(stored.entries.allSatisfy { $0.createdAt == expected })
            let wallet = try await f.reload(a)
            #expect(wallet.createdAt == expected && wallet.updatedAt == expected)
            #expect(try await f.accounts.user(alice.userID)?.createdAt == expected)
            #expect(try await f.ledger.asset(code: "IDR")?.createdAt == expected)
        }
    }
}
