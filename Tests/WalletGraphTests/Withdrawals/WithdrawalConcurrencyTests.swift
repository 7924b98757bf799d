import DatabaseTestSupport
import Foundation
import SQLDriver
import Testing

import WalletGraph

/// Many withdrawals and outcomes at once. The ledger runs with `retry: .none`, so a deadlock or serialization
/// failure would surface as LEDGER_BUSY instead of being retried away: these tests also prove none happened.
/// On PostgreSQL this is the real test of the user-row lock; SQLite serialises writers anyway.
@Suite struct WithdrawalConcurrencyTests {
    /// The code of a failed call, or "ok".
    static func outcome<T: Sendable>(_ body: () async throws -> T) async -> String {
        do {
            _ = try await body()
            return "ok"
        } catch let error as DomainError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    /// 20 withdrawals from two of one user's wallets that together exceed the daily limit: exactly the ones
    /// that fit pass, the others are DAILY_LIMIT_EXCEEDED. (limit, amount): a small limit and the default one.
    @Test(arguments: Engine.all, [(Int64(100_000), Int64(15_000)), (Int64(100_000_000), Int64(9_000_000))])
    func parallelWithdrawalsFromTwoWalletsCannotPassTheDailyLimitTogether(engine: Engine, limits: (Int64, Int64)) async throws {
        let (limit, amount) = limits
        let calls = 20
        let fits = Int(limit / amount)
        try await withWithdrawals(engine, policy: WithdrawalPolicy(dailyLimit: limit), retry: .none, connections: 20) { f in
            let alice = try await f.user("alice")
            let wallets = [try await f.wallet(alice), try await f.wallet(alice)]
            for wallet in wallets { try await f.fund(wallet, (amount + 6_500) * Int64(calls)) }
            _ = try await f.addMethod(alice)
            let outcomes = try await concurrently(calls) { index in
                await Self.outcome { try await f.withdraw(wallets[index % 2], amount, by: alice, key: "w\(index)") }
            }
            #expect(outcomes.filter { $0 == "ok" }.count == fits, "\(outcomes)")
            #expect(outcomes.filter { $0 == "DAILY_LIMIT_EXCEEDED" }.count == calls - fits, "\(outcomes)")
            let withdrawn = try await f.scalar("SELECT CAST(coalesce(sum(amount), 0) AS bigint) FROM disbursements")
            #expect(withdrawn == Int64(fits) * amount && withdrawn <= limit)
            var debited: Int64 = 0
            for wallet in wallets { debited += (amount + 6_500) * Int64(calls) - (try await f.reload(wallet).balance) }
            #expect(debited == Int64(fits) * (amount + 6_500))
            try await f.expectSound()
        }
    }

    /// 20 withdrawals from one wallet that together exceed its balance: exactly floor(balance / (amount + fee))
    /// pass, the others are INSUFFICIENT_BALANCE, and the balance never goes below zero.
    @Test(arguments: Engine.all)
    func parallelWithdrawalsCannotOverdrawAWallet(engine: Engine) async throws {
        try await withWithdrawals(engine, retry: .none, connections: 20) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            let balance: Int64 = 100_000
            try await f.fund(wallet, balance)
            _ = try await f.addMethod(alice)
            let outcomes = try await concurrently(20) { index in
                await Self.outcome { try await f.withdraw(wallet, 10_000, by: alice, key: "w\(index)") }
            }
            let fits = Int(balance / 16_500)
            #expect(outcomes.filter { $0 == "ok" }.count == fits, "\(outcomes)")
            #expect(outcomes.filter { $0 == "INSUFFICIENT_BALANCE" }.count == 20 - fits, "\(outcomes)")
            #expect(try await f.reload(wallet).balance == balance - Int64(fits) * 16_500)
            #expect(try await f.disbursementCount() == Int64(fits))
            try await f.expectSound()
        }
    }

