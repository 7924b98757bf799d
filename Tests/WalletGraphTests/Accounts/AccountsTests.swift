import DatabaseTestSupport
import Foundation
import Testing

import WalletGraph

/// Users on both engines: creation and the uniqueness of usernames, emails and NIKs.
@Suite struct AccountsTests {
    static func profile(
        _ username: String, email: String? = nil, nik: String? = nil
    ) throws -> UserProfile {
        try UserProfile(
            username: username, name: username, email: email ?? "\(username)@example.com", phone: "0812-3456-7890", nik: nik)
    }

    @Test(arguments: Engine.all)
    func createsAndReadsBackAUser(engine: Engine) async throws {
        try await withLedger(engine) { f in
            let record = try await f.accounts.createUser(
                UserProfile(username: "Dewi", name: " Dewi Lestari ", email: "Dewi@Example.com", phone: "+62 812 1111 2222", nik: "3171234567890123"),
                passwordHash: "hash", role: .operator)
            #expect(record.username == "dewi" && record.name == "Dewi Lestari" && record.email == "dewi@example.com")
            #expect(record.phone == "+6281211112222" && record.nik == "3171234567890123" && record.role == .operator)
            #expect(record.tokenVersion == 0)
            #expect(try await f.accounts.user(record.id) == record)
            #expect(try await f.accounts.user(UUID()) == nil)
        }
    }

    @Test(arguments: Engine.all)
    func takenUsernamesEmailsAndNiksAreRejected(engine: Engine) async throws {
        try await withLedger(engine) { f in
            _ = try await f.accounts.createUser(Self.profile("alice", nik: "1111222233334444"), passwordHash: "x")
            await expectDomainError(.usernameTaken, field: ["username"]) {
                try await f.accounts.createUser(Self.profile("ALICE", email: "other@example.com"), passwordHash: "x")
            }
            await expectDomainError(.emailTaken, field: ["email"]) {
                try await f.accounts.createUser(Self.profile("alice2", email: "Alice@Example.com"), passwordHash: "x")
            }
            await expectDomainError(.nikTaken, field: ["nik"]) {
                try await f.accounts.createUser(Self.profile("alice3", nik: "1111222233334444"), passwordHash: "x")
            }
            // Users without a NIK do not collide with each other.
            _ = try await f.accounts.createUser(Self.profile("bob"), passwordHash: "x")
            _ = try await f.accounts.createUser(Self.profile("carol", nik: ""), passwordHash: "x")
            // The rejected users were not created: their usernames are still free.
            let alice2 = try await f.accounts.createUser(Self.profile("alice2"), passwordHash: "x")
            #expect(alice2.username == "alice2")
        }
    }
}
