import Testing

@testable import WalletGraph

@Suite struct DecimalAmountTests {
    @Test(arguments: [
        ("0", 0, Int64(0)), ("1000000", 0, 1_000_000), ("1.2345", 4, 12345), ("1", 4, 10000), ("0.1", 4, 1000),
        ("-500", 0, -500), ("-0.0001", 4, -1), ("9223372036854775807", 0, Int64.max),
        ("-9223372036854775808", 0, Int64.min), ("922337203685477.5807", 4, Int64.max),
    ])
    func parses(text: String, scale: Int, expected: Int64) throws {
        #expect(try DecimalAmount.parse(text, scale: scale) == expected)
    }

    @Test(arguments: [
        ("", 0, DecimalAmount.ParseFailure.malformed), ("1e5", 0, .malformed), ("+1", 0, .malformed),
        (" 1", 0, .malformed), ("1.", 2, .malformed), (".5", 2, .malformed), ("--1", 0, .malformed),
        ("1.5", 0, .tooManyFractionDigits), ("1.23456", 4, .tooManyFractionDigits),
        ("9223372036854775808", 0, .outOfRange), ("922337203685477.5808", 4, .outOfRange),
        ("1", 19, .outOfRange), ("1,5", 1, .malformed), ("١", 0, .malformed),
    ])
    func rejects(text: String, scale: Int, failure: DecimalAmount.ParseFailure) {
        #expect(throws: failure) { try DecimalAmount.parse(text, scale: scale) }
    }

    @Test(arguments: [
        (Int64(12345), 4, "1.2345"), (-500, 0, "-500"), (5, 4, "0.0005"), (0, 2, "0.00"), (-1, 4, "-0.0001"),
        (Int64.min, 0, "-9223372036854775808"), (Int64.max, 4, "922337203685477.5807"), (1_000_000, 0, "1000000"),
    ])
    func formats(value: Int64, scale: Int, text: String) throws {
        #expect(DecimalAmount.format(value, scale: scale) == text)
        #expect(try DecimalAmount.parse(text, scale: scale) == value)
    }

    @Test func wholeUnits() throws {
        #expect(try DecimalAmount.fromWholeUnits(7, scale: 2) == 700)
        #expect(throws: DecimalAmount.ParseFailure.outOfRange) { try DecimalAmount.fromWholeUnits(Int64.max, scale: 1) }
    }
}
