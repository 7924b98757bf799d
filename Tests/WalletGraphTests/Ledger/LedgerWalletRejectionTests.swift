import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Requests naming a wallet the initiator may not use, of another asset, the same wallet twice, or a frozen
/// wallet leave no trace, on both engines.
@Suite struct LedgerWalletRejectionTests {
    @Test(arguments: Engine.all)
    func missingSystemAndForeignWalletsAreNotFound(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            try await f.fund(b, 1_000)
            let system = try #require(try await f.ledger.systemWallets(asset: f.idr.id).first { $0.purpose == .redemption })
            let touched = [a, b, system]
            let missing = UUID()
            func money(_ id: UUID) -> MoneyRequest { MoneyRequest(walletID: id, amount: 10, idempotencyKey: "k") }
            func transfer(_ from: UUID, _ to: PaymentDestination) -> TransferRequest {
                TransferRequest(fromWalletID: from, destination: to, amount: 10, idempotencyKey: "k")
            }

            for id in [missing, system.id] {
                try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                    try await f.ledger.topUp(money(id), by: f.gateway)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                    try await f.ledger.spend(money(id), by: alice)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                    try await f.ledger.grantBonus(money(id), by: f.admin)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["fromWalletId"], wallets: touched) {
                    try await f.ledger.transfer(transfer(id, .wallet(b.id)), by: alice)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["fromWalletId"], wallets: touched) {
                    try await f.ledger.transfer(transfer(id, .username("bob")), by: alice)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["toWalletId"], wallets: touched) {
                    try await f.ledger.transfer(transfer(a.id, .wallet(id)), by: alice)
                }
            }
            // Another user's wallet: as missing, for spending, transferring from, and a user's own top-up.
            try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                try await f.ledger.spend(money(b.id), by: alice)
            }
            try await f.expectNoTrace(.walletNotFound, field: ["fromWalletId"], wallets: touched) {
                try await f.ledger.transfer(transfer(b.id, .wallet(a.id)), by: alice)
            }
            try await f.expectNoTrace(.walletNotFound, field: ["fromWalletId"], wallets: touched) {
                try await f.ledger.transfer(transfer(b.id, .username("carol")), by: alice)
            }
            try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                try await f.ledger.topUp(money(b.id), by: alice)
            }
            // Not even an admin or operator spends or transfers out of someone else's wallet.
            for initiator in [f.admin, f.gateway] {
                try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: touched) {
                    try await f.ledger.spend(money(a.id), by: initiator)
                }
                try await f.expectNoTrace(.walletNotFound, field: ["fromWalletId"], wallets: touched) {
                    try await f.ledger.transfer(transfer(a.id, .wallet(b.id)), by: initiator)
                }
            }
            try await f.expectClean()
        }
    }

    @Test(arguments: Engine.all)
    func unknownUsernamesAndUsersWithoutAWalletInTheAssetAreNotFound(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let carol = try await f.user("carol")
            let a = try await f.wallet(alice)
            let carolGold = try await f.wallet(carol, "GOLD")
            try await f.fund(a, 1_000)
            for name in ["nobody", "carol", "", "root"] {
                try await f.expectNoTrace(.walletNotFound, field: ["toUsername"], wallets: [a, carolGold]) {
                    try await f.ledger.transfer(
                        TransferRequest(fromWalletID: a.id, destination: .username(name), amount: 10, idempotencyKey: "k"), by: alice)
                }
            }
        }
    }

    @Test(arguments: Engine.all)
    func walletsOfDifferentAssetsCannotTransfer(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let aGold = try await f.wallet(alice, "GOLD")
            let bGold = try await f.wallet(bob, "GOLD")
            try await f.fund(a, 1_000)
            // The payer's own wallet in another asset says so; another user's is not found, as a missing one.
            try await f.expectNoTrace(.assetMismatch, field: ["toWalletId"], wallets: [a, aGold, bGold]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(aGold.id), amount: 10, idempotencyKey: "k"), by: alice)
            }
            try await f.expectNoTrace(.walletNotFound, field: ["toWalletId"], wallets: [a, aGold, bGold]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(bGold.id), amount: 10, idempotencyKey: "k"), by: alice)
            }
            try await f.expectNoTrace(.assetMismatch, field: ["toWalletId"], wallets: [a, aGold, bGold]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(aGold.id), amount: 10, idempotencyKey: "k"), by: alice)
            }
        }
    }

    @Test(arguments: Engine.all)
    func aWalletCannotPayItself(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let a = try await f.wallet(alice)
            try await f.fund(a, 1_000)
            try await f.expectNoTrace(.sameWallet, field: ["toWalletId"], wallets: [a]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(a.id), amount: 10, idempotencyKey: "k"), by: alice)
            }
            try await f.expectNoTrace(.sameWallet, field: ["toUsername"], wallets: [a]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .username("ALICE"), amount: 10, idempotencyKey: "k"), by: alice)
            }
            // Paying oneself by username from a wallet that is not the default is a real transfer.
            let spare = try await f.wallet(alice, label: "Spare")
            try await f.fund(spare, 1)
            let receipt = try await f.ledger.transfer(
                TransferRequest(fromWalletID: spare.id, destination: .username("alice"), amount: 1, idempotencyKey: "k2"), by: alice)
            #expect(receipt.entries.map(\.walletID) == [spare.id, a.id])
        }
    }

    @Test(arguments: Engine.all)
    func frozenWalletsNeitherPayNorReceiveUntilUnfrozen(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let alice = try await f.user("alice")
            let bob = try await f.user("bob")
            let a = try await f.wallet(alice)
            let b = try await f.wallet(bob)
            try await f.fund(a, 1_000)
            try await f.fund(b, 1_000)
            let frozen = try await f.ledger.freezeWallet(a.id, by: f.admin)
            #expect(frozen.status == .frozen && frozen.balance == 1_000 && frozen.version == 1)
            #expect(try await f.reload(a).status == .frozen)
            func money(_ key: String) -> MoneyRequest { MoneyRequest(walletID: a.id, amount: 10, idempotencyKey: key) }

            // As the source.
            try await f.expectNoTrace(.walletFrozen, field: ["walletId"], wallets: [a, b]) {
                try await f.ledger.spend(money("s"), by: alice)
            }
            try await f.expectNoTrace(.walletFrozen, field: ["fromWalletId"], wallets: [a, b]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: a.id, destination: .wallet(b.id), amount: 10, idempotencyKey: "t"), by: alice)
            }
            // As the destination.
            try await f.expectNoTrace(.walletFrozen, field: ["walletId"], wallets: [a, b]) {
                try await f.ledger.topUp(money("u"), by: f.gateway)
            }
            try await f.expectNoTrace(.walletFrozen, field: ["walletId"], wallets: [a, b]) {
                try await f.ledger.grantBonus(money("g"), by: f.admin)
            }
            // Another user's frozen wallet is not found, so that a payer learns nothing about it.
            try await f.expectNoTrace(.walletNotFound, field: ["toWalletId"], wallets: [a, b]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: b.id, destination: .wallet(a.id), amount: 10, idempotencyKey: "t"), by: bob)
            }
            try await f.expectNoTrace(.walletNotFound, field: ["toUsername"], wallets: [a, b]) {
                try await f.ledger.transfer(
                    TransferRequest(fromWalletID: b.id, destination: .username("alice"), amount: 10, idempotencyKey: "n"), by: bob)
            }
            // Freezing twice is harmless; a system or missing wallet cannot be frozen.
            #expect(try await f.ledger.freezeWallet(a.id, by: f.admin).status == .frozen)
            let funding = try #require(try await f.ledger.systemWallets(asset: f.idr.id).first)
            try await f.expectNoTrace(.walletNotFound, field: ["walletId"], wallets: [funding]) {
                try await f.ledger.freezeWallet(funding.id, by: f.admin)
            }
            await expectDomainError(.walletNotFound, field: ["walletId"]) { try await f.ledger.unfreezeWallet(UUID(), by: f.admin) }

            let thawed = try await f.ledger.unfreezeWallet(a.id, by: f.admin)
            #expect(thawed.status == .active && thawed.balance == 1_000)
            // The keys of the rejected requests were not kept: the same keys now succeed.
            let spent = try await f.ledger.spend(money("s"), by: alice)
            #expect(!spent.replayed)
            _ = try await f.ledger.transfer(
                TransferRequest(fromWalletID: b.id, destination: .wallet(a.id), amount: 10, idempotencyKey: "t"), by: bob)
            #expect(try await f.reload(a).balance == 1_000)
            #expect(try await f.reload(b).balance == 990)
            try await f.expectClean()
        }
    }
}
