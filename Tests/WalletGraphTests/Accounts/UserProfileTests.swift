import Foundation
import Testing

import WalletGraph

/// Normalisation and rejection of each profile field, with no database.
@Suite struct UserProfileTests {
    static func profile(
        username: String = "alice", name: String = "Alice", email: String = "alice@example.com",
        phone: String = "081234567890", nik: String? = nil
    ) throws(DomainError) -> UserProfile {
        try UserProfile(username: username, name: name, email: email, phone: phone, nik: nik)
    }

    @Test func normalisesEveryField() throws {
        let profile = try Self.profile(
            username: "Alice.Smith_1", name: "  Alice Smith \n", email: "  Alice@Example.COM ",
            phone: " +62 812-3456-7890 ", nik: "3171234567890123")
        #expect(profile.username == "alice.smith_1")
        #expect(profile.name == "Alice Smith")
        #expect(profile.email == "alice@example.com")
        #expect(profile.phone == "+6281234567890")
        #expect(profile.nik == "3171234567890123")
    }

    @Test(arguments: ["abc", "a.b", "1st_user", String(repeating: "z", count: 32), "ALICE"])
    func acceptsUsernames(text: String) throws {
        #expect(try UserProfile.normalizedUsername(text) == text.lowercased())
    }

    @Test(arguments: [
        "", "ab", String(repeating: "z", count: 33), "_alice", ".alice", "al-ice", "ali ce", "ålice", "alice!", "ali\u{0}ce",
    ])
    func rejectsUsernames(text: String) {
        expectRuleError(.invalidInput, field: ["username"]) { try UserProfile.normalizedUsername(text) }
    }

    @Test(arguments: [
        ("Alice@Example.com", "alice@example.com"), ("  a@b.co  ", "a@b.co"), ("first.last+tag@mail.example.id", "first.last+tag@mail.example.id"),
    ])
    func acceptsEmails(text: String, expected: String) throws {
        #expect(try UserProfile.normalizedEmail(text) == expected)
    }

    @Test func emailLengthLimitIs254() throws {
        let domain = "@example.com"
        let fits = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(try UserProfile.normalizedEmail(fits) == fits)
        expectRuleError(.invalidInput, field: ["email"]) { try UserProfile.normalizedEmail("a" + fits) }
    }

    @Test(arguments: [
        "", "alice", "alice@", "@example.com", "a@@example.com", "a@b@c.com", "a@example", "a@.example.com", "a@example.com.",
        "a b@example.com", "a@exa mple.com", "a\u{0}@example.com",
    ])
    func rejectsEmails(text: String) {
        expectRuleError(.invalidInput, field: ["email"]) { try UserProfile.normalizedEmail(text) }
    }

    @Test(arguments: [
        ("081234567890", "+6281234567890"), ("6281234567890", "+6281234567890"), ("+6281234567890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"), ("0812-3456-7890", "+6281234567890"), ("+62 812-3456-7890", "+6281234567890"),
        ("  081234567890\t", "+6281234567890"),
        // 9 and 12 digits after the country code are the bounds.
        ("+62812345678", "+62812345678"), ("+62812345678901", "+62812345678901"), ("0812345678", "+62812345678"),
    ])
    func acceptsMobileNumbers(text: String, expected: String) throws {
        #expect(try UserProfile.normalizedPhone(text) == expected)
    }

    @Test(arguments: [
        "", "0811234", "+6281234567", "+628123456789012", "0211234567", "+62211234567", "62 21 1234 5678",
        "+1 812 3456 7890", "0812+34567890", "(0812)34567890", "0812.3456.7890", "08123456789a", "٠٨١٢٣٤٥٦٧٨٩٠",
        "++6281234567890", "6208123456789",
    ])
    func rejectsOtherNumbers(text: String) {
        expectRuleError(.invalidInput, field: ["phone"]) { try UserProfile.normalizedPhone(text) }
    }

    @Test(arguments: ["", nil] as [String?])
    func anEmptyNikIsNoNik(nik: String?) throws {
        #expect(try Self.profile(nik: nik).nik == nil)
    }

    @Test(arguments: ["317123456789012", "31712345678901234", "317123456789012a", "3171 2345 6789 012", "３１７１２３４５６７８９０１２３"])
    func rejectsNiks(nik: String) {
        expectRuleError(.invalidInput, field: ["nik"]) { try Self.profile(nik: nik) }
    }

    @Test(arguments: ["", "   ", String(repeating: "n", count: 101), "Bad\u{7}Name"])
    func rejectsNames(name: String) {
        expectRuleError(.invalidInput, field: ["name"]) { try Self.profile(name: name) }
    }

    @Test func acceptsAHundredCharacterName() throws {
        let name = String(repeating: "é", count: 100)
        #expect(try Self.profile(name: name).name == name)
    }

    /// Fields are checked in declaration order; the first bad one is reported.
    @Test func reportsTheFirstInvalidField() {
        expectRuleError(.invalidInput, field: ["username"]) {
            try Self.profile(username: "x", name: "", email: "bad", phone: "bad", nik: "1")
        }
        expectRuleError(.invalidInput, field: ["name"]) { try Self.profile(name: "", email: "bad", phone: "bad", nik: "1") }
        expectRuleError(.invalidInput, field: ["email"]) { try Self.profile(email: "bad", phone: "bad", nik: "1") }
        expectRuleError(.invalidInput, field: ["phone"]) { try Self.profile(phone: "bad", nik: "1") }
    }
}
