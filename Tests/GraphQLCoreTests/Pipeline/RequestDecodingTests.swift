import Testing
@testable import GraphQLCore

/// Request bodies from hostile or broken clients: each is refused with `BAD_USER_INPUT`, never altered.
@Suite struct RequestDecodingTests {
    static func body(_ prefix: String, _ raw: [UInt8], _ suffix: String) -> [UInt8] {
        Array(prefix.utf8) + raw + Array(suffix.utf8)
    }

    @Test(arguments: [
        [0xFF, 0xFE],  // never valid in UTF-8
        [0xC3],  // truncated two-byte sequence
        [0xED, 0xA0, 0x80],  // an encoded surrogate
        [0xC0, 0xAF],  // overlong "/"
    ] as [[UInt8]])
    func invalidUTF8InAVariableIsRefusedNotReplaced(_ raw: [UInt8]) {
        #expect(throws: GraphQLError.self) {
            try GraphQLRequest.decode(body: Self.body(#"{"query":"{ a }","variables":{"memo":""#, raw, #""}}"#))
        }
        #expect(throws: GraphQLError.self) {
            try GraphQLRequest.decode(body: Self.body(#"{"query":"{ a }","variables":{"memo":"\n"#, raw, #""}}"#))
        }
    }

    @Test func invalidUTF8InTheQueryIsRefusedWithBadUserInput() {
        do {
            _ = try GraphQLRequest.decode(body: Self.body(#"{"query":"{ a "#, [0xC3], #"}"}"#))
            Issue.record("decoded")
        } catch {
            #expect(error.code == .badUserInput)
            #expect(error.message == "The request body is not valid JSON: Invalid UTF-8 in string at byte 16.")
        }
    }

    @Test func validMultiByteTextStillDecodes() throws {
        let request = try GraphQLRequest.decode(body: Array(#"{"query":"{ a }","variables":{"memo":"é 💸 \u00e9\ud83d\udcb8"}}"#.utf8))
        #expect(request.variables["memo"] == .string("é 💸 é💸"))
    }
}
