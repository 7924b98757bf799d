import Foundation
import GraphQLCore
import Testing

@testable import WalletGraph

/// The pure parts of the read side: amount bounds per scale, cursors, page arguments.
@Suite struct ReadPagingUnitTests {
    @Test func amountBoundsRoundOutwardAtEachScale() throws {
        let half = try #require(AmountBounds("0.5"))
        #expect(half.minorUnits(scale: 0, rounding: .up) == 1 && half.minorUnits(scale: 0, rounding: .down) == 0)
        #expect(half.minorUnits(scale: 4, rounding: .up) == 5000 && half.minorUnits(scale: 4, rounding: .down) == 5000)
        let negative = try #require(AmountBounds("-1.25"))
        #expect(negative.minorUnits(scale: 1, rounding: .up) == -12 && negative.minorUnits(scale: 1, rounding: .down) == -13)
        #expect(negative.minorUnits(scale: 2, rounding: .down) == -125)
        let huge = try #require(AmountBounds("99999999999999999999"))
        #expect(huge.minorUnits(scale: 0, rounding: .down) == .max && huge.minorUnits(scale: 18, rounding: .up) == .max)
        let tiny = try #require(AmountBounds("-99999999999999999999.5"))
        #expect(tiny.minorUnits(scale: 0, rounding: .up) == .min)
        let edge = try #require(AmountBounds("9.223372036854775807"))
        #expect(edge.minorUnits(scale: 18, rounding: .up) == .max && edge.minorUnits(scale: 17, rounding: .up) == 922_337_203_685_477_581)
        #expect(AmountBounds("1e5") == nil && AmountBounds("") == nil && AmountBounds("1.") == nil)
    }

    @Test func amountTablesAreFixedWidth() throws {
        let table = try #require(AmountBounds("12.3")).table(rounding: .up)
        #expect(table.count == 19 * 20)
        #expect(table.prefix(40) == "+0000000000000000013+0000000000000000123")
        #expect(AmountBounds.fixedWidth(.min) == "-9223372036854775808")
        #expect(AmountBounds.fixedWidth(.max) == "+9223372036854775807")
    }

    @Test func cursorsRoundTripAndRejectForgeries() throws {
        let cursor = PageCursor(createdAt: Date(timeIntervalSince1970: 1_795_000_000.123456), id: UUID())
        #expect(PageCursor.decode(cursor.encoded) == cursor)
        #expect(PageCursor.decode(cursor.encoded + "A") == nil)
        #expect(PageCursor.decode("") == nil && PageCursor.decode("bm9wZQ") == nil)
        #expect(PageCursor.decode(GlobalID.encode(.wallet, UUID())) == nil)
    }

    @Test func pageArgumentsAreChecked() throws {
        let plain = try PageRequest(Arguments(), language: .english)
        #expect(plain.size == 20 && !plain.backward && plain.fetchLimit == 21)
        let last = try PageRequest(Arguments([("last", .int(5))]), language: .english)
        #expect(last.size == 5 && last.backward)
        for bad: [(name: String, value: InputValue)] in [
            [("first", .int(101))], [("last", .int(-1))], [("first", .int(1)), ("last", .int(1))],
            [("after", .string("zz"))],
        ] {
            #expect(throws: APIError.self) { try PageRequest(Arguments(bad), language: .indonesian) }
        }
        // The page keeps `size` rows; the extra row only tells that more follow.
        let rows = Array(1...6)
        let (kept, info) = try PageRequest(Arguments([("first", .int(5))]), language: .english).page(rows) { value in
            PageCursor(createdAt: Date(timeIntervalSince1970: Double(value)), id: UUID())
        }
        #expect(kept == [1, 2, 3, 4, 5] && info.hasNextPage && !info.hasPreviousPage)
        let (back, backInfo) = last.page(rows) { value in
            PageCursor(createdAt: Date(timeIntervalSince1970: Double(value)), id: UUID())
        }
        #expect(back == [5, 4, 3, 2, 1] && backInfo.hasPreviousPage && !backInfo.hasNextPage)
    }
}
