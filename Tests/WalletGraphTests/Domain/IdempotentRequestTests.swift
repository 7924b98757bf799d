import Foundation
import Testing

import WalletGraph

/// Key validation, the canonical text and the naming of differing fields, with no database.
@Suite struct IdempotentRequestTests {
    static let fields = ["walletId": "0190a1b2-0000-7000-8000-000000000001", "amount": "100", "description": ""]

    @Test(arguments: [
        "", String(repeating: "k", count: 256), String(repeating: "é", count: 256), "a\u{0}b", "line\nbreak", "tab\tkey",
        "\u{7F}", "\u{85}next-line",
    ])
    func rejectsInvalidKeys(key: String) {
        expectRuleError(.invalidIdempotencyKey, field: ["idempotencyKey"]) {
            try IdempotentRequest(key: key, operation: "topUp", fields: Self.fields)
        }
    }

    @Test(arguments: [
        "k", String(repeating: "k", count: 255), String(repeating: "é", count: 255), String(repeating: "💰", count: 255),
        "order-42 / retry #1", "ключ",
    ])
    func acceptsValidKeys(key: String) throws {
        let request = try IdempotentRequest(key: key, operation: "topUp", fields: Self.fields)
        #expect(request.key == key)
    }

    /// 255 scalars is the limit, not 255 bytes or UTF-16 units: a 4-byte emoji counts once.
    @Test func countsUnicodeScalarsNotBytes() throws {
        let key = String(repeating: "💰", count: 255)
        #expect(key.utf8.count == 1020)
        _ = try IdempotentRequest(key: key, operation: "spend", fields: [:])
        // A decomposed "é" is two scalars, so 128 of them exceed the limit though they are 128 characters.
        let decomposed = String(repeating: "e\u{301}", count: 128)
        #expect(decomposed.count == 128)
        expectRuleError(.invalidIdempotencyKey) { try IdempotentRequest(key: decomposed, operation: "spend", fields: [:]) }
    }

    @Test func canonicalTextIsSortedJSONWithTheOperation() throws {
        let request = try IdempotentRequest(
            key: "k", operation: "transfer",
            fields: ["toWalletId": "b", "amount": "5", "fromWalletId": "a/b", "description": "kopi \"susu\""])
        #expect(
            request.canonicalText
                == #"{"amount":"5","description":"kopi \"susu\"","fromWalletId":"a/b","operation":"transfer","toWalletId":"b"}"#)
    }

    @Test func canonicalTextAndFingerprintAreStableAndIgnoreTheKey() throws {
        let one = try IdempotentRequest(key: "one", operation: "topUp", fields: Self.fields)
        let two = try IdempotentRequest(key: "two", operation: "topUp", fields: Self.fields)
        #expect(one.canonicalText == two.canonicalText)
        #expect(one.fingerprint == two.fingerprint)
        #expect(one.fingerprint.count == 64)
        #expect(one.fingerprint.allSatisfy { "0123456789abcdef".contains($0) })
        // SHA-256 of the canonical text, checked against a known vector.
        let empty = try IdempotentRequest(key: "k", operation: "", fields: [:])
        #expect(empty.canonicalText == #"{"operation":""}"#)
        #expect(empty.fingerprint == "24e8f754ac20a2e67aa6f44b09e932a4b76f593701db08527179a369b88f9686")
        let other = try IdempotentRequest(key: "one", operation: "spend", fields: Self.fields)
        #expect(other.fingerprint != one.fingerprint)
    }

    @Test func theSameRequestDiffersInNothing() throws {
        let request = try IdempotentRequest(key: "k", operation: "topUp", fields: Self.fields)
        #expect(request.differingFields(fromStored: request.canonicalText).isEmpty)
    }

    @Test(arguments: [
        (["amount": "101"], "topUp", ["amount"]),
        (["description": "x"], "topUp", ["description"]),
        (["amount": "1", "walletId": "w"], "topUp", ["amount", "walletId"]),
        ([:], "spend", ["operation"]),
        (["amount": "2"], "spend", ["amount", "operation"]),
    ] as [([String: String], String, [String])])
    func namesExactlyTheDifferingFieldsSorted(changes: [String: String], operation: String, expected: [String]) throws {
        let stored = try IdempotentRequest(key: "k", operation: "topUp", fields: Self.fields)
        let current = try IdempotentRequest(
            key: "k", operation: operation, fields: Self.fields.merging(changes) { _, new in new })
        #expect(current.differingFields(fromStored: stored.canonicalText) == expected)
    }

    @Test func fieldsOnlyOnOneSideDiffer() throws {
        let stored = try IdempotentRequest(
            key: "k", operation: "transfer", fields: ["fromWalletId": "a", "toWalletId": "b", "amount": "1", "description": ""])
        let current = try IdempotentRequest(
            key: "k", operation: "transfer", fields: ["fromWalletId": "a", "toUsername": "bob", "amount": "1", "description": ""])
        #expect(current.differingFields(fromStored: stored.canonicalText) == ["toUsername", "toWalletId"])
    }

    @Test(arguments: ["", "not json", "[1,2]", #"{"amount":5}"#])
    func anUnreadableStoredRequestDiffersInOperation(stored: String) throws {
        let request = try IdempotentRequest(key: "k", operation: "topUp", fields: Self.fields)
        #expect(request.differingFields(fromStored: stored) == ["operation"])
    }
}