    /// The same key sent 10 times at once: one withdrawal, every caller gets it.
    @Test(arguments: Engine.all)
    func parallelRepeatsOfOneKeyHoldOnce(engine: Engine) async throws {
        try await withWithdrawals(engine, retry: .none, connections: 10) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 100_000)
            _ = try await f.addMethod(alice)
            let results = try await concurrently(10) { _ in try await f.withdraw(wallet, 10_000, by: alice, key: "same") }
            #expect(Set(results.map(\.disbursement.id)).count == 1)
            #expect(results.filter { !$0.receipt.replayed }.count == 1)
            #expect(try await f.disbursementCount() == 1)
            #expect(try await f.reload(wallet).balance == 83_500)
            try await f.expectSound()
        }
    }

    /// Complete and fail racing on each of 10 PROCESSING withdrawals: exactly one wins each race, the loser gets
    /// INVALID_STATE_TRANSITION, and each withdrawal has exactly one outcome transaction.
    @Test(arguments: Engine.all)
    func completeAndFailRacingOnOneWithdrawalResolveItOnce(engine: Engine) async throws {
        try await withWithdrawals(engine, retry: .none, connections: 12) { f in
            let alice = try await f.user("alice")
            let wallet = try await f.wallet(alice)
            try await f.fund(wallet, 10_000_000)
            _ = try await f.addMethod(alice)
            var held: [DisbursementRecord] = []
            for _ in 0..<10 {
                let disbursement = try await f.withdraw(wallet, 10_000, by: alice).disbursement
                _ = try await f.ledger.processDisbursement(referenceID: disbursement.referenceID, by: f.gateway)
                held.append(disbursement)
            }
            let transactionsBefore = try await f.footprint().transactions
            let list = held
            let outcomes = try await concurrently(list.count * 4) { index in
                let reference = list[index / 4].referenceID
                switch index % 4 {
                case 0, 2: return await Self.outcome { try await f.ledger.completeDisbursement(referenceID: reference, by: f.gateway) }
                default: return await Self.outcome { try await f.ledger.failDisbursement(referenceID: reference, reason: "race", by: f.admin) }
                }
            }
            var completed = 0
            for (index, disbursement) in list.enumerated() {
                let mine = Array(outcomes[(index * 4)..<(index * 4 + 4)])
                let stored = try await f.stored(disbursement)
                // Repeats of the winner answer the row; the other transition is illegal.
                if stored.status == "COMPLETED" {
                    completed += 1
                    #expect(mine == ["ok", "INVALID_STATE_TRANSITION", "ok", "INVALID_STATE_TRANSITION"], "\(mine)")
                    #expect(stored.settlementTransactionId != nil && stored.refundTransactionId == nil)
                } else {
                    #expect(stored.status == "FAILED")
                    #expect(mine == ["INVALID_STATE_TRANSITION", "ok", "INVALID_STATE_TRANSITION", "ok"], "\(mine)")
                    #expect(stored.settlementTransactionId == nil && stored.refundTransactionId != nil)
                }
            }
            #expect(try await f.footprint().transactions == transactionsBefore + 10)
            #expect(try await f.reload(wallet).balance == 10_000_000 - Int64(completed) * 16_500)
            #expect(try await f.systemBalance(.payoutClearing) == 0)
            try await f.expectSound()
        }
    }

    /// Withdrawals, outcomes, transfers and top-ups on the same wallets and shards at once: no deadlock.
    @Test(arguments: Engine.all)
    func withdrawalsMixedWithOtherOperationsDoNotDeadlock(engine: Engine) async throws {
        try await withWithdrawals(engine, retry: .none, connections: 16) { f in
            var users: [Initiator] = []
            var wallets: [WalletRecord] = []
            for index in 0..<4 {
                let user = try await f.user("user\(index)")
                users.append(user)
                let wallet = try await f.wallet(user)
                try await f.fund(wallet, 10_000_000)
                wallets.append(wallet)
                _ = try await f.addMethod(user)
            }
            var references: [String] = []
            for index in 0..<8 {
                let disbursement = try await f.withdraw(wallets[index % 4], 10_000, by: users[index % 4]).disbursement
                if index % 2 == 0 { _ = try await f.ledger.processDisbursement(referenceID: disbursement.referenceID, by: f.gateway) }
                references.append(disbursement.referenceID)
            }
            let (userList, walletList, referenceList) = (users, wallets, references)
            let outcomes = try await concurrently(40) { index in
                let owner = index % 4
                switch index % 5 {
                case 0:
                    return await Self.outcome { try await f.withdraw(walletList[owner], 10_000, by: userList[owner]) }
                case 1:
                    let reference = referenceList[index % 8]
                    return await Self.outcome {
                        index % 2 == 0
                            ? try await f.ledger.completeDisbursement(referenceID: reference, by: f.gateway)
                            : try await f.ledger.failDisbursement(referenceID: reference, reason: "mixed", by: f.gateway)
                    }
                case 2:
                    return await Self.outcome {
                        try await f.ledger.transfer(
                            TransferRequest(
                                fromWalletID: walletList[owner].id, destination: .wallet(walletList[(owner + 1) % 4].id),
                                amount: 100, idempotencyKey: "t\(index)"),
                            by: userList[owner])
                    }
                case 3:
                    return await Self.outcome { try await f.fund(walletList[owner], 1_000) }
                default:
                    return await Self.outcome { try await f.ledger.sweepExpiredDisbursements() }
                }
            }
            let allowed: Set<String> = ["ok", "INVALID_STATE_TRANSITION"]
            #expect(outcomes.allSatisfy(allowed.contains), "\(outcomes)")
            try await f.expectSound()
        }
    }
}
