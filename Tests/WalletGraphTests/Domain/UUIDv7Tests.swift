import Foundation
import Testing

import WalletGraph

/// Version and variant bits and the time prefix of UUIDv7.
@Suite struct UUIDv7Tests {
    static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    @Test func hasVersion7AndTheRFCVariant() {
        for _ in 0..<200 {
            let bytes = Self.bytes(UUIDv7.make())
            #expect(bytes[6] >> 4 == 7)
            #expect(bytes[8] >> 6 == 0b10)
        }
    }

    @Test func theFirst48BitsAreUnixMilliseconds() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.5)
        let bytes = Self.bytes(UUIDv7.make(at: date))
        let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_700_000_000_500)
        #expect(UUIDv7.make(at: date).uuidString.lowercased().hasPrefix("018bcfe5-69f4-7"))
    }

    @Test func idsFromLaterMillisecondsSortAfterEarlierOnes() {
        // Half a millisecond in, so that floating point cannot round a step back into the previous millisecond.
        func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: (Double(milliseconds) + 0.5) / 1000) }
        let base: Int64 = 1_750_000_000_000
        var previous = UUIDv7.make(at: date(base)).uuidString.lowercased()
        for step in Int64(1)...50 {
            let next = UUIDv7.make(at: date(base + step)).uuidString.lowercased()
            #expect(previous < next)
            previous = next
        }
    }

    @Test func theRandomBitsDiffer() {
        let date = Date()
        let ids = Set((0..<1000).map { _ in UUIDv7.make(at: date) })
        #expect(ids.count == 1000)
    }

    @Test func datesBeforeTheEpochClampToZero() {
        let bytes = Self.bytes(UUIDv7.make(at: Date(timeIntervalSince1970: -5)))
        #expect(bytes[0..<6].allSatisfy { $0 == 0 })
        #expect(bytes[6] >> 4 == 7)
    }
}
